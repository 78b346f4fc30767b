"""A board's decision list ("besluitenlijst") as CSV and PDF: rows and a translator in, bytes out.

Pure: no I/O, no database, no Telegram. The PDF uses fpdf2's core fonts, which only speak
latin-1, so every string that goes into it passes through :func:`latin1` first.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.texts import clock
from bot.texts.html import esc
from rules.decide import Result
from rules.explain import result_label as explained_result

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
# What each column of the decision list would like of the text width (number, date, proposal,
# outcome, reason, follow-up), as proportions. Every column is first made wide enough for its
# longest word (see :func:`fit_widths`), so a word is never broken across lines.
COLUMN_SHARES = (4, 11, 33, 13, 29, 10)
# A word wider than this share of the text width (a long link, a made-up word) is cut into
# pieces that each end in "-": one such word may not squeeze every other column.
MAX_WORD_SHARE = 0.3
# fpdf2 cannot split a table row over two pages, so one cell may not outgrow a page
# (about 40 lines of LINE_HEIGHT fit under the heading block in landscape); longer text is cut
# off in the PDF. The CSV always carries the full text.
MAX_CELL_LINES = 34
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
    #: The reasons: the quorum, each step of the procedure with its clause, the presence.
    reason: str
    #: "owner; review date" of an adopted decision's follow-up ("" when it has none).
    follow_up: str = ""
    #: The proposal's text: what was decided, not only its title.
    text: str = ""
    #: A secret ballot: the row carries counts only, never who took part or chose what.
    secret: bool = False


@dataclass(frozen=True)
class DecisionList:
    """The decision list as a document: its heading block and its rows."""

    board: str
    #: The agreement the board works under, e.g. "Samenwerkingsovereenkomst ... (achterhoek-2014)".
    agreement: str
    made_at: datetime
    #: The audit chain's tip when the list was made ("HASH@NUMBER", the full hash).
    anchor: str
    rows: tuple[DecisionRow, ...]

    @property
    def period(self) -> tuple[datetime, datetime] | None:
        """The first and the last decision's moment (None for an empty list)."""
        if not self.rows:
            return None
        moments = [row.closed_at for row in self.rows]
        return min(moments), max(moments)


# --- shared -------------------------------------------------------------------------------


def result_label(result: str, t: Translator) -> str:
    """ "Aangenomen" / "Adopted" for "adopted" (rules.explain.result_label), "Ingetrokken" /
    "Withdrawn" for a withdrawn proposal; an unknown result as it is."""
    if result == "withdrawn":
        return t.gettext("Withdrawn")
    try:
        return explained_result(Result(result), t)
    except ValueError:
        return result


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
    """The translated column headings of the PDF, in column order."""
    return [
        t.gettext("No."),
        t.gettext("Date"),
        t.gettext("Proposal and decision text"),
        t.gettext("Outcome"),
        t.gettext("Reason"),
        t.gettext("Follow-up"),
    ]


def csv_column_names(t: Translator) -> list[str]:
    """The CSV's headings: the PDF's fields, each in its own column, and its heading block."""
    return [
        t.gettext("Number"),
        t.gettext("Date"),
        t.gettext("Title"),
        t.gettext("Decision text"),
        t.gettext("Outcome"),
        t.gettext("Tally"),
        t.gettext("Secret ballot"),
        t.gettext("Reason"),
        t.gettext("Follow-up"),
        t.gettext("Board"),
        t.gettext("Agreement"),
        t.gettext("Made on"),
        t.gettext("Audit check number"),
    ]


def outcome_text(row: DecisionRow, t: Translator) -> str:
    """The outcome cell: the result, the counts, and for a secret ballot that it was one."""
    parts = [result_label(row.result, t), row.tally]
    if row.secret:
        parts.append(t.gettext("Secret ballot: counts only."))
    return "\n".join(part for part in parts if part)


def period_text(document: DecisionList, t: Translator) -> str:
    """ "4 december 2026 to 11 december 2026", or that there are no decisions yet."""
    period = document.period
    if period is None:
        return t.gettext("No decisions yet.")
    return t.gettext("{start} to {end}").format(
        start=long_date(period[0], t), end=long_date(period[1], t)
    )


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


def csv_record(row: DecisionRow, document: DecisionList, t: Translator) -> list[str]:
    """One decision as CSV fields; dates in ISO form so machines can read them."""
    return [
        str(row.number),
        local_day(row.closed_at).isoformat(),
        inert(row.title),
        inert(row.text),
        result_label(row.result, t),
        row.tally,
        t.gettext("yes") if row.secret else t.gettext("no"),
        inert(row.reason),
        inert(row.follow_up),
        inert(document.board),
        inert(document.agreement),
        local_day(document.made_at).isoformat(),
        document.anchor,
    ]


def decisions_csv(document: DecisionList, t: Translator) -> bytes:
    """The decision list as UTF-8 CSV with a BOM (for Excel): a header row, then one row each;
    the heading block (board, agreement, date made, audit check number) in every row."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, delimiter=csv_delimiter(t))
    writer.writerow(csv_column_names(t))
    writer.writerows(csv_record(row, document, t) for row in document.rows)
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
        """A4 with "Page n of m" in the footer."""

        def __init__(self, page_label: str, landscape: bool = False) -> None:
            orientation = "landscape" if landscape else "portrait"
            super().__init__(orientation=orientation, unit="mm", format="A4")
            self.page_label = page_label

        def footer(self) -> None:
            """Centred page number in the bottom margin; fpdf2 fills in the page total."""
            self.set_y(-MARGIN + 3)
            self.set_font(FONT, size=TABLE_SIZE)
            text = self.page_label.format(page=self.page_no(), pages=self.str_alias_nb_pages)
            self.cell(0, LINE_HEIGHT, latin1(text), align="C")

    return DecisionListPdf


def new_document(t: Translator, *, compress: bool, landscape: bool = False) -> FPDF:
    """An empty document (A4, "Page n of m" in the footer), margins, page alias and language."""
    pdf = _document_class()(t.gettext("Page {page} of {pages}"), landscape)
    pdf.set_compression(compress)
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.alias_nb_pages()
    pdf.set_lang(t.language)
    pdf.set_creator("werkbot")
    return pdf


def write_heading(pdf: FPDF, document: DecisionList, t: Translator) -> None:
    """The heading block: title, board, agreement, period, date made, audit check number."""
    from fpdf.enums import XPos, YPos

    title = t.gettext("Decision list {board}").format(board=document.board)
    pdf.set_title(latin1(title))
    pdf.set_font(FONT, style="B", size=TITLE_SIZE)
    pdf.multi_cell(0, 7, latin1(title), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    fields = [
        (t.gettext("Board"), document.board),
        (t.gettext("Agreement"), document.agreement),
        (t.gettext("Period"), period_text(document, t)),
        (t.gettext("Made on"), long_date(document.made_at, t)),
        (t.gettext("Audit check number"), document.anchor),
    ]
    pdf.set_font(FONT, style="B", size=TEXT_SIZE)
    label_width = max(pdf.get_string_width(latin1(label + ":")) for label, _ in fields) + 4
    for label, value in fields:
        pdf.set_font(FONT, style="B", size=TEXT_SIZE)
        pdf.cell(label_width, 5, latin1(label + ":"))
        pdf.set_font(FONT, size=TEXT_SIZE)
        pdf.multi_cell(0, 5, latin1(value), align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(4)


def split_long_words(text: str, fits: Callable[[str], bool]) -> str:
    """``text`` with every word that does not ``fit`` cut into pieces ending in "-"."""
    out = []
    for line in text.split("\n"):
        words = []
        for word in line.split(" "):
            pieces = []
            while len(word) > 1 and not fits(word):
                low, high = 1, len(word) - 1  # the longest start that fits with its "-"
                while low < high:
                    middle = (low + high + 1) // 2
                    if fits(word[:middle] + "-"):
                        low = middle
                    else:
                        high = middle - 1
                pieces.append(word[:low] + "-")
                word = word[low:]
            words.append(" ".join([*pieces, word]))
        out.append(" ".join(words))
    return "\n".join(out)


def fit_widths(longest: Sequence[float], shares: Sequence[int], total: float) -> list[float]:
    """Column widths that fill ``total``: each at least its ``longest`` word, the rest of the
    width shared out by ``shares`` among the columns that want more than their minimum."""
    wanted = [total * share / sum(shares) for share in shares]
    widths = [max(low, want) for low, want in zip(longest, wanted, strict=True)]
    for _ in range(len(widths)):
        over = sum(widths) - total
        slack = [width - low for width, low in zip(widths, longest, strict=True)]
        if over <= 1e-6 or sum(slack) <= 1e-6:
            break
        widths = [w - over * s / sum(slack) for w, s in zip(widths, slack, strict=True)]
    spare = total - sum(widths)
    if spare > 0:  # every column got its minimum and there is room left: give it by share
        widths = [w + spare * share / sum(shares) for w, share in zip(widths, shares, strict=True)]
    return widths


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
    proposal = row.title + ("\n\n" + row.text if row.text.strip() else "")
    return [
        latin1(text)
        for text in (
            str(row.number),
            long_date(row.closed_at, t),
            proposal,
            outcome_text(row, t),
            row.reason,
            row.follow_up,
        )
    ]


def _word_width(pdf: FPDF, text: str, *, bold: bool) -> float:
    pdf.set_font(FONT, style="B" if bold else "", size=TABLE_SIZE)
    return max((pdf.get_string_width(word) for word in text.split()), default=0.0)


def write_table(pdf: FPDF, rows: Sequence[DecisionRow], t: Translator) -> None:
    """The decisions as a wrapped table whose heading row repeats on every page; every column
    is at least as wide as its longest word, so lines break only between words."""
    from fpdf.fonts import FontFace

    padding = 2 * pdf.c_margin + 1.0  # fpdf2's cell margin on both sides, and some air
    cap = pdf.epw * MAX_WORD_SHARE

    def fits(word: str) -> bool:
        return pdf.get_string_width(word) + padding <= cap

    pdf.set_font(FONT, size=TABLE_SIZE)
    body = [[split_long_words(text, fits) for text in pdf_cells(row, t)] for row in rows]
    headings = [latin1(name) for name in column_names(t)]
    longest = [
        max(
            [_word_width(pdf, headings[column], bold=True)]
            + [_word_width(pdf, cells[column], bold=False) for cells in body]
        )
        + padding
        for column in range(len(headings))
    ]
    widths = fit_widths(longest, COLUMN_SHARES, pdf.epw)
    pdf.set_font(FONT, size=TABLE_SIZE)
    style = FontFace(emphasis="BOLD", fill_color=(230, 230, 230))
    with pdf.table(
        col_widths=tuple(widths),
        width=pdf.epw,
        line_height=LINE_HEIGHT,
        text_align="LEFT",
        v_align="TOP",
        headings_style=style,
        repeat_headings=1,
    ) as table:
        heading_row = table.row()
        for name in headings:
            heading_row.cell(name)
        for cells in body:
            body_row = table.row()
            for text, width in zip(cells, widths, strict=True):
                body_row.cell(clip_to_lines(pdf, text, width))


def decisions_pdf(document: DecisionList, t: Translator, *, compress: bool = True) -> bytes:
    """The decision list as an A4 landscape PDF: the heading block, then the table (or a
    sentence), "Page n of m" in every footer.

    ``compress=False`` leaves the page streams readable, for tests.
    """
    pdf = new_document(t, compress=compress, landscape=True)
    pdf.add_page()
    write_heading(pdf, document, t)
    if document.rows:
        write_table(pdf, document.rows, t)
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
