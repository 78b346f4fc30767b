"""Asking the agreement, twelfth round (issue 19), with questions of our own: what came of the
cooperation is no question an agreement answers; a number of weeks or years counted needs that
many weeks or years; how board members meet and what decides when they disagree."""

from __future__ import annotations

import pytest

from bot.ask.answer import asks_realised, parts, unit_counted
from bot.ask.index import ClauseIndex
from bot.ask.intents import Intent, detect
from bot.ask.text import context_split
from rules.agreements.loader import shipped_agreements
from tests.bot.asking import (
    ACHTERHOEK,
    TWENTE,
    WERKCENTRUM,
    ask,
    assert_quotes,
    assert_refused,
    assert_says,
    text_of,
)


def test_what_came_of_the_cooperation_is_not_in_the_agreement(plain_index: ClauseIndex) -> None:
    """An agreement says what the partners will do, never what came of it: results, jobs
    filled, what an evaluation found. The 270 jobs line shares the words, not the answer."""
    assert_refused(
        plain_index,
        [
            ("Hoeveel werkzoekenden zijn er sinds 2015 aan het werk geholpen?", ACHTERHOEK, "nl"),
            ("Hoeveel van de garantiebanen zijn inmiddels vervuld?", ACHTERHOEK, "nl"),
            ("How many of the guaranteed jobs have been filled so far?", ACHTERHOEK, "en"),
            ("What did the evaluation in 2022 show?", TWENTE, "en"),
            ("Wat is er uit de evaluatie gekomen?", TWENTE, "nl"),
            ("Hoeveel mensen heeft het Werkcentrum al geplaatst?", WERKCENTRUM, "nl"),
        ],
    )


@pytest.mark.parametrize(
    ("question", "realised"),
    [
        ("How many people have found a job through it?", True),
        ("What were the results of the 2022 evaluation?", True),
        ("What came out of the evaluation?", True),
        # what was to come of it, and a budget's source, are asked of the agreement
        ("Over what years was that supposed to be achieved?", False),
        ("Hoeveel banen moeten er worden gerealiseerd?", False),
        ("Does that come out of the werkbedrijf budget?", False),
        ("Wie heeft de overeenkomst ondertekend?", False),
    ],
)
def test_asks_realised(question: str, realised: bool) -> None:
    assert asks_realised(question) is realised


def test_what_was_to_come_of_it_is_still_answered(plain_index: ClauseIndex) -> None:
    result = ask(
        "Over which years were the 270 jobs supposed to be created?", plain_index, ACHTERHOEK, "en"
    )
    assert_says(result, "2015 up to and including 2016")


def test_a_number_of_years_counted_needs_that_many_years(plain_index: ClauseIndex) -> None:
    """ "Voor hoeveel jaar ..." is not answered by a line with another number ("1 keer per
    kwartaal"), nor days before a meeting by "iedere twee maanden"."""
    assert_refused(
        plain_index,
        [
            ("Voor hoeveel jaar wordt een bestuurslid gekozen?", TWENTE, "nl"),
            ("For how many years is the vice-chair appointed?", TWENTE, "en"),
            ("Hoeveel dagen voor de vergadering krijgen we de stukken?", ACHTERHOEK, "nl"),
        ],
    )
    result = ask("Within how many weeks is the annual report due?", plain_index, TWENTE, "en")
    assert_quotes(result, TWENTE, "art-7", "6 weeks")


def test_unit_counted() -> None:
    weeks = unit_counted("binnen hoeveel weken moet het verslag er zijn")
    assert weeks is not None
    assert weeks.search("binnen 6 weken na afloop") is not None
    assert weeks.search("within six weeks") is not None
    assert weeks.search("iedere twee maanden") is None
    assert unit_counted("hoeveel zetels heeft UWV") is None
    assert unit_counted("binnen hoeveel tijd") is None  # any time will do


@pytest.mark.parametrize(
    ("question", "agreement", "intent"),
    [
        ("hoe vaak vergaderen de bestuurders", TWENTE, Intent.RHYTHM),
        ("hoe vaak komen de bestuurders bijeen", TWENTE, Intent.RHYTHM),
        ("If they can't reach unanimity, what decides the outcome?", ACHTERHOEK, Intent.DECISIONS),
        ("Does the majority simply win when they disagree?", TWENTE, Intent.DECISIONS),
        ("hoeveel bestuurders heeft het UWV", ACHTERHOEK, Intent.SEATS),
        # who leads the body the agreement sets up: its chair
        ("Wie heeft de leiding?", ACHTERHOEK, Intent.CHAIR),
        ("Who runs it?", TWENTE, Intent.CHAIR),
        ("Who's in charge of the board?", TWENTE, Intent.CHAIR),
        ("Wie heeft de leiding over het Werkcentrum?", WERKCENTRUM, Intent.CHAIR),
    ],
)
def test_board_members_and_outcomes_in_the_intents(
    question: str, agreement: str, intent: Intent
) -> None:
    match = detect(question, shipped_agreements()[agreement])
    assert match is not None, question
    assert match.intent is intent


@pytest.mark.parametrize(
    ("question", "asked", "context"),
    [
        # "dat" before a word of the question's own names that thing, it does not point back
        (
            "Ik ben jobcoach. Wat doet dat werkbedrijf?",
            "Wat doet dat werkbedrijf?",
            "Ik ben jobcoach.",
        ),
        # two questions in a row are asked together, the remark before them is their context
        (
            "Ik werk bij een school. Wie zit er in het bestuur, en hoe vaak?",
            "Wie zit er in het bestuur, en hoe vaak?",
            "Ik werk bij een school.",
        ),
        ("I'm in HR. Who sits on that board?", "Who sits on that board?", "I'm in HR."),
    ],
)
def test_context_around_a_question(question: str, asked: str, context: str) -> None:
    assert context_split(question) == (asked, context)


def test_a_pointing_word_still_needs_what_came_before() -> None:
    for question in (
        "Het ISWI: wat gebeurt daarmee?",
        "The report - when is it due?",
        # "dat" followed by what is said of it, or by a verb, points back
        "Het jaarverslag: wanneer moet dat klaar zijn?",
        "Die werkgroep: wanneer gaan ze dat doen?",
    ):
        assert context_split(question) == (question, ""), question


def test_a_count_the_question_gives_is_no_answer(plain_index: ClauseIndex) -> None:
    """ "How many of the 270 jobs ...": the line that sets the 270 jobs gives only the total
    the question already names (and years, which count nothing); "hoeveel van die banen" asks
    for a share of it, which the agreement does not split."""
    assert_refused(
        plain_index,
        [
            ("How many of the 270 jobs must be created in 2016 alone?", ACHTERHOEK, "en"),
            ("Hoeveel van die garantiebanen komen bij Aalten terecht?", ACHTERHOEK, "nl"),
            # the day of a date is no count ("opent op 1 januari 2026")
            ("How many jobseekers will the Werkcentrum help each year?", WERKCENTRUM, "en"),
        ],
    )
    result = ask("Hoeveel extra banen moeten er in de regio komen?", plain_index, ACHTERHOEK, "nl")
    assert_says(result, "270 extra banen")


@pytest.mark.parametrize(
    "question",
    [
        "Wie hakt de knoop door als de gemeenten er onderling niet uitkomen?",
        "If the municipalities cannot agree, who has the final word?",
        "Stalemate on the board: who breaks it?",
    ],
)
def test_who_settles_it_asks_how_the_board_decides(question: str) -> None:
    """Without consensus the Werkcentrum's mandate lies with Enschede; a deadlock is no tie of
    votes (there are none), it is consensus failing."""
    match = detect(question, shipped_agreements()[WERKCENTRUM])
    assert match is not None, question
    assert match.intent is Intent.DECISIONS
    assert not match.tie


def test_a_part_that_only_points_back_is_asked_with_the_part_before() -> None:
    assert parts("who breaks the deadlock and why them?") == [
        "who breaks the deadlock and why them"
    ]
    assert parts("Wie is de voorzitter en hoe vaak vergadert het bestuur?") == [
        "Wie is de voorzitter",
        "hoe vaak vergadert het bestuur",
    ]


def test_a_when_asked_after_a_comma_is_asked_with_its_words(plain_index: ClauseIndex) -> None:
    """ "..., and when is it due?" is asked with the part before it in the words that join them:
    a "when" question, quoting the sentence with the date."""
    assert parts("Is there a yearly report, and when is it due?") == [
        "Is there a yearly report, and when is it due"
    ]
    result = ask("Do they put out some report, and when is it due?", plain_index, TWENTE, "en")
    assert "within 6 weeks" in text_of(result)


@pytest.mark.parametrize(
    ("question", "agreement", "lang", "fact"),
    [
        ("Wat doet het Werkbedrijf eigenlijk?", ACHTERHOEK, "nl", "de volgende taken"),
        ("Ik ben jobcoach. Wat doet dat werkbedrijf?", TWENTE, "nl", "de volgende taken"),
        ("What does the Werkbedrijf actually do?", ACHTERHOEK, "en", "the following tasks"),
        # the Werkcentrum note has no section on tasks: what the Werkcentrum offers
        ("Wat gaat het Werkcentrum doen?", WERKCENTRUM, "nl", "biedt informatie en advies"),
        ("What is the Werkcentrum for?", WERKCENTRUM, "en", "offers information and advice"),
        # what it is: its form of cooperation
        ("Wat is het Werkbedrijf?", ACHTERHOEK, "nl", "is een samenwerkingsverband"),
        ("What is the Werkbedrijf?", TWENTE, "en", "a network organisation"),
        ("Wat is het Werkcentrum eigenlijk?", WERKCENTRUM, "nl", "biedt informatie en advies"),
        # who it is for, in the agreement's own words for the people it serves
        ("Voor wie is het Werkcentrum bedoeld?", WERKCENTRUM, "nl", "werkenden, werkzoekenden"),
        ("Who is the Werkcentrum for?", WERKCENTRUM, "en", "working people, jobseekers"),
        ("Who does the Werkbedrijf help?", ACHTERHOEK, "en", "target group"),
        # whether it is a company: its form of cooperation
        ("Is het Werkbedrijf een bedrijf?", ACHTERHOEK, "nl", "samenwerkingsverband"),
        ("Is the Werkbedrijf a company or a foundation?", TWENTE, "en", "legal personality"),
        ("What kind of organisation is the Werkbedrijf?", TWENTE, "en", "network organisation"),
        ("Wat voor organisatie is het Werkbedrijf?", ACHTERHOEK, "nl", "rechtspersoonlijkheid"),
    ],
)
def test_what_the_body_does_is_its_tasks(
    plain_index: ClauseIndex, question: str, agreement: str, lang: str, fact: str
) -> None:
    assert_says(ask(question, plain_index, agreement, lang), fact, question)


def test_what_someone_else_does_is_not_read_as_the_bodys_tasks(plain_index: ClauseIndex) -> None:
    result = ask("Wat doet de secretaris?", plain_index, ACHTERHOEK, "nl")
    assert "de volgende taken" not in text_of(result)
    # a body another agreement sets up is not this one's
    assert_refused(plain_index, [("Wat is het Werkcentrum?", ACHTERHOEK, "nl")])


def test_contact_details_are_not_in_the_agreement(plain_index: ClauseIndex) -> None:
    """The ambassadors' "contacts" with companies are no contact details."""
    assert_refused(
        plain_index,
        [
            ("How do I contact them?", TWENTE, "en"),
            ("Hoe neem ik contact op met het Werkcentrum?", WERKCENTRUM, "nl"),
            ("Wat is het telefoonnummer van het werkbedrijf?", ACHTERHOEK, "nl"),
        ],
    )


def test_who_leads_something_else_is_not_the_chair() -> None:
    for question in ("Wie leidt de werkgroepen?", "Wie heeft de leiding over de uitvoering?"):
        match = detect(question, shipped_agreements()[WERKCENTRUM])
        assert match is None or match.intent is not Intent.CHAIR, question


def test_why_quotes_a_reason(index: ClauseIndex) -> None:
    """Asked why, a line that gives a reason (an argument for the proposal) ranks before a line
    that only says what was done: why the council is told is argument 4.1, not the decision
    list that says it is told."""
    result = ask(
        "Waarom krijgt de gemeenteraad dit te horen, het college heeft toch al besloten?",
        index,
        WERKCENTRUM,
        "nl",
    )
    assert result.clauses[0] == (WERKCENTRUM, "argument-4-1")


def test_who_pays_needs_a_line_on_costs(plain_index: ClauseIndex) -> None:
    """ "Wie betaalt de website?" is not answered by the line that names the website; the
    line on who bears which costs still answers who pays for the hours spent in meetings."""
    assert_refused(
        plain_index,
        [("Wie betaalt het onderhoud van de werkgeverswebsite?", ACHTERHOEK, "nl")],
    )
    result = ask("Who pays for the time I spend in board meetings?", plain_index, TWENTE, "en")
    assert_says(result, "Each party bears its own costs")


def test_a_site_is_no_website(index: ClauseIndex) -> None:
    """ "Site" is as often where something is ("the main site") as a website: a website of the
    Werkcentrum, which the note never mentions, is not its main location."""
    assert_refused(index, [("Does the Werkcentrum have a website?", WERKCENTRUM, "en")])
