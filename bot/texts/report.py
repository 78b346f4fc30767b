"""The draft yearly report as a PDF (fpdf2, the same layout as the decision list)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.i18n import Translator
from bot.texts.agreement import long_date
from bot.texts.decisions import FONT, TEXT_SIZE, TITLE_SIZE, latin1, new_document, result_label
from bot.texts.decisions import long_date as long_moment

if TYPE_CHECKING:
    from bot.services.yearly import YearReport


def report_pdf(
    report: YearReport, t: Translator, generated_at: datetime, *, compress: bool = True
) -> bytes:
    """Title, due date and recipients, meetings against the rhythm, attendance, decisions."""
    from fpdf.enums import XPos, YPos  # fpdf2 is imported when a PDF is made

    pdf = new_document(t, compress=compress)
    pdf.add_page()

    def line(text: str, *, bold: bool = False, size: float = TEXT_SIZE, gap: float = 0) -> None:
        pdf.set_font(FONT, style="B" if bold else "", size=size)
        pdf.multi_cell(0, 6, latin1(text), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        if gap:
            pdf.ln(gap)

    title = t.gettext("Yearly report {year} of the {board} (draft)").format(
        year=report.year, board=report.board.name
    )
    pdf.set_title(latin1(title))
    line(title, bold=True, size=TITLE_SIZE)
    line(t.gettext("Made on {date}").format(date=long_moment(generated_at, t)), gap=3)
    if report.due is not None:
        line(
            t.gettext("Due by {due}, to {recipients}.").format(
                due=long_date(report.due, t), recipients=report.recipients or ""
            )
        )
    if report.includes:
        line(t.gettext("It includes {includes}.").format(includes=report.includes))
    pdf.ln(3)
    line(t.gettext("Meetings"), bold=True)
    if not report.meetings:
        line(t.gettext("No meetings were held."))
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
    pdf.ln(3)
    line(t.gettext("Attendance"), bold=True)
    for entry in report.attendance:
        line(
            t.gettext("{seat} ({holder}): present at {present} of {meetings}").format(
                seat=entry.seat, holder=entry.holder, present=entry.present, meetings=entry.meetings
            )
        )
    pdf.ln(3)
    line(t.gettext("Decisions"), bold=True)
    if not report.decisions:
        line(t.gettext("No decisions yet."))
    for row in report.decisions:
        line(
            f"{row.number}. {row.title}: {result_label(row.result, t)} ({long_moment(row.closed_at, t)})"
        )
    return bytes(pdf.output())
