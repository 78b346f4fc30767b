"""Asking the agreement, fifth round: words partners use for what the agreements say in other
words (issue 19), each with questions of our own."""

from __future__ import annotations

from bot.ask.index import ClauseIndex
from tests.bot.asking import ACHTERHOEK, TWENTE, ask, text_of


def test_abolishing_a_body_finds_where_the_agreement_says_it_will_be_dissolved(
    index: ClauseIndex,
) -> None:
    for question, lang in (
        ("Is the ISWI going to be scrapped?", "en"),
        ("Wordt het ISWI afgeschaft?", "nl"),
    ):
        result = ask(question, index, ACHTERHOEK, lang)
        assert result.kind == "clauses", question
        assert result.clauses[0] == (ACHTERHOEK, "art-6")
        assert "dissolution of the ISWI" in text_of(result) or "opheffen van het ISWI" in text_of(
            result
        )


def test_persuading_employers_to_hire_is_the_ambassadors_article(index: ClauseIndex) -> None:
    for question, lang in (
        ("Must the parties convince employers to hire people with a disability?", "en"),
        (
            "Moeten de partijen werkgevers aansporen om mensen met een beperking in dienst te nemen?",
            "nl",
        ),
    ):
        result = ask(question, index, TWENTE, lang)
        assert result.kind == "clauses", question
        assert result.clauses[0] == (TWENTE, "art-8")
        assert "employment" in text_of(result) or "werkgelegenheid" in text_of(result)


def test_a_deal_is_an_agreement_made_in_the_werkbedrijf(index: ClauseIndex) -> None:
    result = ask(
        "Are binding deals on social return possible within the werkbedrijf?",
        index,
        ACHTERHOEK,
        "en",
    )
    assert result.kind == "clauses"
    assert "no binding agreements can be made" in text_of(result)
