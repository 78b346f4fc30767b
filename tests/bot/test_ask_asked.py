"""The questions partners asked (rules/agreements/data/asked/): a question in other words than
the agreement's finds the line that a question like it found, without a word only a question
used making the agreement name a subject, and without a typo of a question becoming a word."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.ask.index import ClauseIndex
from bot.ask.shipped import index_sources
from rules.agreements.loader import (
    ASKED_DIR,
    AgreementError,
    asked_problems,
    load_asked_file,
    shipped_agreements,
    shipped_asked,
)
from rules.agreements.model import AskedQuestion, AskedQuestions
from tests.bot.asking import ACHTERHOEK, TWENTE, WERKCENTRUM, ask, refuses, text_of


def _index(*asked: AskedQuestion) -> ClauseIndex:
    """The index of the Achterhoek agreement with ``asked`` as the questions asked of it."""
    return ClauseIndex.build([shipped_agreements()[ACHTERHOEK]], {ACHTERHOEK: asked})


def test_a_word_only_a_question_used_finds_the_line_it_was_asked_of() -> None:
    question = "Who signed on behalf of the federation?"
    plain = ask(question, _index(), ACHTERHOEK, "en")
    assert "Boezel" not in text_of(plain)
    asked = AskedQuestion(
        lang="en",
        q="Which federation of companies signed, and who for it?",
        clauses=("signatures",),
        fact="Jan Willem Boezel",
    )
    result = ask(question, _index(asked), ACHTERHOEK, "en")
    assert result.kind == "clauses"
    assert result.clauses[0] == (ACHTERHOEK, "signatures")
    assert "Boezel" in text_of(result)


def test_the_shipped_questions_answer_the_partners_own_words(
    index: ClauseIndex, plain_index: ClauseIndex
) -> None:
    """Questions of our own, in words the agreements do not use: refused or answered with
    another line without the questions asked, answered with the right line with them."""
    portal = "Is there one online portal where companies can go with all their questions?"
    assert refuses(ask(portal, plain_index, ACHTERHOEK, "en"))
    workshop = "welk bedrijf is de sociale werkplaats voor bronckhorst?"
    assert "Delta" not in text_of(ask(workshop, plain_index, ACHTERHOEK, "nl"))
    for question, lang, fact in ((portal, "en", "website"), (workshop, "nl", "Delta")):
        result = ask(question, index, ACHTERHOEK, lang)
        assert result.kind == "clauses", question
        assert fact in text_of(result), question


def test_a_subject_only_a_question_names_is_not_one_the_agreement_names() -> None:
    asked = AskedQuestion(
        lang="nl",
        q="Hoeveel leden moeten er zijn voor een quorum als we stemmen?",
        clauses=("art-3",),
        fact="heeft één stem",
    )
    index = _index(asked)
    assert not index.names("@quorum", ACHTERHOEK)
    assert refuses(ask("Geldt er een quorum in het bestuur?", index, ACHTERHOEK, "nl"))


def test_a_typo_in_a_question_asked_is_still_corrected() -> None:
    asked = AskedQuestion(
        lang="en",
        q="wich metods for wage valeu are alowed",
        clauses=("art-7",),
        fact="Dariuz en Loonbalans",
    )
    terms = {t.term for t in _index(asked).terms("how is the wage valeu measured", "en")}
    assert "@wagevalue" in terms
    assert "en:valeu" not in terms


def test_a_verb_only_a_question_used_still_carries_no_subject() -> None:
    """ "verzamelt" says what is done, as in a question nobody asked before: it weighs as
    little as before, whatever questions used it."""
    asked = AskedQuestion(
        lang="nl",
        q="Welke plannen verzamelt het werkbedrijf voor de communicatie?",
        clauses=("art-5",),
        fact="Communicatie-, PR- en Marketingplan",
    )
    plain = {t.term: t.weight for t in _index().terms("Welke taken verzamelt het bestuur?", "nl")}
    taught = _index(asked).terms("Welke taken verzamelt het bestuur?", "nl")
    assert {t.term: t.weight for t in taught} == plain


def test_the_shipped_questions_are_read_and_checked() -> None:
    asked = shipped_asked()
    assert set(asked) == {ACHTERHOEK, TWENTE, WERKCENTRUM}
    for agreement_id, questions in asked.items():
        assert len(questions) > 500, agreement_id
        assert {q.lang for q in questions} == {"nl", "en"}
        ids = {c.id for c in shipped_agreements()[agreement_id].clauses}
        assert all(set(q.clauses) <= ids for q in questions)


def test_the_questions_asked_are_part_of_what_the_kept_index_is_made_from() -> None:
    sources = index_sources()
    assert sorted(ASKED_DIR.glob("*.yaml"))
    assert all(path in sources for path in ASKED_DIR.glob("*.yaml"))


def test_a_question_that_does_not_fit_its_agreement_is_named() -> None:
    agreement = shipped_agreements()[ACHTERHOEK]

    def entry(clauses: tuple[str, ...], fact: str) -> AskedQuestion:
        return AskedQuestion(lang="nl", q="Wie tekende?", clauses=clauses, fact=fact)

    asked = AskedQuestions(
        agreement=ACHTERHOEK,
        questions=(
            entry(("signatures",), "jan willem boezel"),  # case and accents do not matter
            entry(("art-99",), "Boezel"),
            entry(("art-2",), "Boezel"),
        ),
    )
    assert asked_problems(asked, agreement) == [
        ("questions[1].clauses", "no clause art-99"),
        ("questions[2].fact", "not in the clause's text: 'Boezel'"),
    ]
    other = AskedQuestions(agreement=TWENTE, questions=())
    assert asked_problems(other, agreement) == [
        ("agreement", f"the questions are about {TWENTE}, not {ACHTERHOEK}")
    ]


def test_a_file_of_questions_asked_that_cannot_be_used_names_the_file(tmp_path: Path) -> None:
    agreement = shipped_agreements()[ACHTERHOEK]
    path = tmp_path / f"{ACHTERHOEK}.yaml"
    path.write_text(
        f"agreement: {ACHTERHOEK}\nquestions:\n"
        "  - {lang: fr, q: Qui?, clauses: [signatures], fact: Boezel}\n"
        "  - {lang: nl, q: Wie?, clauses: [signatures], fact: Pietje Puk}\n",
        encoding="utf-8",
    )
    with pytest.raises(AgreementError) as caught:
        load_asked_file(path, agreement)
    assert path.name in str(caught.value)
    assert "questions[0].lang" in str(caught.value)
    path.write_text(
        f"agreement: {ACHTERHOEK}\nquestions:\n"
        "  - {lang: nl, q: Wie?, clauses: [signatures], fact: Pietje Puk}\n",
        encoding="utf-8",
    )
    with pytest.raises(AgreementError) as caught:
        load_asked_file(path, agreement)
    assert "questions[0].fact" in str(caught.value)


def test_a_file_that_is_no_yaml_is_named_with_its_folder(tmp_path: Path) -> None:
    folder = tmp_path / "asked"
    folder.mkdir()
    path = folder / f"{ACHTERHOEK}.yaml"
    path.write_text("agreement: [unclosed\n", encoding="utf-8")
    with pytest.raises(AgreementError) as caught:
        load_asked_file(path, shipped_agreements()[ACHTERHOEK])
    assert f"asked/{ACHTERHOEK}.yaml" in str(caught.value)
    assert "line 2" in str(caught.value)


def test_a_file_named_after_no_agreement_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import rules.agreements.loader as loader

    (tmp_path / "twente.yaml").write_text("agreement: twente\nquestions: []\n", "utf-8")
    monkeypatch.setattr(loader, "ASKED_DIR", tmp_path)
    shipped_asked.cache_clear()
    try:
        with pytest.raises(AgreementError) as caught:
            shipped_asked()
        assert "no agreement has the id twente" in str(caught.value)
    finally:
        shipped_asked.cache_clear()


def test_every_shipped_question_is_asked_of_a_line_or_a_heading() -> None:
    """A question's fact is in a line of its clauses from the start of a word (so the line
    holds its terms), or only in the clause's title or heading (its clause holds them)."""
    from bot.ask.lines import agreement_lines
    from rules.agreements.loader import fact_pattern, folded

    for agreement_id, questions in shipped_asked().items():
        agreement = shipped_agreements()[agreement_id]
        lines = {
            lang: [
                (set(line.clause_ids), folded(line.text))
                for line in agreement_lines(agreement, lang)
            ]
            for lang in ("nl", "en")
        }
        for q in questions:
            fact = fact_pattern(q.fact)
            in_line = any(
                ids & set(q.clauses) and fact.search(text)
                for lang in ("nl", "en")
                for ids, text in lines[lang]
            )
            titled = any(
                fact.search(folded(f"{c.title.nl} | {c.title.en} | {c.heading}"))
                for c in agreement.clauses
                if c.id in q.clauses
            )
            assert in_line or titled, (agreement_id, q.q, q.fact)


def test_a_fact_is_found_from_the_start_of_a_word() -> None:
    from rules.agreements.loader import fact_pattern

    assert not fact_pattern("6").search("tot 2026")
    assert fact_pattern("6").search("binnen 6 weken")
    assert not fact_pattern("leden").search("de bestuurleden")
    assert fact_pattern("ambassador").search("act as ambassadors")
    assert fact_pattern("Financiën").search("de financien")
