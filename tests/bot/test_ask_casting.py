"""A question about the casting vote is answered yes or no first, then how the board decides
(a board member asks "does the chair have a casting vote?", not for the whole procedure)."""

from __future__ import annotations

from bot.ask.index import ClauseIndex
from tests.bot.asking import ACHTERHOEK, TWENTE, WERKCENTRUM, ask, text_of


def test_yes_with_whose_vote_and_the_article_when_the_agreement_gives_one(
    index: ClauseIndex,
) -> None:
    result = ask(
        "Heeft de voorzitter bij staking een doorslaggevende stem?", index, ACHTERHOEK, "nl"
    )
    assert result.kind == "structured"
    assert not result.silent
    assert result.lines[0] == (
        "Ja: staken de stemmen, dan beslist de stem van de voorzitter, of bij diens afwezigheid "
        "die van de vicevoorzitter (art. 3 Convenant Werkbedrijf Achterhoek)."
    )
    assert result.lines[1] == "Zo besluit het bestuur:"


def test_no_and_said_to_be_silent_when_the_agreement_gives_none(index: ClauseIndex) -> None:
    result = ask("Does the chair get a casting vote?", index, TWENTE, "en")
    assert result.lines[0] == "No: the agreement gives no one a casting vote."
    assert result.refused  # "the agreement does not say": werkbot ask exits 1
    assert "Consensus (art. 3" in text_of(result)  # what it does say follows
    dutch = ask("Heeft iemand een beslissende stem?", index, WERKCENTRUM, "nl")
    assert dutch.lines[0] == "Nee: de overeenkomst geeft niemand een doorslaggevende stem."


def test_a_question_who_or_how_gets_the_rule_without_yes_or_no(index: ClauseIndex) -> None:
    result = ask("Who casts the deciding vote on a tie?", index, ACHTERHOEK, "en")
    assert result.lines[0] == (
        "On a tie the chair's vote decides, or the vice-chair's if the chair is absent "
        "(art. 3 Werkbedrijf Achterhoek Covenant)."
    )
    none = ask("Wie heeft de doorslaggevende stem?", index, TWENTE, "nl")
    assert none.lines[0] == "De overeenkomst geeft niemand een doorslaggevende stem."


def test_the_last_word_in_general_is_not_a_casting_vote(index: ClauseIndex) -> None:
    """Where consensus fails to a lead municipality's mandate, that municipality has the last
    word without any vote: no "no casting vote" line in front of the mandate."""
    for question, lang in (
        ("Who has the final say if we disagree?", "en"),
        ("Wie heeft het laatste woord?", "nl"),
    ):
        result = ask(question, index, WERKCENTRUM, lang)
        assert not result.silent, question
        assert "casting" not in result.lines[0]
        assert "doorslag" not in result.lines[0]
        assert "Enschede" in text_of(result)


def test_a_question_whether_the_board_votes_is_not_about_the_casting_vote(
    index: ClauseIndex,
) -> None:
    """ "decisions" shares its stem with "decisive": not a casting-vote question."""
    result = ask("Do we vote on our decisions?", index, ACHTERHOEK, "en")
    assert result.lines[0] == "How the board decides:"


def test_who_decides_when_the_parties_disagree_is_the_decision_rule(index: ClauseIndex) -> None:
    result = ask("Wie beslist als de partijen het niet eens worden?", index, WERKCENTRUM, "nl")
    assert result.kind == "structured"
    assert result.lines[0] == "Zo besluit het bestuur:"
    assert "Gemeente Enschede" in text_of(result)


def test_a_tie_is_answered_with_what_it_leads_to_first(index: ClauseIndex) -> None:
    result = ask("What if the vote is deadlocked?", index, ACHTERHOEK, "en")
    assert result.lines[0] == (
        "On a tie the chair's vote decides, or the vice-chair's if the chair is absent "
        "(art. 3 Werkbedrijf Achterhoek Covenant)."
    )
    assert not result.silent


def test_a_tie_where_the_agreement_has_no_vote_is_said_not_to_arise(index: ClauseIndex) -> None:
    result = ask("Wat als er een gelijke stand is bij het stemmen?", index, TWENTE, "nl")
    assert result.lines[0] == (
        "De overeenkomst kent geen stemming, dus ook geen staking van stemmen."
    )
    assert result.refused
    assert "Consensus (art. 3" in text_of(result)
