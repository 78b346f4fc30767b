"""Free questions answered from fact lines: the failure kinds (a)-(e) of the first version,
each with questions written for these tests."""

from __future__ import annotations

import pytest

from bot.ask.answer import answer, parts
from bot.ask.chat import article_ref, asks_how_to_vote, is_greeting
from bot.ask.index import ClauseIndex
from bot.ask.intents import detect
from bot.ask.lines import agreement_lines, asked_kind, holds_kind, split_lines
from bot.i18n import translator
from rules.agreements.loader import shipped_agreements
from rules.agreements.model import Agreement, Text
from tests.bot.asking import ACHTERHOEK, TODAY, TWENTE, WERKCENTRUM, ask, refuses, text_of

# -- (a) words that carry no content never count against a match -----------------------------


def test_question_words_absent_from_the_agreement_are_not_unknown_words(
    index: ClauseIndex,
) -> None:
    for question, lang in (
        ("Hoeveel hoofdlijnen noemt de strategische arbeidsmarktagenda?", "nl"),
        ("Which year is mentioned for the transition?", "en"),
    ):
        assert not [t.term for t in index.terms(question, lang) if t.term.startswith("?")]


def test_contentless_words_do_not_lower_the_coverage(index: ClauseIndex) -> None:
    bare = index.lines("hoofdlijnen strategische arbeidsmarktagenda", "nl", TWENTE)[0]
    asked = index.lines(
        "Hoeveel hoofdlijnen noemt de strategische arbeidsmarktagenda?", "nl", TWENTE
    )
    assert asked[0].clause_ids == bare.clause_ids
    assert asked[0].coverage == pytest.approx(bare.coverage)


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang", "clause", "fact"),
    [
        (
            "Hoeveel hoofdlijnen noemt de strategische arbeidsmarktagenda?",
            TWENTE,
            "nl",
            "art-5",
            "6 hoofdlijnen",
        ),
        ("Which year is mentioned for the transition?", WERKCENTRUM, "en", "argument-2-1", "2025"),
        ("How much did the Cabinet make available in 2014?", ACHTERHOEK, "en", "art-9", "100,000"),
        (
            "Waar houdt het platform onderwijs arbeidsmarkt zich mee bezig?",
            ACHTERHOEK,
            "nl",
            "art-8",
            "knelpunten",
        ),
    ],
)
def test_questions_phrased_with_such_words_are_answered(
    index: ClauseIndex, question: str, agreement_id: str, lang: str, clause: str, fact: str
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.kind == "clauses"
    assert result.clauses[0] == (agreement_id, clause)
    assert fact in text_of(result)


# -- (b) a line two sections share is one line ------------------------------------------------


def test_identical_lines_of_two_sections_are_merged() -> None:
    lines = agreement_lines(shipped_agreements()[WERKCENTRUM], "nl")
    texts = [line.text for line in lines]
    assert len(texts) == len(set(texts))
    shared = [line for line in lines if "organiseert dienstverlening aan werkgevers" in line.text]
    assert len(shared) == 1
    assert set(shared[0].clause_ids) == {"toelichting", "arbeidsmarktregio-twente"}


@pytest.mark.parametrize(
    ("question", "lang", "fact"),
    [
        ("What services does the labour-market region organise?", "en", "employers, jobseekers"),
        ("Aan wie organiseert de arbeidsmarktregio dienstverlening?", "nl", "werkzoekenden"),
        ("Wanneer gaat het Werkcentrum open?", "nl", "1 januari 2026"),
    ],
)
def test_a_repeated_sentence_does_not_make_its_own_runner_up(
    index: ClauseIndex, question: str, lang: str, fact: str
) -> None:
    result = ask(question, index, WERKCENTRUM, lang)
    assert result.kind == "clauses"
    assert fact in text_of(result)
    quoted = [line for line in result.lines if fact in line.replace("«", "").replace("»", "")]
    assert len(quoted) == 1  # the shared sentence is quoted once, not once per section


# -- (c) a list item keeps its lead-in; a sentence is not cut at ":" ---------------------------


def test_lines_keep_a_list_with_its_lead_in() -> None:
    text = "De partijen spreken af:\n- het eerste punt;\n- het tweede punt.\nDaarna iets anders."
    assert list(split_lines(text)) == [
        "De partijen spreken af: het eerste punt;",
        "De partijen spreken af: het tweede punt.",
        "Daarna iets anders.",
    ]
    assert list(
        split_lines("Drie methodes mogen: de eerste, Dariuz en Loonbalans. Verder niets.")
    ) == [
        "Drie methodes mogen: de eerste, Dariuz en Loonbalans.",
        "Verder niets.",
    ]


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang", "facts"),
    [
        (
            "Which methods may be applied in the first half of 2015?",
            ACHTERHOEK,
            "en",
            ("three methods", "Dariuz", "Loonbalans"),
        ),
        (
            "Welke maatregelen horen bij de hervorming?",
            WERKCENTRUM,
            "nl",
            ("volgende maatregelen", "regionaal loket"),
        ),
        (
            "Wat doet de arbeidsmarktregio tijdens de implementatie voor de gemeenteraden?",
            WERKCENTRUM,
            "nl",
            ("Tijdens de implementatie", "gemeenteraden"),
        ),
    ],
)
def test_the_answer_holds_the_list_and_its_lead_in(
    index: ClauseIndex, question: str, agreement_id: str, lang: str, facts: tuple[str, ...]
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.kind == "clauses"
    for fact in facts:
        assert fact in text_of(result)


# -- (d) an intent answers only the whole question, and shows its line --------------------------


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang", "clause", "fact"),
    [
        (
            "Hoe besluiten gemeenten tot samenwerking in het werkbedrijf?",
            TWENTE,
            "nl",
            "art-1",
            "collegebesluit",
        ),
        (
            "How do the parties decide to cooperate in the Werkbedrijf?",
            ACHTERHOEK,
            "en",
            "art-1",
            "decide for themselves",
        ),
    ],
)
def test_an_intent_does_not_answer_a_question_about_something_else(
    index: ClauseIndex, question: str, agreement_id: str, lang: str, clause: str, fact: str
) -> None:
    assert detect(question, shipped_agreements()[agreement_id]) is None
    result = ask(question, index, agreement_id, lang)
    assert not refuses(result), result.lines
    assert result.clauses[0] == (agreement_id, clause)
    assert fact in text_of(result)


def test_two_questions_in_one_are_answered_part_by_part(index: ClauseIndex) -> None:
    assert parts("Wie is de secretaris en wanneer gaat het samenwerkingsverband in?") == [
        "Wie is de secretaris",
        "wanneer gaat het samenwerkingsverband in",
    ]
    assert parts("Who chairs the board? How often does it meet?") == [
        "Who chairs the board",
        "How often does it meet",
    ]
    assert parts("Mogen werkgevers en werknemers stemmen?") == [
        "Mogen werkgevers en werknemers stemmen?"
    ]
    dutch = ask(
        "Wie is de secretaris en wanneer gaat het samenwerkingsverband in?", index, ACHTERHOEK, "nl"
    )
    assert dutch.clauses == ((ACHTERHOEK, "art-2"), (ACHTERHOEK, "art-4"))
    assert "Doetinchem" in text_of(dutch)
    assert "1 januari 2015" in text_of(dutch)
    english = ask(
        "Who is the secretary and when does the partnership commence?", index, ACHTERHOEK, "en"
    )
    assert "1 January 2015" in text_of(english)


def test_a_part_the_agreement_does_not_answer_says_so(index: ClauseIndex) -> None:
    result = ask("Wie is de voorzitter en wat verdient die per maand?", index, TWENTE, "nl")
    assert result.kind == "structured"
    assert "Enschede" in text_of(result)
    assert result.lines[-1].startswith("De overeenkomst zegt hier niets over")


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang", "quoted"),
    [
        (
            "Hoe vaak vergadert het bestuur?",
            TWENTE,
            "nl",
            "Vergaderritme: Minimaal 1 keer per kwartaal",
        ),
        ("How often does the board meet?", ACHTERHOEK, "en", "at least once per quarter"),
        ("Wie wijst de secretaris aan?", ACHTERHOEK, "nl", "aangewezen ambtelijk secretaris"),
        ("When must the yearly report be ready?", TWENTE, "en", "within 6 weeks"),
    ],
)
def test_an_intent_answer_quotes_the_line_it_rests_on(
    index: ClauseIndex, question: str, agreement_id: str, lang: str, quoted: str
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.kind == "structured"
    quotes = [line for line in result.lines if not line.startswith("Dutch original: ")]
    assert quoted in quotes[-1]
    assert quotes[-1].endswith("”")


# -- the kind of answer a question word asks for ----------------------------------------------


def test_question_words_ask_for_a_kind_of_answer() -> None:
    assert asked_kind("Per wanneer gaat het in?") == "when"
    assert asked_kind("How many seats?") == "how_many"
    assert asked_kind("hoe vaak vergaderen we") == "how_often"
    assert asked_kind("Wie tekende namens de FNV?") == "who"
    assert asked_kind("Wat is de lege stoel?") is None
    assert holds_kind("Het samenwerkingsverband gaat in op 1 januari 2015.", "when")
    assert not holds_kind("Partijen streven naar consensus.", "when")
    assert holds_kind("minimaal 1 keer per kwartaal", "how_often")


# -- calibrated refusals ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang"),
    [
        ("Hoeveel vakantiedagen heeft de secretaris?", ACHTERHOEK, "nl"),
        ("What are the opening hours of the Werkcentrum?", WERKCENTRUM, "en"),
        ("Wie wordt directeur van het Werkcentrum?", WERKCENTRUM, "nl"),
        ("Is there a dress code for meetings?", TWENTE, "en"),
    ],
)
def test_questions_whose_subject_is_not_in_the_agreement_are_refused(
    index: ClauseIndex, question: str, agreement_id: str, lang: str
) -> None:
    assert refuses(ask(question, index, agreement_id, lang))


# -- (e) text that is not a question about the agreement ----------------------------------------


@pytest.mark.parametrize("text", ["Hoi", "goedemorgen werkbot!", "Hello there", "hey"])
def test_greetings_are_recognised(text: str) -> None:
    assert is_greeting(text)


@pytest.mark.parametrize("text", ["Hoi, wie is de voorzitter?", "dag van de opening", "stem"])
def test_questions_are_not_greetings(text: str) -> None:
    assert not is_greeting(text)


@pytest.mark.parametrize(
    "text",
    [
        "Waar kan ik stemmen?",
        "hoe breng ik mijn stem uit",
        "How can I cast my vote?",
        "how to vote",
        "when do I have to vote?",
    ],
)
def test_how_to_vote_is_recognised(text: str) -> None:
    assert asks_how_to_vote(text)


@pytest.mark.parametrize(
    "text",
    [
        "Hoe stemmen de geledingen?",
        "How many votes does each delegation have?",
        "When Enschede decides alone, does its own council have to vote on it?",
    ],
)
def test_questions_about_voting_in_the_agreement_are_not_how_to_vote(text: str) -> None:
    assert not asks_how_to_vote(text)


def test_an_article_typed_as_text_is_an_article_reference() -> None:
    named = [(ACHTERHOEK, ["Achterhoek"]), (TWENTE, ["Twente"])]
    assert article_ref("Artikel 5", named) is not None
    assert article_ref("art. 10", named) == article_ref("artikel 10", named)
    found = article_ref("clause 6 twente", named)
    assert found is not None
    assert (found.number, found.agreement_id) == ("6", TWENTE)
    found = article_ref("Achterhoek art 9", named)
    assert found is not None
    assert (found.number, found.agreement_id) == ("9", ACHTERHOEK)
    assert article_ref("wat staat er in artikel 5 over kosten", named) is None
    assert article_ref("artikel 5 loonwaarde", named) is None


# -- our translation lines up with the Dutch, line by line -------------------------------------


def test_every_clause_is_translated_line_by_line() -> None:
    """The Dutch original shown beneath an English quote is the line at the same place: every
    clause must have as many fact lines in English as in Dutch."""
    for agreement in shipped_agreements().values():
        for clause in agreement.clauses:
            dutch, english = split_lines(clause.text.nl), split_lines(clause.text.en)
            assert len(dutch) == len(english), (agreement.id, clause.id)


def test_a_sentence_ending_in_a_two_letter_word_ends_there() -> None:
    assert split_lines("Both take part in it. The ISWI organises it from Ulft.") == (
        "Both take part in it.",
        "The ISWI organises it from Ulft.",
    )
    assert split_lines("Wij spreken een agenda af. Deze bevat drie punten.") == (
        "Wij spreken een agenda af.",
        "Deze bevat drie punten.",
    )
    assert len(split_lines("Zie bijlage nr. 5 van het voorstel.")) == 1  # an abbreviation


def test_no_dutch_original_is_shown_for_a_line_without_its_counterpart() -> None:
    """When a clause's two texts do not line up, its English line is quoted without a Dutch
    "original" (another passage of the clause would pass for it)."""
    shipped = shipped_agreements()[ACHTERHOEK]
    clause = shipped.clause("art-7")
    merged = clause.text.en.replace(". ", "; ", 1)  # two English sentences made one
    uneven = clause.model_copy(update={"text": Text(nl=clause.text.nl, en=merged)})
    agreement = shipped.model_copy(
        update={"clauses": [uneven if c.id == "art-7" else c for c in shipped.clauses]}
    )

    def after_article_7(quoted: Agreement) -> str:
        index = ClauseIndex.build([quoted])
        result = answer(
            "Which wage value methods may be used?", [quoted], index, translator("en"), TODAY
        )
        at = next(i for i, line in enumerate(result.lines) if line.startswith("Art. 7"))
        return result.lines[at + 1] if at + 1 < len(result.lines) else ""

    assert after_article_7(shipped).startswith("Dutch original: “Afgesproken is")
    assert not after_article_7(agreement).startswith("Dutch original")
