"""Asking the agreement, thirteenth round (issue 19), with questions of our own: who holds an
office the agreement leaves to the board; a count of the parties."""

from __future__ import annotations

from bot.ask.answer import asks_opinion, asks_realised, parts
from bot.ask.index import ClauseIndex
from bot.ask.intents import Intent, detect, features
from bot.ask.lines import asked_kind
from bot.ask.text import written_out
from rules.agreements.loader import shipped_agreements
from tests.bot.asking import (
    ACHTERHOEK,
    TWENTE,
    WERKCENTRUM,
    ask,
    assert_refused,
    refuses,
    text_of,
)


def test_who_holds_the_vice_chair_is_not_in_an_agreement_that_leaves_it_to_the_board(
    plain_index: ClauseIndex,
) -> None:
    """Asked who the vice-chair is now, or who was chosen, an agreement that leaves the choice
    to the board names no one: that is said first, then how the vice-chair is chosen."""
    for question, agreement_id, lang in [
        ("Wie is er momenteel vicevoorzitter van het werkbedrijf?", TWENTE, "nl"),
        ("Wie is er uiteindelijk tot vicevoorzitter benoemd?", ACHTERHOEK, "nl"),
        ("Who is the vice-chair at the moment?", TWENTE, "en"),
        ("Who was elected vice-chair?", ACHTERHOEK, "en"),
    ]:
        result = ask(question, plain_index, agreement_id, lang)
        assert result.refused, question
        said = text_of(result)
        assert "niemand als vicevoorzitter" in said or "no one as vice-chair" in said, question
        assert "bestuur" in said, question  # the rule: to be determined by the board


def test_who_chooses_the_vice_chair_is_answered(plain_index: ClauseIndex) -> None:
    """Who chooses the vice-chair, from whom or who may become one: the agreement says."""
    for question, agreement_id, lang in [
        ("Wie kiest de vicevoorzitter?", ACHTERHOEK, "nl"),
        ("Uit wie wordt de vicevoorzitter gekozen?", ACHTERHOEK, "nl"),
        ("Who is the vice-chair picked from?", ACHTERHOEK, "en"),
        ("Who can become vice-chair?", TWENTE, "en"),
        ("Hoe wordt de vicevoorzitter gekozen?", TWENTE, "nl"),
    ]:
        result = ask(question, plain_index, agreement_id, lang)
        assert not result.refused, question
        said = text_of(result)
        assert "niemand" not in said, question
        assert "no one" not in said, question


def test_how_many_parties_is_answered_by_a_count_where_the_text_gives_one(
    plain_index: ClauseIndex,
) -> None:
    """Asked "hoeveel gemeenten zijn partij", the signatures give "De 14 Twentse Gemeenten"; the
    line naming the parties without a number does not count them. Where no line counts them
    (Achterhoek), the parties are named, to be counted."""
    result = ask("Hoeveel gemeenten zijn partij bij deze overeenkomst?", plain_index, TWENTE, "nl")
    assert "14" in text_of(result)
    result = ask("How many municipalities are party to it?", plain_index, TWENTE, "en")
    assert "14" in text_of(result)
    result = ask("Hoeveel gemeenten doen mee?", plain_index, ACHTERHOEK, "nl")
    assert not refuses(result)
    assert "Winterswijk" in text_of(result)


def test_what_it_became_in_the_end_is_not_in_the_agreement(plain_index: ClauseIndex) -> None:
    """What was chosen in the end, who got work, what came of that evaluation: an agreement
    says what is to be done, not what came of it. "Who decides in the end" is still asked."""
    assert_refused(
        plain_index,
        [
            ("Welke methode is het uiteindelijk geworden?", ACHTERHOEK, "nl"),
            ("Hoeveel werklozen zijn er dankzij het werkbedrijf aan de slag gegaan?", TWENTE, "nl"),
            ("Hoeveel mensen zijn via het Werkbedrijf aan het werk gekomen?", ACHTERHOEK, "nl"),
            ("Wat is er uit die evaluatie gekomen?", TWENTE, "nl"),
            ("Which method was chosen in the end?", ACHTERHOEK, "en"),
            ("How many people with a disability got a job through it?", TWENTE, "en"),
        ],
    )
    for question in (
        "Who was elected vice-chair at the first board meeting?",
        "Which method have they chosen for 2016?",
        "Welke methode hebben ze gekozen?",
        "Which employers have already promised to hire someone?",
        "Welke gemeenten hebben al toegezegd een inlooppunt te openen?",
    ):
        assert asks_realised(question), question
    assert not asks_realised("Who decides in the end?")
    assert not asks_realised("Wat heeft het college besloten?")
    assert not asks_realised("Has the Werkbedrijf got any role in crisis-related job services?")
    assert not asks_realised("Wie beslist er uiteindelijk als er geen consensus is?")


def test_a_quorum_in_everyday_words_is_not_how_the_board_decides(
    plain_index: ClauseIndex,
) -> None:
    """Asked "how many members have to be present", a question asks for a quorum, which no
    shipped agreement sets: the phrase with its small words is read before the intent is
    chosen, so the answer is not how the board decides."""
    assert "@quorum" in features("How many board members have to be present to decide?").concepts
    assert_refused(
        plain_index,
        [
            ("How many board members have to be present for a vote to be valid?", ACHTERHOEK, "en"),
            ("Hoeveel bestuursleden moeten aanwezig zijn om te mogen stemmen?", TWENTE, "nl"),
        ],
    )


def test_a_piece_that_does_not_open_with_a_question_word_leads_into_the_next() -> None:
    """A statement before a question ("Mijn zoon is 23 en heeft autisme.") or a yes/no question
    followed by what it means ("... een verslag of zo?") is one question; two questions that
    each open with a question word are still two."""
    assert parts("Mijn zoon is 23 en heeft autisme. Helpt het werkbedrijf hem aan werk?") == [
        "Mijn zoon is 23 en heeft autisme. Helpt het werkbedrijf hem aan werk?"
    ]
    assert len(parts("Horen de raden wat er gebeurd is? Een jaarverslag of zo?")) == 1
    assert len(parts("Hoeveel banen moeten er in 2015 zijn en hoeveel in 2016?")) == 1
    assert parts("wie is de voorzitter en hoe vaak vergadert het bestuur?") == [
        "wie is de voorzitter",
        "hoe vaak vergadert het bestuur",
    ]


def test_trusting_is_no_confidentiality(plain_index: ClauseIndex) -> None:
    """Saying "ik vertrouw het niet" says nothing of confidentiality ("vertrouwelijk"): the question
    after it is still answered."""
    result = ask(
        "Ik vertrouw het niet helemaal. Wie is verantwoordelijk voor de resultaten?",
        plain_index,
        TWENTE,
        "nl",
    )
    assert not result.refused
    assert "resultaten" in text_of(result)


def test_voor_wanneer_asks_when_and_wordt_opens_a_part(plain_index: ClauseIndex) -> None:
    """Asked "voor wanneer", a question asks for a date: the sentence with the six weeks is
    quoted. ", en wordt ..." opens a second part as ", en is ..." does."""
    assert asked_kind("Voor wanneer moet het verslag klaar zijn?") == "when"
    result = ask("Voor wanneer moet het jaarverslag klaar zijn?", plain_index, TWENTE, "nl")
    assert "6 weken" in text_of(result)
    assert parts("Tot wanneer geldt de overeenkomst, en wordt die nog geëvalueerd?") == [
        "Tot wanneer geldt de overeenkomst",
        "wordt die nog geëvalueerd",
    ]


def test_one_partys_view_is_not_in_the_agreement(plain_index: ClauseIndex) -> None:
    """The parties wrote the agreement together: what the union or the employers think of it
    is not in it. What the parties together find most important still is."""
    assert_refused(
        plain_index,
        [
            ("Wat vinden de werkgevers eigenlijk van dit convenant?", ACHTERHOEK, "nl"),
            ("Hoe kijkt de vakbond aan tegen de banenafspraak?", TWENTE, "nl"),
            ("What do the unions think of the Werkcentrum?", WERKCENTRUM, "en"),
            ("What is the UWV's view on the wage value methods?", ACHTERHOEK, "en"),
        ],
    )
    assert not asks_opinion("Wat vinden ze het allerbelangrijkste om samen te werken?")


def test_a_year_the_line_is_not_about_is_not_answered_by_it(plain_index: ClauseIndex) -> None:
    """Asked about 2018, a line on the jobs for 2015 up to and including 2016 is no answer; a
    year inside the span it names, or after the year it runs from, is."""
    assert_refused(plain_index, [("How many extra jobs are planned for 2018?", ACHTERHOEK, "en")])
    result = ask("How many extra jobs are to be created in 2016?", plain_index, ACHTERHOEK, "en")
    assert "270" in text_of(result)


def test_everyday_words_for_reporting_and_powers(plain_index: ClauseIndex) -> None:
    """Letting know ("laten weten") is informing; "overrule" and "handed powers" ask about a
    mandate."""
    result = ask(
        "Hoe vaak moet het werkbedrijf de gemeenten laten weten wat het gedaan heeft?",
        plain_index,
        TWENTE,
        "nl",
    )
    assert "verslag" in text_of(result)
    result = ask("Can the board overrule a municipality?", plain_index, TWENTE, "en")
    assert "mandate" in text_of(result)


def test_what_the_body_is_asked_for_simply(plain_index: ClauseIndex) -> None:
    """Asked "What is the Werkcentrum, in simple words?", what it is; "Wat doet het werkbedrijf,
    in het kort?" what it does."""
    result = ask("What is the Werkcentrum, in simple words please?", plain_index, WERKCENTRUM, "en")
    assert "offers information and advice" in text_of(result)
    result = ask("Wat doet het werkbedrijf, in het kort?", plain_index, TWENTE, "nl")
    assert "taken" in text_of(result)


def test_a_date_asked_needs_a_day_or_a_month(plain_index: ClauseIndex) -> None:
    """Asked "op welke datum" or "when exactly", a line with a year alone (the 2025
    implementation plan) does not give the date; a month ("december 2014") or a date counted
    from another ("binnen 6 weken") does. "How far ahead" asks for a time."""
    assert_refused(
        plain_index,
        [
            ("Op welke datum heeft het college dit voorstel aangenomen?", WERKCENTRUM, "nl"),
            ("When exactly did the college adopt the implementation plan?", WERKCENTRUM, "en"),
        ],
    )
    result = ask("Op welke datum is het convenant ondertekend?", plain_index, ACHTERHOEK, "nl")
    assert "december 2014" in text_of(result)
    assert asked_kind("How far ahead must the papers be sent?") == "when"
    assert asked_kind("Hoeveel tijd hebben we voor het jaarverslag?") == "when"
    result = ask(
        "Hoeveel tijd is er na het eind van het jaar voor het verslag?",
        plain_index,
        ACHTERHOEK,
        "nl",
    )
    assert "6 weken" in text_of(result)


def test_an_amount_asked_without_how_much(plain_index: ClauseIndex) -> None:
    """Asked "What is the annual budget?" or "Hoe hoog is de subsidie?", a question asks an
    amount, which a line without one (keeping costs down, 270 jobs) does not give; the
    Achterhoek's 1 million euro for setting up the Werkbedrijf still answers what it was
    given."""
    assert asked_kind("What's the Werkbedrijf's yearly budget?") == "how_many"
    assert asked_kind("What is the budget for?") is None
    assert_refused(
        plain_index,
        [
            ("What's the yearly budget of the Werkbedrijf?", TWENTE, "en"),
            ("Hoe hoog is de loonkostensubsidie voor een werkgever?", ACHTERHOEK, "nl"),
        ],
    )
    result = ask(
        "Wat is het bedrag dat het kabinet beschikbaar stelde voor het werkbedrijf?",
        plain_index,
        ACHTERHOEK,
        "nl",
    )
    assert "1 miljoen euro" in text_of(result)


def test_who_put_their_name_on_it_signed(plain_index: ClauseIndex) -> None:
    """Putting one's name on it is signing: the signatures answer."""
    result = ask("Who put their name on it for the employers?", plain_index, ACHTERHOEK, "en")
    assert result.clauses[0] == (ACHTERHOEK, "signatures")


def test_whether_a_named_municipality_takes_part_is_answered_with_the_parties(
    plain_index: ClauseIndex,
) -> None:
    """A name the agreement writes ("Montferland") explains itself in a question of who takes
    part: the parties are quoted, with it among them. Elsewhere a name still keeps an intent
    from answering a question it does not account for."""
    match = detect(
        "Doet Bronckhorst ook mee aan het werkbedrijf?", shipped_agreements()[ACHTERHOEK]
    )
    assert match is not None
    assert match.intent is Intent.PARTIES
    result = ask("Is Oost Gelre a party to this?", plain_index, ACHTERHOEK, "en")
    assert "Oost Gelre" in text_of(result)


def test_an_extension_or_an_appeal_is_a_subject_no_agreement_settles(
    plain_index: ClauseIndex,
) -> None:
    """Whether the agreement is extended or renewed after it ends, and whether a decision can
    be appealed: no shipped agreement says, however well the other words match."""
    assert_refused(
        plain_index,
        [
            ("Wordt de overeenkomst na 2026 verlengd?", TWENTE, "nl"),
            ("Will the covenant be renewed when it runs out?", ACHTERHOEK, "en"),
            ("Can a municipality appeal a decision of Enschede?", WERKCENTRUM, "en"),
            ("Kan Almelo in beroep gaan tegen een besluit van Enschede?", WERKCENTRUM, "nl"),
        ],
    )
    # the board extended (expanded) for a while is no extension of the agreement
    result = ask("Can the board be extended temporarily?", plain_index, TWENTE, "en")
    assert "temporarily expanded" in text_of(result)


def test_who_chairs_needs_a_line_that_names_a_chair(plain_index: ClauseIndex) -> None:
    """Who chairs the officials' meeting: the line that says when it meets names no chair."""
    assert_refused(
        plain_index,
        [("Who chairs the monthly meeting of the officials' consultation?", ACHTERHOEK, "en")],
    )
    result = ask("Wie zit het bestuur voor?", plain_index, TWENTE, "nl")
    assert "Enschede" in text_of(result)


def test_words_typed_short_in_a_chat_are_read_written_out(plain_index: ClauseIndex) -> None:
    """Words typed short as a phone types them ("wnr", "vh", "yrs", "govt") are read as the
    words they stand for."""
    assert written_out("wnr vergadert het bestuur vh werkbedrijf?") == (
        "wanneer vergadert het bestuur van het werkbedrijf?"
    )
    result = ask("wie is de voorzitter vh werkbedrijf?", plain_index, TWENTE, "nl")
    assert "Enschede" in text_of(result)
    result = ask("how much money did the govt give to set it up?", plain_index, ACHTERHOEK, "en")
    assert "1 million" in text_of(result)
