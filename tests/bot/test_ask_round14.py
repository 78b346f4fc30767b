"""Asking the agreement, fourteenth round (issue 19), with questions of our own: a sum asked
by its name, results and years after a year, and what the agreement leaves to the board."""

from __future__ import annotations

from bot.ask.answer import asked_subject, asks_realised
from bot.ask.index import ClauseIndex
from bot.ask.intents import detect
from bot.ask.lines import agreement_lines, asked_kind
from bot.ask.text import written_out
from rules.agreements.loader import shipped_agreements
from tests.bot.asking import (
    ACHTERHOEK,
    TWENTE,
    WERKCENTRUM,
    ask,
    assert_refused,
    assert_says,
    refuses,
    text_of,
)


def test_a_sum_asked_by_its_name_needs_an_amount(plain_index: ClauseIndex) -> None:
    """A sum asked by its name ("Which budget ...", "what's the day rate of ..."), which a line that
    names the plan or the person without an amount does not give."""
    for question in (
        "What budget has been reserved for the PR plan?",
        "Welk uurtarief rekent de projectleider?",
        "what's the day rate for the external support?",
    ):
        assert asked_kind(question) == "how_many", question
    assert_refused(
        plain_index,
        [
            (
                "What budget has been reserved for the communication and marketing plan?",
                ACHTERHOEK,
                "en",
            ),
            ("Welk uurtarief krijgt de externe projectleider in de opstartfase?", ACHTERHOEK, "nl"),
        ],
    )
    assert asked_kind("Which budget programmes are linked to the main lines?") != "how_many"


def test_after_a_year_is_the_years_after_it(plain_index: ClauseIndex) -> None:
    """After a year ("after 2016", "na 2026"): the years after, which a line on the years up to and including
    it does not answer; the year itself still is."""
    assert_refused(
        plain_index,
        [
            ("How much money will the Cabinet give the Werkbedrijf after 2016?", ACHTERHOEK, "en"),
            ("Komt er na 2026 een nieuwe overeenkomst, en wie schrijft die?", TWENTE, "nl"),
            ("What happens if the new law is delayed past 2026?", WERKCENTRUM, "en"),
        ],
    )
    assert_says(
        ask("Hoeveel geld geeft het kabinet in 2016?", plain_index, ACHTERHOEK, "nl"),
        "€ 400.000",
    )


def test_when_the_next_meeting_is_no_agreement_says(plain_index: ClauseIndex) -> None:
    """The date or time of the next meeting: no agreement sets it, the secretary plans it, and
    /meetings (/vergaderingen) shows it; the rhythm the agreement sets follows. What the next
    meeting is about is still searched."""
    for question, agreement_id, lang, command in (
        ("Wanneer is de eerstvolgende bestuursvergadering?", ACHTERHOEK, "nl", "/vergaderingen"),
        ("hoe laat begint de volgende vergadering?", TWENTE, "nl", "/vergaderingen"),
        ("When's our next board meeting?", TWENTE, "en", "/meetings"),
        ("What date is the upcoming meeting?", WERKCENTRUM, "en", "/meetings"),
        ("Wanneer is de eerste bestuursvergadering?", ACHTERHOEK, "nl", "/vergaderingen"),
    ):
        result = ask(question, plain_index, agreement_id, lang)
        assert result.refused, question
        assert command in text_of(result), question
    twente = text_of(ask("When's our next board meeting?", plain_index, TWENTE, "en"))
    assert "at least once every quarter" in twente
    agenda = ask("What is on the agenda of the next meeting?", plain_index, ACHTERHOEK, "en")
    assert "/meetings" not in text_of(agenda)


def test_how_a_vote_went_is_a_result(plain_index: ClauseIndex) -> None:
    """Whether a council voted, whether it was unanimous, what they ended up choosing: results,
    which no agreement holds. How the board votes is still asked of it."""
    for question in (
        "Did the Hengelo council vote on the agreement?",
        "was it unanimous in the end?",
        "Hebben de gemeenteraden er al over gestemd?",
        "Which method did they end up using?",
    ):
        assert asks_realised(question), question
    for question in (
        "Does the board vote by majority?",
        "Moet het besluit unaniem zijn?",
        "Wordt er gestemd als er geen consensus is?",
    ):
        assert not asks_realised(question), question
    assert_refused(
        plain_index, [("Did Almelo's council vote on it, and was it unanimous?", WERKCENTRUM, "en")]
    )


def test_is_there_going_to_be_asks_for_a_thing_by_its_name(plain_index: ClauseIndex) -> None:
    """A thing asked for by its name ("Is there going to be parking", "komt er een kantine"): the
    thing named, which an agreement that never names it does not have; "is there supposed to
    be" asks for what follows."""
    assert asked_subject("Is there going to be parking near the Hengelo office?") == "parking"
    assert asked_subject("Will there be a canteen?") == "canteen"
    assert asked_subject("Komt er een kantine in het Werkcentrum?") == "kantine"
    assert asked_subject("Is there supposed to be a PR plan?") == "PR"
    assert_refused(
        plain_index,
        [
            ("Is there going to be parking at the Hengelo building?", WERKCENTRUM, "en"),
            ("Komt er een kantine in het Werkcentrum?", WERKCENTRUM, "nl"),
        ],
    )


def test_more_chat_shorthand_is_written_out() -> None:
    """Shorthand as a chat types it ("ppl", "pls", "info", "wg", "bijv"), written out."""
    assert written_out("what info can ppl get there pls") == (
        "what information can people get there please"
    )
    assert written_out("Hoeveel wg zitten er in het bestuur, bijv uit de bouw?") == (
        "Hoeveel werkgevers zitten er in het bestuur, bijvoorbeeld uit de bouw?"
    )


def test_an_agreement_without_a_vice_chair_is_silent_on_one(plain_index: ClauseIndex) -> None:
    """Werkcentrum Twente's note provides no vice-chair: who will be one is not in it, said as
    the agreement's silence, not as an answer."""
    for question, lang in (
        ("Who will be the vice-chair of the public cooperation?", "en"),
        ("Wie wordt er vicevoorzitter?", "nl"),
    ):
        result = ask(question, plain_index, WERKCENTRUM, lang)
        assert result.refused, question
        assert "vice" in text_of(result).lower(), question


def test_who_signed_is_answered_by_the_signatures(
    plain_index: ClauseIndex, index: ClauseIndex
) -> None:
    """Who signed: the signatures, or a line on signing; a note without signatures does not
    say, whatever line names the party, also where the questions partners asked lead to a line
    naming UWV (the shipped index). Who signs off on something (approves it) is searched as
    before."""
    assert_refused(
        index,
        [
            ("Who signed the cooperation agreement on behalf of UWV?", WERKCENTRUM, "en"),
            ("Who signed for Almelo?", WERKCENTRUM, "en"),
        ],
    )
    assert_refused(
        plain_index,
        [
            ("Who signed the cooperation agreement on behalf of UWV?", WERKCENTRUM, "en"),
            ("Wie heeft namens het UWV de overeenkomst ondertekend?", WERKCENTRUM, "nl"),
        ],
    )
    assert "Kampman" in text_of(
        ask("Who signed on behalf of the Twente municipalities?", plain_index, TWENTE, "en")
    )
    assert not refuses(
        ask("Who has to sign off on the wage value methods?", plain_index, ACHTERHOEK, "en")
    )


def test_what_came_of_it_in_dutch_word_order_is_a_result() -> None:
    """What came out of the evaluation ("wat kwam er uit de evaluatie"), whether targets were
    met ("zijn ze gehaald"), what changed since: results, which no agreement holds."""
    for question in (
        "Wat kwam er nou uit die evaluatie van 2022?",
        "Zijn de extra banen in 2016 echt gehaald?",
        "Hoeveel plekken zijn er al ingevuld?",
        "Is er daarna nog iets aan de afspraken veranderd?",
        "Has anything changed since the evaluation?",
    ):
        assert asks_realised(question), question
    assert not asks_realised("Hoe worden de vacatures ingevuld?")
    assert not asks_realised("Is het harmoniseren van de instrumenten al gerealiseerd?")


def test_a_quorum_and_a_chairs_term_in_more_words(plain_index: ClauseIndex) -> None:
    """How many members must be there "om te kunnen besluiten" is a quorum; "de termijn van de
    voorzitter" a term of office: neither is set by the Twente agreement."""
    assert_refused(
        plain_index,
        [
            ("Met hoeveel leden moet je zijn om te kunnen besluiten?", TWENTE, "nl"),
            ("How many members must attend for a valid decision?", TWENTE, "en"),
            ("Hoe lang is de termijn van de voorzitter?", TWENTE, "nl"),
            ("How long is the chair's term?", TWENTE, "en"),
        ],
    )


def test_the_recitals_give_the_agreements_reasons(plain_index: ClauseIndex) -> None:
    """Asked why, a recital ("dat arbeidsmarktuitdagingen zich niet houden aan
    gemeentegrenzen") gives a reason as an argument of a proposal does; an article's line
    without a reason word does not."""
    twente = shipped_agreements()[TWENTE]
    recital = next(
        line
        for line in agreement_lines(twente, "nl")
        if "gemeentegrenzen" in line.text and "preamble" in line.clause_ids
    )
    assert plain_index._reason(TWENTE, recital)
    rhythm = next(line for line in agreement_lines(twente, "nl") if "Vergaderritme" in line.text)
    assert not plain_index._reason(TWENTE, rhythm)


def test_the_chairs_vote_deciding_is_a_casting_vote(plain_index: ClauseIndex) -> None:
    """The chair's vote deciding it ("Geeft de stem van de voorzitter de doorslag?") is a
    casting vote; Twente's agreement has none (consensus, else no decision), Achterhoek's has."""
    achterhoek = shipped_agreements()[ACHTERHOEK]
    for question in (
        "Geeft de stem van de voorzitter dan de doorslag?",
        "Does the chair's vote decide it?",
    ):
        match = detect(question, achterhoek)
        assert match is not None, question
        assert match.casting, question
    result = ask(
        "Als er geen consensus is, geeft de stem van de voorzitter dan de doorslag?",
        plain_index,
        TWENTE,
        "nl",
    )
    assert result.refused
    assert not ask(
        "Geeft de stem van de voorzitter de doorslag?", plain_index, ACHTERHOEK, "nl"
    ).refused


def test_where_a_body_is_asks_for_a_place(plain_index: ClauseIndex) -> None:
    """Where a body is ("Where is the Leerwerkloket?") asks for a place, which a line naming the
    desk without one does not give; "where is that in the agreement" asks no place."""
    for question in ("Where is the Leerwerkloket?", "Waar zit het Werkcentrum?"):
        assert asked_kind(question) == "where", question
    for question in ("Where is that in the agreement?", "Waar is het geld voor?"):
        assert asked_kind(question) != "where", question
    assert_refused(
        plain_index, [("where is the Leerwerkloket, and when is it open?", TWENTE, "en")]
    )
    assert_says(ask("Waar zit het Werkcentrum?", plain_index, WERKCENTRUM, "nl"), "Hengelo")
