"""Asking the agreement, eleventh round (issue 19), with questions of our own: of a long fact
line, the sentence that holds what the question asks for (a date for "when") is the one
quoted."""

from __future__ import annotations

import pytest

from bot.ask.index import ClauseIndex, snippet
from bot.ask.text import STOPWORDS, context_split
from tests.bot.asking import (
    ACHTERHOEK,
    TWENTE,
    WERKCENTRUM,
    ask,
    assert_quotes,
    assert_refused,
    refuses,
    text_of,
)


@pytest.mark.parametrize(
    ("question", "agreement", "lang", "fact"),
    [
        ("Tegen welke datum moet het verslag bij de colleges liggen?", ACHTERHOEK, "nl", "6 weken"),
        ("By what date must the written report reach the councils?", TWENTE, "en", "6 weeks"),
    ],
)
def test_a_when_question_quotes_the_sentence_with_the_date(
    plain_index: ClauseIndex, question: str, agreement: str, lang: str, fact: str
) -> None:
    """The line on the yearly report is three sentences: who it goes to (most of the question's
    words), when it is due, what it holds. Asked when, the answer quotes when."""
    result = ask(question, plain_index, agreement, lang)
    assert_quotes(result, agreement, "art-10" if agreement == ACHTERHOEK else "art-7", fact)


def test_the_sentence_holding_the_kind_needs_a_share_of_the_match() -> None:
    """A sentence that holds a date but shares too little of the question is not quoted in
    place of the best one; with enough of it, it is."""
    text = "Het bestuur vergadert in Doetinchem over de begroting. Dit overleg loopt sinds 2015."

    def span(word: str, term: str) -> tuple[int, int, frozenset[str]]:
        return text.index(word), text.index(word) + len(word), frozenset({term})

    weights = {"board": 1.0, "budget": 1.0, "meeting": 1.0}

    def holds(sentence: str) -> bool:
        return any(ch.isdigit() for ch in sentence)

    spans = [span("bestuur", "board"), span("vergadert", "meeting"), span("begroting", "budget")]
    assert snippet(text, spans, weights, holds=holds).startswith("Het «bestuur»")
    spans.append(span("overleg", "meeting"))  # a third of the best sentence's match
    assert snippet(text, spans, weights, holds=holds).startswith("Dit «overleg» loopt sinds 2015")


def test_a_question_with_one_word_of_its_own_has_context() -> None:
    """ "Hoe vaak komt het bestuur bij elkaar?" holds one word of its own (the board); what is
    said after it is its context, unless the question points back at it ("ermee")."""
    question = "hoe vaak komt het bestuur bij elkaar? ik ben de jaarplanning aan het maken"
    assert context_split(question) == (
        "hoe vaak komt het bestuur bij elkaar?",
        "ik ben de jaarplanning aan het maken",
    )
    pointing = "De fusie: wat gebeurt ermee?"
    assert context_split(pointing) == (pointing, "")


def test_small_words_carry_no_subject(plain_index: ClauseIndex) -> None:
    """ "per" and "zoals" are small words: "per maand" is not the meeting rhythm's "per
    kwartaal", and a question about pay, which no agreement sets, is told nothing is near."""
    assert {"per", "zoals", "naartoe"} <= STOPWORDS
    result = ask("Wat verdient een bestuurslid per maand?", plain_index, TWENTE, "nl")
    assert result.kind == "nothing"


def test_a_second_question_about_them_is_its_own(plain_index: ClauseIndex) -> None:
    """ "Is it expensive? Do they keep the running costs down?": "they" are the partners, not
    the first part, which the agreement does not answer; the second part is still answered."""
    result = ask(
        "Is this an expensive setup? Do they try to keep the running costs down?",
        plain_index,
        TWENTE,
        "en",
    )
    assert_quotes(result, TWENTE, "art-6", "operating costs")


def test_a_small_word_typed_fast_is_a_small_word(plain_index: ClauseIndex) -> None:
    """ "teh" is "the", no word the agreement lacks: the question is still answered."""
    assert_quotes(
        ask("who signed teh covenant for UWV?", plain_index, ACHTERHOEK, "en"),
        ACHTERHOEK,
        "signatures",
        "Kees van Geffen",
    )


def test_how_the_board_decides_quotes_each_steps_line(plain_index: ClauseIndex) -> None:
    """The answer on how the board decides rests on each of its steps: consensus, the vote by
    majority, the tie. Each step's line of the agreement is quoted, not only the first."""
    result = ask("Hoe komt het bestuur tot een besluit?", plain_index, ACHTERHOEK, "nl")
    said = text_of(result)
    for line in (
        "Partijen streven naar consensus",
        "de meerderheid van stemmen doorslaggevend",
        "de stem van de voorzitter, of bij diens afwezigheid",
    ):
        assert line in said, line


def test_a_question_that_names_its_subject_has_context_despite_this_or_it() -> None:
    """ "this Werkbedrijf" names what it is about, and "it" is that: the sentence before is
    context. A question of one word of its own that points back still needs what came before."""
    question = "I'm writing a piece for the paper. Has this Werkbedrijf been running since 2014?"
    assert context_split(question) == (
        "Has this Werkbedrijf been running since 2014?",
        "I'm writing a piece for the paper.",
    )
    assert context_split("Het ISWI: wat gebeurt ermee?") == ("Het ISWI: wat gebeurt ermee?", "")


def test_privacy_is_a_subject_no_agreement_settles(plain_index: ClauseIndex) -> None:
    """No shipped agreement says how personal data is handled: asked about privacy, the answer
    says so rather than quoting the registration system a question also names."""
    assert_refused(
        plain_index,
        (
            (
                "Hoe zit het met de privacy van werkzoekenden in het registratiesysteem?",
                ACHTERHOEK,
                "nl",
            ),
            ("Are jobseekers' personal data shared between the partners?", TWENTE, "en"),
        ),
    )


@pytest.mark.parametrize(
    ("question", "agreement", "lang", "fact"),
    [
        ("Welke organisaties doen er mee?", TWENTE, "nl", "Twentse gemeenten, het UWV"),
        ("Which organisations take part?", TWENTE, "en", "Twente municipalities, UWV"),
        ("Is UWV one of the partners?", ACHTERHOEK, "en", "UWV Werkbedrijf Regio Achterhoek"),
        ("Wie zijn de partijen?", WERKCENTRUM, "nl", "de gemeenten en het UWV"),
    ],
)
def test_who_the_parties_are_is_quoted_where_the_agreement_says_it(
    plain_index: ClauseIndex, question: str, agreement: str, lang: str, fact: str
) -> None:
    """Asked who takes part, an agreement without a section listing its parties is quoted
    where it says who they are (``parties_quote``), as Achterhoek's section "Partijen" is;
    "organisations" and "partners" ask it as "parties" do."""
    result = ask(question, plain_index, agreement, lang)
    assert result.kind == "structured", question
    assert fact in text_of(result), question


def test_a_wage_cost_subsidy_is_a_reintegration_instrument(plain_index: ClauseIndex) -> None:
    """ "loonkostensubsidie" is a reintegration instrument (as "wage subsidy" is), not the
    subsidies no agreement grants; "subsidie" alone still is."""
    result = ask("Wie betaalt een loonkostensubsidie?", plain_index, ACHTERHOEK, "nl")
    assert_quotes(result, ACHTERHOEK, "art-9", "worden gedragen door UWV en de gemeenten")
    assert refuses(
        ask("Krijgen werkgevers subsidie van het werkbedrijf?", plain_index, ACHTERHOEK, "nl")
    )


def test_how_big_the_board_is_in_total_is_its_seats(plain_index: ClauseIndex) -> None:
    """ "in total" and "made up of" leave the question about the board's seats."""
    for question in ("How big is the board in total?", "What is the board made up of?"):
        result = ask(question, plain_index, TWENTE, "en")
        assert result.kind == "structured", question
        assert "portfolio holders" in text_of(result), question


def test_a_long_line_a_structured_answer_rests_on_is_quoted_by_the_sentence_asked(
    plain_index: ClauseIndex,
) -> None:
    """Twente's yearly-report line is quoted whole (it fits), with its deadline; of a line too
    long to quote whole, asked when, the sentence that holds the date is quoted, not a cut-off
    first sentence."""
    result = ask("Wanneer moet het jaarverslag uiterlijk klaar zijn?", plain_index, TWENTE, "nl")
    assert "binnen 6 weken na afsluiting van dat kalenderjaar" in text_of(result)
    english = ask("What is the deadline for the yearly report?", plain_index, TWENTE, "en")
    assert "within 6 weeks after the end of that calendar year" in text_of(english)


def test_sending_a_deputy_or_a_colleague_is_a_proxy(plain_index: ClauseIndex) -> None:
    assert_refused(
        plain_index,
        (
            ("Can a board member send a deputy if they can't make a meeting?", ACHTERHOEK, "en"),
            ("Mag ik een collega sturen als ik niet bij de vergadering kan zijn?", TWENTE, "nl"),
            ("How long is a board member's term?", TWENTE, "en"),
        ),
    )


def test_at_the_latest_when_and_a_deadline_ask_when() -> None:
    from bot.ask.lines import asked_kind

    for question in (
        "Uiterlijk wanneer moet het verslag binnen zijn?",
        "What is the deadline for the report?",
        "Wat is de deadline voor het verslag?",
    ):
        assert asked_kind(question) == "when", question


def test_who_cuts_the_knot_is_who_decides_without_consensus(plain_index: ClauseIndex) -> None:
    question = "Wie hakt de knoop door als de gemeenten het niet eens worden?"
    result = ask(question, plain_index, WERKCENTRUM, "nl")
    assert "Enschede" in text_of(result)


def test_a_verb_form_the_agreement_holds_without_a_term_is_no_missing_subject(
    plain_index: ClauseIndex,
) -> None:
    """ "gezet" occurs in an agreement ("in gang gezet") but none of its terms reads it: it is
    a verb, not a subject the agreement lacks, and the question is answered."""
    question = "Wie heeft namens de werkgevers zijn handtekening gezet?"
    terms = plain_index.terms(question, "nl")
    assert not any(t.term.startswith("?") for t in terms)
    result = ask(question, plain_index, ACHTERHOEK, "nl")
    assert not refuses(result)
    assert "Jan Willem Boezel" in text_of(result)


def test_a_civil_service_antechamber_and_knocking_on_a_door(plain_index: ClauseIndex) -> None:
    """ "ambtelijk voorportaal" is the supporting officials' meeting; "bij wie klop ik aan" asks
    for a point of contact."""
    for question, fact in (
        ("Wie zitten er in het ambtelijk voorportaal?", "ondersteunend overleg"),
        ("Bij wie klop ik aan als werkgever?", "aanspreekpunt"),
    ):
        result = ask(question, plain_index, ACHTERHOEK, "nl")
        assert not refuses(result), question
        assert fact in text_of(result), question
