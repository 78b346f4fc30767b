"""A board's decision list ("besluitenlijst") as CSV and PDF: rows and a translator in, bytes out.

Pure: no I/O, no database, no Telegram. The PDF uses fpdf2's core fonts, which only speak
latin-1, so every string that goes into it passes through :func:`latin1` first.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.texts import clock
from bot.texts.html import esc

# fpdf2 (with fontTools) takes longer to import than the rest of the bot together: it is imported
# when a PDF is made, not by everyone who needs a decision row or a date (the chat, the CLI).
if TYPE_CHECKING:
    from fpdf import FPDF

    from bot.services.followups import FollowUp

BABEL_LOCALES = {"nl": "nl_NL", "en": "en_GB"}

FONT = "Helvetica"
TITLE_SIZE = 14
TEXT_SIZE = 10
TABLE_SIZE = 8
LINE_HEIGHT = 4.0  # mm per table text line at TABLE_SIZE
MARGIN = 15.0  # mm on every side; the footer sits in the bottom margin
# Widths of number, date, title, outcome, tally, reason in mm; they fill the 180 mm text width
# (fpdf2 treats them as proportions). The date column fits "28 september 2026" on one line.
COLUMN_WIDTHS = (12, 28, 36, 19, 26, 45, 30)
# fpdf2 cannot split a table row over two pages, so one cell may not outgrow a page
# (about 65 lines of LINE_HEIGHT fit under the heading row); longer text is cut off
# in the PDF. The CSV always carries the full text.
MAX_CELL_LINES = 50
MAX_SLUG_LENGTH = 80

RESULTS = ("adopted", "rejected", "no_decision", "withdrawn")


@dataclass(frozen=True)
class DecisionRow:
    """One closed proposal, as it appears in the decision list."""

    number: int
    closed_at: datetime
    title: str
    result: str
    tally: str
    reason: str
    #: "owner; review date" of an adopted decision's follow-up ("" when it has none).
    follow_up: str = ""


# --- shared -------------------------------------------------------------------------------


def result_label(result: str, t: Translator) -> str:
    """ "Aangenomen" / "Adopted" for "adopted", and so on; an unknown result as it is."""
    labels = {
        "adopted": t.gettext("Adopted"),
        "rejected": t.gettext("Rejected"),
        "no_decision": t.gettext("No decision"),
        "deferred": t.gettext("Deferred to the next meeting"),
        "withdrawn": t.gettext("Withdrawn"),
    }
    return labels.get(result, result)


def render_decision_list(
    board_name: str,
    rows: Sequence[DecisionRow],
    open_items: Sequence[FollowUp],
    t: Translator,
    today: date,
) -> str:
    """/besluiten: the board's decisions and its open follow-ups (overdue ones marked)."""
    lines = [t.gettext("<b>Decision list</b> of the {board}").format(board=esc(board_name)), ""]
    if not rows:
        lines.append(t.gettext("No decisions yet."))
    for row in rows:
        lines.append(f"{row.number}. {esc(row.title)}: <b>{esc(result_label(row.result, t))}</b>")
    if open_items:
        lines += ["", "<b>" + t.gettext("Open follow-ups") + "</b>"]
        for item in open_items:
            line = t.gettext("{number}. {title}: {owner}, review on {date}").format(
                number=item.motion_id,
                title=esc(item.title),
                owner=esc(item.owner),
                date=review_date(item.review_on, t),
            )
            lines.append(line + (" ⚠️ " + t.gettext("overdue") if item.review_on < today else ""))
    return "\n".join(lines)


def column_names(t: Translator) -> list[str]:
    """The translated column headings, in column order."""
    return [
        t.gettext("Number"),
        t.gettext("Date"),
        t.gettext("Title"),
        t.gettext("Outcome"),
        t.gettext("Tally"),
        t.gettext("Reason"),
        t.gettext("Follow-up"),
    ]


def local_day(moment: datetime, zone: ZoneInfo | None = None) -> date:
    """The calendar day of ``moment`` in the board's time zone."""
    zone = zone or clock.zone()
    return moment.astimezone(zone).date()


def long_date(moment: datetime, t: Translator) -> str:
    """ "4 december 2026" / "4 December 2026", in the board's time zone."""
    from babel.dates import format_date

    locale = BABEL_LOCALES.get(t.language, "en_GB")
    return format_date(local_day(moment), format="long", locale=locale)


def review_date(day: date, t: Translator) -> str:
    """ "1 maart 2027" / "1 March 2027"."""
    from babel.dates import format_date

    return format_date(day, format="long", locale=BABEL_LOCALES.get(t.language, "en_GB"))


# --- CSV ----------------------------------------------------------------------------------


def csv_delimiter(t: Translator) -> str:
    """ ";" for Dutch Excel (where "," is the decimal separator), "," otherwise."""
    return ";" if t.language == "nl" else ","


def inert(cell: str) -> str:
    """Keep a spreadsheet from running user text as a formula (CSV injection): prefix a quote."""
    return "'" + cell if cell[:1] in {"=", "+", "-", "@", "\t", "\r"} else cell


def csv_record(row: DecisionRow, t: Translator) -> list[str]:
    """One decision as CSV fields; the date in ISO form so machines can read it."""
    return [
        str(row.number),
        local_day(row.closed_at).isoformat(),
        inert(row.title),
        result_label(row.result, t),
        row.tally,
        inert(row.reason),
        inert(row.follow_up),
    ]


def decisions_csv(board_name: str, rows: Sequence[DecisionRow], t: Translator) -> bytes:
    """The decision list as UTF-8 CSV with a BOM (for Excel): a header row, then one row each.

    ``board_name`` is not written into the body; it belongs in the file name.
    """
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=csv_delimiter(t))
    writer.writerow(column_names(t))
    writer.writerows(csv_record(row, t) for row in rows)
    return buffer.getvalue().encode("utf-8-sig")


# --- latin-1 for the PDF core fonts -------------------------------------------------------

_SUBSTITUTES = str.maketrans(
    {
        "\u2018": "'",  # ‘
        "\u2019": "'",  # ’
        "\u201a": "'",  # ‚
        "\u201b": "'",  # ‛
        "\u2032": "'",  # ′
        "\u201c": '"',  # “
        "\u201d": '"',  # ”
        "\u201e": '"',  # „
        "\u201f": '"',  # ‟
        "\u2033": '"',  # ″
        "\u2039": "<",  # ‹
        "\u203a": ">",  # ›
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # –
        "\u2014": "-",  # —
        "\u2015": "-",  # horizontal bar
        "\u2212": "-",  # minus sign
        "\u2022": "-",  # bullet
        "\u2026": "...",  # …
        "\u20ac": "EUR",  # €
        "\u2002": " ",
        "\u2003": " ",
        "\u2009": " ",  # thin space
        "\u202f": " ",  # narrow no-break space
        "\u200b": "",  # zero-width space
        "\u200c": "",  # zero-width non-joiner
        "\u200d": "",  # zero-width joiner (inside emoji sequences)
        "\ufe0e": "",  # variation selectors
        "\ufe0f": "",
        "\ufeff": "",  # byte order mark
        "\r": "\n",
        "\t": " ",
    }
)
_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def latin1(text: str) -> str:
    """``text`` in characters the PDF core fonts can show; never raises.

    Composed accents are kept (NFC, so "e" + combining acute becomes "é"); typographic quotes,
    dashes, the ellipsis and € become ' " - ... EUR; invisible joiners and selectors vanish;
    control characters other than the newline are dropped; anything else outside latin-1
    (emoji, "Ł", "ź") becomes "?".
    """
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n")).translate(_SUBSTITUTES)
    text = _CONTROL.sub("", text)
    return text.encode("latin-1", errors="replace").decode("latin-1")


# --- PDF ----------------------------------------------------------------------------------


@cache
def _document_class() -> type[FPDF]:
    """The document class, defined on the first PDF (it subclasses fpdf2's, imported then)."""
    from fpdf import FPDF

    class DecisionListPdf(FPDF):
        """A4 portrait with "Page n of m" in the footer."""

        def __init__(self, page_label: str) -> None:
            super().__init__(orientation="portrait", unit="mm", format="A4")
            self.page_label = page_label

        def footer(self) -> None:
            """Centred page number in the bottom margin; fpdf2 fills in the page total."""
            self.set_y(-MARGIN + 3)
            self.set_font(FONT, size=TABLE_SIZE)
            text = self.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
            self.cell(0, LINE_HEIGHT, latin1(text), align="C")

    return DecisionListPdf


def new_document(t: Translator, *, compress: bool) -> FPDF:
    """An empty document (A4, "Page n of m" in the footer), margins, page alias and language."""
    pdf = _document_class()(t.gettext("Page {page} of {pages}"))
    pdf.set_compression(compress)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.alias_nb_pages()
    pdf.set_lang(t.language)
    pdf.set_creator("werkbot")
    return pdf


def write_heading(pdf: FPDF, board_name: str, t: Translator, generated_at: datetime) -> None:
    """The title with the board's name and the "Made on" line."""
    from fpdf.enums import XPos, YPos

    title = t.gettext("Decision list {board}").format(board=board_name)
    pdf.set_title(latin1(title))
    pdf.set_font(FONT, style="B", size=TITLE_SIZE)
    pdf.multi_cell(0, 7, latin1(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=TEXT_SIZE)
    made_on = t.gettext("Made on {date}").format(date=long_date(generated_at, t))
    pdf.multi_cell(0, 6, latin1(made_on), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)


def column_widths_mm(pdf: FPDF) -> list[float]:
    """The actual width of each column: the relative widths spread over the text width."""
    total = sum(COLUMN_WIDTHS)
    return [pdf.epw * width / total for width in COLUMN_WIDTHS]


def clip_to_lines(pdf: FPDF, text: str, width: float) -> str:
    """``text`` (already latin-1) cut to at most MAX_CELL_LINES wrapped lines in the current font."""
    from fpdf.enums import MethodReturnValue

    lines = pdf.multi_cell(
        width,
        LINE_HEIGHT,
        text,
        align="L",
        dry_run=True,
        output=MethodReturnValue.LINES,
    )
    if not isinstance(lines, list) or len(lines) <= MAX_CELL_LINES:
        return text
    kept = [str(line).rstrip() for line in lines[: MAX_CELL_LINES - 1]]
    return "\n".join([*kept, "..."])


def pdf_cells(row: DecisionRow, t: Translator) -> list[str]:
    """One decision as table cells (long date in the reader's language), latin-1 safe."""
    return [
        latin1(text)
        for text in (
            str(row.number),
            long_date(row.closed_at, t),
            row.title,
            result_label(row.result, t),
            row.tally,
            row.reason,
            row.follow_up,
        )
    ]


def write_table(pdf: FPDF, rows: Sequence[DecisionRow], t: Translator) -> None:
    """The decisions as a wrapped table whose heading row repeats on every page."""
    from fpdf.fonts import FontFace

    pdf.set_font(FONT, size=TABLE_SIZE)
    widths = column_widths_mm(pdf)
    headings = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
    with pdf.table(
        col_widths=COLUMN_WIDTHS,
        line_height=LINE_HEIGHT,
        text_align="LEFT",
        v_align="TOP",
        headings_style=headings,
        repeat_headings=1,
    ) as table:
        heading_row = table.row()
        for name in column_names(t):
            heading_row.cell(latin1(name))
        for decision in rows:
            body_row = table.row()
            for text, width in zip(pdf_cells(decision, t), widths, strict=True):
                body_row.cell(clip_to_lines(pdf, text, width))


def decisions_pdf(
    board_name: str,
    rows: Sequence[DecisionRow],
    t: Translator,
    generated_at: datetime,
    *,
    compress: bool = True,
) -> bytes:
    """The decision list as an A4 PDF: title, "Made on" line, then the table (or a sentence).

    ``compress=False`` leaves the page streams readable, for tests.
    """
    pdf = new_document(t, compress=compress)
    pdf.add_page()
    write_heading(pdf, board_name, t, generated_at)
    if rows:
        write_table(pdf, rows, t)
    else:
        pdf.set_font(FONT, size=TEXT_SIZE)
        pdf.multi_cell(0, 6, latin1(t.gettext("No decisions yet.")), align="L")
    return bytes(pdf.output())


# --- file name ----------------------------------------------------------------------------

_ASCII_FOLDS = str.maketrans(
    {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss", "æ": "ae", "Æ": "AE"}
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str, max_length: int = MAX_SLUG_LENGTH) -> str:
    """ "Bestuur Werkbedrijf Achterhoek" -> "bestuur-werkbedrijf-achterhoek" (ASCII, hyphens)."""
    folded = unicodedata.normalize("NFKD", text.translate(_ASCII_FOLDS))
    bare = "".join(char for char in folded if not unicodedata.combining(char)).lower()
    result = _NOT_SLUG.sub("-", bare).strip("-")  # other non-ASCII (dashes, emoji) separates
    if len(result) > max_length:
        cut = result[: max_length + 1]
        result = cut.rsplit("-", 1)[0] if "-" in cut else cut[:max_length]
    return result


def decisions_filename(board_name: str, extension: str, t: Translator) -> str:
    """ "besluitenlijst-bestuur-werkbedrijf-achterhoek.pdf" / "decision-list-….csv"."""
    prefix = slug(t.gettext("decision-list")) or "decision-list"
    stem = "-".join(part for part in (prefix, slug(board_name)) if part)
    suffix = slug(extension.lstrip("."))
    return f"{stem}.{suffix}" if suffix else stem
