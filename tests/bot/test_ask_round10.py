"""Asking the agreement, tenth round (issue 19), with questions of our own: sending someone in
one's place to a board meeting is a subject no shipped agreement settles (a proxy), and the
deputy the agreement does name is still found."""

from __future__ import annotations

from bot.ask.index import ClauseIndex
from tests.bot.asking import ACHTERHOEK, TWENTE, ask, assert_quotes, assert_refused, text_of


def test_sending_someone_in_ones_place_is_a_proxy_no_agreement_settles(
    index: ClauseIndex,
) -> None:
    assert_refused(
        index,
        (
            ("Can I send a stand-in to the board meeting if I cannot be there?", TWENTE, "en"),
            ("Mag een wethouder een vervanger sturen als hij verhinderd is?", ACHTERHOEK, "nl"),
            ("Can the UWV manager send someone else when she is away?", ACHTERHOEK, "en"),
        ),
    )
    result = ask("Wie zorgt voor een plaatsvervanger van de secretaris?", index, ACHTERHOEK, "nl")
    assert_quotes(result, ACHTERHOEK, "art-2", "plaatsvervanger in geval van verhindering")


def test_an_employers_association_is_the_employers_not_a_legal_form(index: ClauseIndex) -> None:
    """ "werkgeversvereniging" is not split into the employers and a "vereniging" (a legal
    form, which Achterhoek's article 1 is about): it is the employers' organisation."""
    for question, agreement, lang, fact in (
        ("Wie heeft namens de werkgeversvereniging getekend?", ACHTERHOEK, "nl", "Boezel"),
        ("Wie heeft namens de werkgeversvereniging getekend?", TWENTE, "nl", "ten Hag"),
        ("Who signed for the employers association?", ACHTERHOEK, "en", "Boezel"),
    ):
        assert_quotes(ask(question, index, agreement, lang), agreement, "signatures", fact)


def test_the_boss_and_a_train_ticket_in_everyday_words(index: ClauseIndex) -> None:
    """Found in the offline chat: "de baas van het bestuur" is the chair ("eigen baas" stays
    autonomy); a train ticket to the meeting is a travel cost, not training."""
    result = ask("wie is de baas van het bestuur?", index, TWENTE, "nl")
    assert result.kind == "structured"
    assert "Enschede" in text_of(result)
    for question, lang, fact in (
        ("Who pays for my train ticket to the meeting?", "en", "travel expenses"),
        ("Wie betaalt mijn treinkaartje naar de vergadering?", "nl", "reiskosten"),
    ):
        assert_quotes(ask(question, index, TWENTE, lang), TWENTE, "art-6", fact, question)
