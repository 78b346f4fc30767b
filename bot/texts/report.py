"""The draft yearly report as a PDF (fpdf2, the same page and footer as the decision list).

It claims only what werkbot's data supports: meetings as planned in werkbot (not cancelled),
attendance as answered in werkbot, decisions as recorded. What the agreement asks for that
werkbot holds no data on (a financial paragraph) is a marked placeholder for the secretary.
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.i18n import Translator
from bot.texts.agreement import long_date
from bot.texts.decisions import FONT, TEXT_SIZE, TITLE_SIZE, latin1, new_document, result_label
from bot.texts.decisions import long_date as long_moment

if TYPE_CHECKING:
    from bot.services.yearly import DutySection, YearReport

SECTION_GAP = 3.0  # mm before each section heading
PLACEHOLDER_FILL = (255, 243, 205)  # a pale yellow box: visibly not finished


def placeholder_text(duty: DutySection, t: Translator) -> str:
    """The marked placeholder for a part of the report werkbot cannot write."""
    return t.gettext(
        "TO BE FILLED IN BY THE SECRETARY: {includes}. werkbot holds no data for this part; "
        "replace this box before the report is sent."
    ).format(includes=duty.includes)


def report_pdf(
    report: YearReport, t: Translator, generated_at: datetime, *, compress: bool = True
) -> bytes:
    """Heading block, a section per reporting duty, meetings, attendance, decisions."""
    from fpdf.enums import XPos, YPos  # fpdf2 is imported when a PDF is made

    pdf = new_document(t, compress=compress)
    pdf.add_page()

    def line(text: str, *, bold: bool = False, size: float = TEXT_SIZE, gap: float = 0) -> None:
        pdf.set_font(FONT, style="B" if bold else "", size=size)
        pdf.multi_cell(0, 6, latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if gap:
            pdf.ln(gap)

    def heading(text: str) -> None:
        pdf.ln(SECTION_GAP)
        line(text, bold=True, size=TEXT_SIZE + 2)

    title = t.gettext("Yearly report {year} of the {board} (draft)").format(
        year=report.year, board=report.board.name
    )
    pdf.set_title(latin1(title))
    line(title, bold=True, size=TITLE_SIZE)
    for label, value in (
        (t.gettext("Agreement"), report.agreement),
        (
            t.gettext("Period"),
            t.gettext("{start} to {end}").format(
                start=long_date(datetime(report.year, 1, 1).date(), t),
                end=long_date(datetime(report.year, 12, 31).date(), t),
            ),
        ),
        (t.gettext("Made on"), long_moment(generated_at, t)),
        (t.gettext("Audit check number"), report.anchor),
    ):
        line(f"{label}: {value}")
    if report.ended is not None:
        line(
            t.gettext(
                "The agreement ended on {date}; it asks no report on a year after that."
            ).format(date=long_date(report.ended, t))
        )

    if not report.duties:
        heading(t.gettext("Reporting duties"))
        line(
            t.gettext(
                "The agreement asks no yearly report on {year}. This overview is for the "
                "board's own use."
            ).format(year=report.year)
        )
    for duty in report.duties:
        heading(duty.name)
        line(
            t.gettext("Due by {due}, to {recipients} ({cite}).").format(
                due=long_date(duty.due, t), recipients=duty.recipients, cite=duty.cite
            )
        )
        if duty.includes:
            line(
                t.gettext("The agreement asks that it include {includes}.").format(
                    includes=duty.includes
                )
            )
            pdf.ln(1)
            pdf.set_fill_color(*PLACEHOLDER_FILL)
            pdf.set_font(FONT, style="B", size=TEXT_SIZE)
            pdf.multi_cell(
                0,
                6,
                latin1(placeholder_text(duty, t)),
                border=1,
                fill=True,
                align="L",
                new_x=XPos.LMARGIN,
                new_y=YPos.NEXT,
            )

    heading(t.gettext("Meetings"))
    line(t.gettext("As planned in werkbot and not cancelled; werkbot does not record minutes."))
    if not report.meetings:
        line(t.gettext("No meetings were planned in werkbot for this year."))
    for day in report.meetings:
        line("- " + long_date(day, t))
    for period in report.periods:
        verdict = t.gettext("enough") if not period.short else t.gettext("too few")
        line(
            t.gettext("{start} to {end}: {held} of at least {required} ({verdict})").format(
                start=long_date(period.starts, t),
                end=long_date(period.ends, t),
                held=period.held,
                required=period.required,
                verdict=verdict,
            )
        )
    heading(t.gettext("Attendance"))
    line(
        t.gettext("As the members answered in werkbot; a meeting without answers counts as absent.")
    )
    for entry in report.attendance:
        line(
            t.gettext("{seat} ({holder}): present at {present} of {meetings}").format(
                seat=entry.seat, holder=entry.holder, present=entry.present, meetings=entry.meetings
            )
        )
    heading(t.gettext("Decisions"))
    if not report.decisions:
        line(t.gettext("No decisions yet."))
    for row in report.decisions:
        line(
            f"{row.number}. {row.title}: {result_label(row.result, t)} ({long_moment(row.closed_at, t)})"
        )
    return bytes(pdf.output())
