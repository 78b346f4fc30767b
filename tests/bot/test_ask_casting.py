"""A question about the casting vote is answered yes or no first, then how the board decides
(a board member asks "does the chair have a casting vote?", not for the whole procedure)."""

from __future__ import annotations

from pathlib import Path

from bot.ask.answer import Answer, answer
from bot.ask.index import ClauseIndex
from bot.i18n import translator
from rules.agreements.loader import load_agreement_file
from rules.agreements.model import Agreement
from tests.bot.asking import ACHTERHOEK, TODAY, TWENTE, WERKCENTRUM, ask, text_of


def test_yes_with_whose_vote_and_the_article_when_the_agreement_gives_one(
    index: ClauseIndex,
) -> None:
    result = ask(
        "Heeft de voorzitter bij staking een doorslaggevende stem?", index, ACHTERHOEK, "nl"
    )
    assert result.kind == "structured"
    assert not result.silent
    assert result.lines[0] == (
        "Ja. Staken de stemmen, dan beslist de stem van de voorzitter, of bij diens afwezigheid "
        "die van de vicevoorzitter (art. 3 Convenant Werkbedrijf Achterhoek)."
    )
    assert result.lines[1] == "Zo besluit het bestuur:"


def test_no_and_said_to_be_silent_when_the_agreement_gives_none(index: ClauseIndex) -> None:
    result = ask("Does the chair get a casting vote?", index, TWENTE, "en")
    assert result.lines[0] == "No. The agreement gives no one a casting vote."
    assert result.refused  # "the agreement does not say": werkbot ask exits 1
    assert "Consensus (art. 3" in text_of(result)  # what it does say follows
    dutch = ask("Heeft iemand een beslissende stem?", index, WERKCENTRUM, "nl")
    assert dutch.lines[0] == "Nee. De overeenkomst geeft niemand een doorslaggevende stem."


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


def test_a_who_question_anywhere_in_the_sentence_gets_no_yes_or_no(index: ClauseIndex) -> None:
    result = ask("If the votes are tied, who has the casting vote?", index, ACHTERHOEK, "en")
    assert result.lines[0].startswith("On a tie the chair's vote decides")


REGIONS = Path(__file__).parent.parent / "rules" / "regions"


def region(name: str) -> Agreement:
    return load_agreement_file(REGIONS / f"{name}.yaml")


def ask_region(question: str, name: str, lang: str) -> Answer:
    agreement = region(name)
    return answer(question, [agreement], ClauseIndex.build([agreement]), translator(lang), TODAY)


def test_a_tie_that_is_rejected_is_a_no_that_the_agreement_does_say() -> None:
    """De Kempen: a tie means no decision. "Has the chair a casting vote?" is answered no,
    with what a tie does lead to; not "the agreement does not say"."""
    result = ask_region("Heeft de voorzitter een doorslaggevende stem?", "kempen", "nl")
    assert (
        result.lines[0]
        == "Nee. Staken de stemmen, dan is er geen besluit (art. 6 Afspraken De Kempen)."
    )
    assert not result.silent


def test_a_qualified_majority_has_no_tie_rule_and_a_subject_vote_is_named() -> None:
    """Peelland: the board decides by two thirds of the delegations (equal votes never reach
    it, so the bloc vote's default casting vote never applies), and proposals on employer
    services by a vote in which a tie rejects."""
    result = ask_region("Heeft de voorzitter een doorslaggevende stem?", "peelland", "nl")
    assert result.lines[0] == (
        "Nee. Over Werkgeversdienstverlening: staken de stemmen, dan is het voorstel verworpen "
        "(art. 10 Convenant Peelland)."
    )
    tie = ask_region("What happens if the votes are tied?", "peelland", "en")
    assert tie.lines[0] == (
        "On Employer services: on a tie the proposal is rejected (art. 10 Peelland Covenant)."
    )


def test_a_tie_under_votes_that_need_more_than_half_adopts_nothing() -> None:
    """Zeeland-Delta: every vote needs more than half (or no objection), so a tie cannot
    decide; that is said, not "no vote"."""
    result = ask_region("What happens if the votes are tied?", "zeeland-delta", "en")
    assert result.lines[0] == (
        "Equal votes do not reach what the agreement requires for a decision, so such a vote "
        "does not adopt the proposal."
    )
    assert not result.silent


def test_the_vice_chair_has_a_casting_vote_only_where_the_agreement_gives_one() -> None:
    """Rivierenland: the chair's vote decides a tie, nobody else's; Achterhoek: the
    vice-chair's when the chair is absent."""
    here = ask_region("Heeft de vicevoorzitter een doorslaggevende stem?", "rivierenland", "nl")
    assert here.lines[0].startswith("Nee. Staken de stemmen, dan beslist de stem van de voorzitter")
    there = ask_region("Does the vice-chair have a casting vote?", "drechtsteden", "en")
    assert there.lines[0].startswith("Yes. On a tie the chair's vote decides, or the vice-chair's")


def test_votes_asked_of_an_agreement_without_a_vote_are_told_there_is_none(
    index: ClauseIndex,
) -> None:
    """ "Hoeveel stemmen heeft UWV?" of the Werkcentrum note (consensus, else Enschede's
    mandate): no vote at all, said first, and the agreement's silence on it; the Achterhoek
    covenant has one vote per delegation and says so without that line."""
    for question, lang, said in (
        (
            "Hoeveel stemmen heeft het UWV in het bestuur?",
            "nl",
            "De overeenkomst kent geen stemming.",
        ),
        ("How many votes does UWV have on the board?", "en", "The agreement provides no vote."),
    ):
        result = ask(question, index, WERKCENTRUM, lang)
        assert result.kind == "structured", question
        assert result.lines[0] == said
        assert result.refused
    achterhoek = ask("How many votes does UWV have?", index, ACHTERHOEK, "en")
    assert not achterhoek.refused
    assert "one vote per delegation" in text_of(achterhoek)
    assert "provides no vote" not in text_of(achterhoek)


def test_whether_they_vote_is_answered_with_how_they_decide(index: ClauseIndex) -> None:
    """ "Do they vote by majority?" is answered (no: by consensus), not taken for silence."""
    result = ask("Does the Twente board vote by majority?", index, TWENTE, "en")
    assert result.kind == "structured"
    assert not result.refused
    assert "Consensus (art. 3" in text_of(result)


def test_partners_who_cannot_agree_are_asked_about_the_decision_rules(
    index: ClauseIndex,
) -> None:
    """ "Who decides when the partners can't agree?" is the decision rules (Enschede's
    mandate); "Who are the partners?" is who the parties are, quoted where the agreement
    says so."""
    result = ask("Who decides if the partners cannot agree?", index, WERKCENTRUM, "en")
    assert result.kind == "structured"
    assert "Enschede" in text_of(result)
    partners = ask("Who are the partners?", index, TWENTE, "en")
    assert partners.kind == "structured"
    assert "the social partners and vocational education" in text_of(partners)
