"""The decision list as CSV and PDF: parseable, paginated, safe with any user text.

Exact texts are checked with the English translator (the Dutch catalog may not have these
messages yet); for Dutch only what does not depend on the catalog: ";", the BOM, Babel's months.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.i18n import Translator, translator
from bot.texts.decisions import (
    DecisionList,
    DecisionRow,
    decisions_csv,
    decisions_filename,
    decisions_pdf,
    latin1,
    result_label,
)

BOARD = "Bestuur Werkbedrijf Achterhoek"
GENERATED = datetime(2026, 12, 10, 9, 0, tzinfo=UTC)
HEADER = [
    "Number",
    "Date",
    "Title",
    "Decision text",
    "Outcome",
    "Tally",
    "Secret ballot",
    "Reason",
    "Follow-up",
    "Board",
    "Agreement",
    "Made on",
    "Audit check number",
]
AGREEMENT = "Convenant Werkbedrijf Achterhoek (achterhoek-2014)"
ANCHOR = "3f9a" * 16 + "@57"
AWKWARD_TITLE = 'Budget; "quotes", a\nnewline and ’t café € 😀'


@pytest.fixture
def en() -> Translator:
    return translator("en")


@pytest.fixture
def nl() -> Translator:
    return translator("nl")


def decision(number: int, **changes: object) -> DecisionRow:
    values: dict[str, object] = {
        "number": number,
        "closed_at": datetime(2026, 12, 4, 12, 0, tzinfo=UTC),
        "title": f"Proposal {number}",
        "result": "adopted",
        "tally": "5 voor, 4 tegen, 0 onthoudingen",
        "reason": "The majority voted in favour.",
    }
    values.update(changes)
    return DecisionRow(**values)  # type: ignore[arg-type]


def document(rows: list[DecisionRow], board: str = BOARD) -> DecisionList:
    return DecisionList(board, AGREEMENT, GENERATED, ANCHOR, tuple(rows))


def parse_csv(data: bytes, delimiter: str) -> list[list[str]]:
    assert data.startswith(b"\xef\xbb\xbf"), "Excel needs the BOM to read UTF-8"
    text = data[3:].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))


def page_count(pdf: bytes) -> int:
    match = re.search(rb"/Count (\d+)", pdf)
    assert match is not None
    return int(match.group(1))


# --- result labels ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("result", "label"),
    [
        ("adopted", "Adopted"),
        ("rejected", "Rejected"),
        ("no_decision", "No decision"),
        ("withdrawn", "Withdrawn"),
    ],
)
def test_each_result_has_a_readable_label(result: str, label: str, en: Translator) -> None:
    assert result_label(result, en) == label


def test_dutch_catalog_already_knows_adopted(nl: Translator) -> None:
    assert result_label("adopted", nl) == "Aangenomen"


def test_an_unknown_result_is_shown_as_it_is(en: Translator) -> None:
    assert result_label("postponed", en) == "postponed"


# --- CSV ----------------------------------------------------------------------------------


def test_english_csv_parses_back_into_header_and_one_row_per_decision_in_order(
    en: Translator,
) -> None:
    rows = [decision(7), decision(3, result="rejected", tally=""), decision(12)]
    parsed = parse_csv(decisions_csv(document(rows), en), ",")
    assert parsed[0] == HEADER
    assert [line[0] for line in parsed[1:]] == ["7", "3", "12"]
    assert parsed[2] == [
        "3",
        "2026-12-04",
        "Proposal 3",
        "",
        "Rejected",
        "",
        "no",
        rows[1].reason,
        "",
        BOARD,
        AGREEMENT,
        "2026-12-10",
        ANCHOR,
    ]


def test_dutch_csv_uses_semicolons_for_dutch_excel(nl: Translator) -> None:
    data = decisions_csv(document([decision(1), decision(2)]), nl)
    parsed = parse_csv(data, ";")
    assert len(parsed) == 3
    assert all(len(line) == len(HEADER) for line in parsed)
    assert parsed[1][:3] == ["1", "2026-12-04", "Proposal 1"]
    assert parsed[1][5] == "5 voor, 4 tegen, 0 onthoudingen"


def test_csv_dates_are_iso_days_in_amsterdam_time(en: Translator) -> None:
    late_evening = datetime(2026, 12, 3, 23, 30, tzinfo=UTC)  # 00:30 on 4 December in NL
    parsed = parse_csv(decisions_csv(document([decision(1, closed_at=late_evening)]), en), ",")
    assert parsed[1][1] == "2026-12-04"


@pytest.mark.parametrize(("language", "delimiter"), [("nl", ";"), ("en", ",")])
def test_csv_keeps_awkward_user_text_exactly(language: str, delimiter: str) -> None:
    row = decision(1, title=AWKWARD_TITLE, reason='Said "no"; twice,\nreally.')
    parsed = parse_csv(decisions_csv(document([row]), translator(language)), delimiter)
    assert parsed[1][2] == AWKWARD_TITLE
    assert parsed[1][7] == 'Said "no"; twice,\nreally.'


def test_csv_of_an_empty_list_is_only_the_header(en: Translator) -> None:
    assert parse_csv(decisions_csv(document([]), en), ",") == [HEADER]


def test_csv_rows_carry_the_heading_block_and_the_anchor(en: Translator) -> None:
    parsed = parse_csv(decisions_csv(document([decision(1), decision(2)]), en), ",")
    assert {tuple(line[-4:]) for line in parsed[1:]} == {(BOARD, AGREEMENT, "2026-12-10", ANCHOR)}


# --- latin-1 mapping ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("’t café", "'t café"),
        ("‘single’ “double”", "'single' \"double\""),
        ("a – b — c", "a - b - c"),
        ("wait…", "wait..."),
        ("€ 250", "EUR 250"),
        ("Łódź", "?ód?"),
        ("ok 😀", "ok ?"),
        ("e\u0301", "é"),  # combining accent composed, not "e?"
        ("👍🏽 ❤️", "?? ?"),  # joiners and variation selectors vanish
        ("line\r\nbreak\tand\x00nul", "line\nbreak andnul"),
        ("plain ASCII, ü ß ñ ©", "plain ASCII, ü ß ñ ©"),
    ],
)
def test_latin1_maps_text_as_documented(text: str, expected: str) -> None:
    assert latin1(text) == expected


@given(st.text())
def test_latin1_output_always_encodes_as_latin1(text: str) -> None:
    latin1(text).encode("latin-1")


# --- PDF ----------------------------------------------------------------------------------


def test_pdf_of_three_decisions_is_one_page(en: Translator) -> None:
    pdf = decisions_pdf(document([decision(n) for n in range(1, 4)]), en)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 1


def test_pdf_of_120_decisions_runs_over_pages_with_the_header_on_each(en: Translator) -> None:
    rows = [decision(n) for n in range(1, 121)]
    pdf = decisions_pdf(document(rows), en, compress=False)
    pages = page_count(pdf)
    assert pages > 1
    assert pdf.count(b"(Reason) Tj") == pages
    assert b"(Proposal 120) Tj" in pdf


def test_pdf_shows_the_heading_block_and_page_numbers(en: Translator) -> None:
    pdf = decisions_pdf(document([decision(1)]), en, compress=False)
    assert f"(Decision list {BOARD}) Tj".encode() in pdf
    for text in (
        BOARD,
        AGREEMENT,
        "4 December 2026 to 4 December 2026",
        "10 December 2026",
        ANCHOR,
        "4 December 2026",
        "Adopted",
    ):
        assert text in pdf_text_lines(pdf), text
    assert b"Page 1 of" in pdf


def test_dutch_pdf_writes_dates_with_dutch_month_names(nl: Translator) -> None:
    pdf = decisions_pdf(document([decision(1)]), nl, compress=False)
    assert b"(4 december 2026) Tj" in pdf
    assert b"10 december 2026" in pdf
    assert BOARD.encode() in pdf


def test_pdf_of_an_empty_list_says_there_are_no_decisions(en: Translator) -> None:
    pdf = decisions_pdf(document([]), en, compress=False)
    assert pdf.startswith(b"%PDF")
    assert page_count(pdf) == 1
    assert b"(No decisions yet.) Tj" in pdf
    assert b"(Reason) Tj" not in pdf


def test_pdf_maps_user_text_outside_latin1_instead_of_crashing(en: Translator) -> None:
    row = decision(1, title="Łódź ’t café 😀 – €5", reason="Yes… “agreed”")
    pdf = decisions_pdf(document([row], "Bestuur Łódź"), en, compress=False)
    assert "(?ód? 't café ? - EUR5) Tj".encode("latin-1") in pdf
    assert b'(Yes... "agreed") Tj' in pdf
    assert "(Decision list Bestuur ?ód?) Tj".encode("latin-1") in pdf
    assert decisions_pdf(document([row], "😀"), en).startswith(b"%PDF")


def test_pdf_survives_text_too_long_for_one_page(en: Translator) -> None:
    row = decision(1, title="W" * 20_000, reason="word " * 5_000, tally="\n" * 500)
    pdf = decisions_pdf(document([row, decision(2)]), en, compress=False)
    assert pdf.startswith(b"%PDF")
    assert b"(Proposal 2) Tj" in pdf


@settings(max_examples=25, deadline=None)
@given(title=st.text(), reason=st.text(), board=st.text())
def test_pdf_never_crashes_on_user_text(title: str, reason: str, board: str) -> None:
    row = decision(1, title=title, reason=reason)
    assert decisions_pdf(document([row], board), translator("en")).startswith(b"%PDF")


# --- file names ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("board", "extension", "expected"),
    [
        (BOARD, "pdf", "decision-list-bestuur-werkbedrijf-achterhoek.pdf"),
        (BOARD, ".csv", "decision-list-bestuur-werkbedrijf-achterhoek.csv"),
        (
            "Regio Zuid-Limburg / Parkstad (2026)",
            "csv",
            "decision-list-regio-zuid-limburg-parkstad-2026.csv",
        ),
        ("Bestuur Łódź & Groß–Café", "pdf", "decision-list-bestuur-lodz-gross-cafe.pdf"),
        ("😀", "pdf", "decision-list.pdf"),
    ],
)
def test_decisions_filename_slugs_the_board_name(
    board: str, extension: str, expected: str, en: Translator
) -> None:
    assert decisions_filename(board, extension, en) == expected


def test_filename_is_ascii_lowercase_in_dutch_too(nl: Translator) -> None:
    name = decisions_filename(BOARD, "pdf", nl)
    assert name.endswith("-bestuur-werkbedrijf-achterhoek.pdf")
    assert re.fullmatch(r"[a-z0-9-]+\.pdf", name)


def test_filename_stays_short_for_long_board_names(en: Translator) -> None:
    name = decisions_filename("Werkbedrijf " * 30, "csv", en)
    assert len(name) <= len("decision-list-") + 80 + len(".csv")
    assert not name.removesuffix(".csv").endswith("-")


def test_a_title_that_looks_like_a_formula_is_made_inert() -> None:
    from bot.texts.decisions import inert

    assert inert('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert inert("@SUM(A1)") == "'@SUM(A1)"
    assert inert("Begroting 2027") == "Begroting 2027"


# --- words are never broken; what a document to send holds ---------------------------------

LONG_WORDS = (
    "Arbeidsmarktregio werkgeversdienstverlening verantwoordelijkheidsverdeling "
    "scholingsvouchers praktijkleren Achterhoekse samenwerkingsovereenkomst"
)


def pdf_text_lines(pdf: bytes) -> list[str]:
    """The text shown on the pages, line by line: every string fpdf2 draws with Tj."""
    strings = re.findall(rb"\(((?:[^()\\]|\\.)*)\) Tj", pdf)
    return [re.sub(r"\\(.)", r"\1", s.decode("latin-1")) for s in strings]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_no_word_of_any_cell_or_heading_is_split_across_lines(language: str) -> None:
    """Every word of every cell arrives whole on some line of the PDF's text (a word broken
    as "Numm|er" or "Aangenome|n" would be missing); each row's text is in, not only its title."""
    t = translator(language)
    rows = [
        decision(
            n,
            title=f"Voorstel {n}: {LONG_WORDS.split()[n % 7]}",
            text=f"Het bestuur besluit: {LONG_WORDS} " * 2,
            result=("adopted", "rejected", "no_decision")[n % 3],
            tally="5 voor, 4 tegen, 0 onthoudingen",
            reason=f"Stemming per geleding (art. 3 {LONG_WORDS}).",
            follow_up="Gemeente Doetinchem; evaluatie op 1 maart 2027",
            secret=n == 2,
        )
        for n in range(1, 9)
    ]
    pdf = decisions_pdf(document(rows), t, compress=False)
    shown = {word for line in pdf_text_lines(pdf) for word in line.split()}
    from bot.texts.decisions import column_names, outcome_text

    sources = [*column_names(t), *(outcome_text(row, t) for row in rows)]
    for row in rows:
        sources += [row.title, row.text, row.tally, row.reason, row.follow_up]
    missing = {word for text in sources for word in latin1(text).split()} - shown
    assert not missing, f"words broken across lines: {sorted(missing)}"


def test_a_word_too_long_for_any_column_is_cut_with_hyphens_not_lost(en: Translator) -> None:
    word = "x" * 400
    pdf = decisions_pdf(document([decision(1, text=word)]), en, compress=False)
    pieces = [line for line in pdf_text_lines(pdf) if set(line) <= {"x", "-"} and "x" in line]
    assert all(piece.endswith("-") for piece in pieces[:-1])
    assert "".join(pieces).replace("-", "") == word


def test_a_secret_row_says_it_holds_counts_only(en: Translator) -> None:
    pdf = decisions_pdf(document([decision(1, secret=True)]), en, compress=False)
    assert "Secret ballot: counts only." in pdf_text_lines(pdf)
    parsed = parse_csv(decisions_csv(document([decision(1, secret=True)]), en), ",")
    assert parsed[1][HEADER.index("Secret ballot")] == "yes"
