"""A question the agreement does not answer: said so, with the line that comes closest when one
comes near (issue 19: "say so and show what it says on the nearest subject")."""

from __future__ import annotations

from bot.ask.answer import answer
from bot.ask.index import ClauseIndex
from bot.cli import main as cli
from bot.i18n import translator
from rules.agreements.loader import shipped_agreements
from tests.bot.asking import ACHTERHOEK, TODAY, TWENTE, WERKCENTRUM, ask, refuses, text_of

NEAREST_NL = "De overeenkomst zegt dit niet rechtstreeks. Het dichtst bij je vraag komt:"
NEAREST_EN = "The agreement does not say this directly. Closest to your question:"


def test_an_unanswered_question_is_told_so_with_the_closest_line_in_dutch(
    index: ClauseIndex,
) -> None:
    result = ask("Hoeveel vakantiedagen krijgt de ambtelijk secretaris?", index, ACHTERHOEK, "nl")
    assert result.kind == "nearest"
    assert result.silent
    assert refuses(result)
    assert result.lines[0] == NEAREST_NL
    assert result.lines[1].startswith("Art. 9 Financiën: “")  # the closest line, cited
    assert "secretaris" in text_of(result)
    assert result.clauses == ((ACHTERHOEK, "art-9"),)


def test_in_english_the_closest_line_comes_with_its_dutch_original(index: ClauseIndex) -> None:
    question = "How many staff will work at the Werkcentrum in Hengelo?"
    result = ask(question, index, WERKCENTRUM, "en")
    assert result.kind == "nearest"
    assert result.silent
    assert result.lines[0] == NEAREST_EN
    assert result.lines[-1].startswith("Dutch original: “")
    assert "staff" not in text_of(result).lower()  # nothing is made up
    # opening hours are a subject of their own that the agreement does not name: no line
    # about the Werkcentrum comes near it
    assert refuses(ask("What are the opening hours of the Werkcentrum?", index, WERKCENTRUM, "en"))


def test_a_question_no_line_comes_near_gets_the_plain_refusal(index: ClauseIndex) -> None:
    for question, lang in (
        ("What is the capital of Overijssel?", "en"),
        ("Wat is de hoofdstad van Overijssel?", "nl"),
    ):
        result = ask(question, index, TWENTE, lang)
        assert result.kind == "nothing", result.lines
        assert not result.clauses


def test_asking_several_agreements_gives_no_closest_line_of_each(index: ClauseIndex) -> None:
    """Someone without a board asks all shipped agreements: three "closest lines" would be
    noise, so the answer is the plain refusal."""
    result = answer(
        "Hoeveel vakantiedagen krijgt de ambtelijk secretaris?",
        list(shipped_agreements().values()),
        index,
        translator("nl"),
        TODAY,
    )
    assert result.kind == "nothing"
    assert result.lines[0].startswith("De overeenkomsten zeggen hier niets over")


def test_an_answered_question_is_not_hedged(index: ClauseIndex) -> None:
    result = ask("Wie heeft er voor de gemeente Winterswijk getekend?", index, ACHTERHOEK, "nl")
    assert result.kind != "nearest"
    assert not result.silent
    assert NEAREST_NL not in result.lines


def test_the_command_line_exits_1_when_the_agreement_does_not_answer() -> None:
    question = "Hoeveel vakantiedagen krijgt de ambtelijk secretaris?"
    assert cli(["ask", "--agreement", ACHTERHOEK, question]) == 1
    assert cli(["ask", "--agreement", ACHTERHOEK, "Wie is de voorzitter?"]) == 0


def test_the_command_line_exits_1_when_the_agreements_data_says_it_is_silent() -> None:
    """An answer from the agreement's data that it has nothing on the matter ("names no end
    date", "gives no one a casting vote") is "the agreement does not say" too."""
    assert cli(["ask", "--agreement", WERKCENTRUM, "Wanneer loopt de overeenkomst af?"]) == 1
    assert cli(["ask", "--agreement", TWENTE, "Does the chair have a casting vote?"]) == 1
    assert cli(["ask", "--agreement", ACHTERHOEK, "Has the chair a casting vote?"]) == 0
