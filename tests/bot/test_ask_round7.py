"""Asking the agreement, seventh round: "officially" qualifies, "for which years" asks when,
and a part that only asks for a kind of answer is asked of the part before it (issue 19), with
questions of our own."""

from __future__ import annotations

from bot.ask.answer import asked_subject, parts
from bot.ask.index import ClauseIndex
from bot.ask.lines import asked_kind, holds_kind
from tests.bot.asking import ACHTERHOEK, TWENTE, WERKCENTRUM, ask, assert_quotes, refuses, text_of


def test_officially_and_formally_carry_no_subject(index: ClauseIndex) -> None:
    """ "When did the Werkbedrijf officially begin?" is about its start, not about the "official"
    secretary of the start-up phase."""
    for question, lang in (
        ("When did the Werkbedrijf officially begin?", "en"),
        ("Wanneer begon het samenwerkingsverband formeel?", "nl"),
    ):
        result = ask(question, index, ACHTERHOEK, lang)
        assert_quotes(result, ACHTERHOEK, "art-4", "1 januari 2015", question)


def test_which_years_and_which_period_ask_when() -> None:
    for question in (
        "Voor welke jaren geldt de agenda?",
        "In welke periode loopt het plan?",
        "For which years is the agenda?",
        "What period does the plan cover?",
        "Since when does the board exist?",
    ):
        assert asked_kind(question) == "when", question


def test_a_part_that_only_asks_for_a_kind_is_asked_of_the_part_before_it() -> None:
    assert parts("Is er een meerjarenbegroting? Voor welke jaren?") == [
        "Is er een meerjarenbegroting? Voor welke jaren"
    ]
    assert parts("Is there an evaluation? For what period?") == [
        "Is there an evaluation? For what period"
    ]
    # a part with a subject of its own stays a question of its own
    assert parts("Wie is de voorzitter? Hoe vaak vergadert het bestuur?") == [
        "Wie is de voorzitter",
        "Hoe vaak vergadert het bestuur",
    ]


def test_an_indirect_question_is_read_past_whether_and_itself(index: ClauseIndex) -> None:
    """ "I'd like to know whether ...", "tell me whether the agreement itself ...": "whether",
    a reflexive pronoun and a contraction's tail carry no subject the agreement should use."""
    result = ask(
        "I'd like to know whether the Werkbedrijf itself has legal personality",
        index,
        ACHTERHOEK,
        "en",
    )
    assert_quotes(result, ACHTERHOEK, "art-1", "no legal personality")
    result = ask(
        "Could you tell me whether the agreement itself will be evaluated?", index, TWENTE, "en"
    )
    assert result.kind == "clauses"
    assert "evaluate" in text_of(result)


def test_when_inside_a_sentence_does_not_ask_for_a_date() -> None:
    assert asked_kind("Who stands in for the secretary when they're ill?") == "who"
    assert asked_kind("Wie beslist wanneer de partijen het oneens zijn?") == "who"
    assert asked_kind("Do you know when the board meets?") == "when"
    assert asked_kind("Weet iemand wanneer het bestuur vergadert?") == "when"
    assert asked_kind("Is there an evaluation, and when?") == "when"
    assert asked_kind("Wanneer eindigt de overeenkomst?") == "when"


def test_an_employers_organisation_is_the_employers(index: ClauseIndex) -> None:
    """ "Which employer organisation takes part?" asks who the parties are, as "Welke
    werkgeversorganisatie doet mee?" does: the signatories, VNO-NCW among them."""
    for question, lang in (
        ("Which employer organisation takes part in this?", "en"),
        ("Welke werkgeversorganisatie doet er mee?", "nl"),
    ):
        result = ask(question, index, ACHTERHOEK, lang)
        assert result.kind == "structured", question
        assert "VNO-NCW" in text_of(result), question


def test_what_noun_does_asks_about_that_noun(index: ClauseIndex) -> None:
    """ "What «salary» does ...", "Wat voor «salaris» ...": the agreement names no salary, so it
    does not answer, however well "project leader" matches."""
    assert asked_subject("What pension does the secretary get?") == "pension"
    assert asked_subject("Wat voor vergoeding krijgt de voorzitter?") == "vergoeding"
    assert asked_subject("What does the board do?") is None
    for question, lang in (
        ("What salary does the project leader earn?", "en"),
        ("Wat voor salaris verdient de projectleider?", "nl"),
    ):
        assert refuses(ask(question, index, ACHTERHOEK, lang)), question


def test_vanaf_and_klopt_het_dat_carry_no_subject(index: ClauseIndex) -> None:
    """ "vanaf", "sinds", "elkaar" are small words, "klopt het dat" / "is it true that" a way of
    asking: a line that answers need not use them."""
    result = ask("Vanaf wanneer loopt het samenwerkingsverband?", index, ACHTERHOEK, "nl")
    assert_quotes(result, ACHTERHOEK, "art-4", "1 januari 2015")
    result = ask(
        "Klopt het dat het werkbedrijf ook de crisisdienstverlening ondersteunt?",
        index,
        TWENTE,
        "nl",
    )
    assert result.kind == "clauses"
    assert result.clauses[0] == (TWENTE, "art-4")


def test_common_verbs_and_whats_are_no_subject(index: ClauseIndex) -> None:
    """ "whats" (typed without its apostrophe), "hoort" ("bij welk sw-bedrijf hoort ..."), and
    verbs such as "receive", "keep", "help" say nothing the agreement must name."""
    for question, lang in (
        ("whats the start date", "en"),
        ("Bij welk sw-bedrijf hoort Bronckhorst?", "nl"),
        ("Will people receive help there?", "en"),
    ):
        terms = {t.term for t in index.terms(question, lang) if not t.extra}
        assert not any(t.startswith("?") for t in terms), (question, terms)
    result = ask("Bij welk sw-bedrijf hoort Bronckhorst?", index, ACHTERHOEK, "nl")
    assert result.clauses[0] == (ACHTERHOEK, "art-6")


def test_a_number_word_meets_the_number(index: ClauseIndex) -> None:
    """ "three methods" and "3 methodes" and "drie methodes" name the same number."""
    assert "#3" in {t.term for t in index.terms("three methods", "en")}
    assert "#6" in {t.term for t in index.terms("de zes hoofdlijnen", "nl")}
    hits = index.lines("Mogen er 3 methodes voor loonwaarde worden toegepast?", "nl", ACHTERHOEK)
    assert "#3" in hits[0].matched  # the agreement writes "drie methodes"


def test_how_much_money_is_answered_by_an_amount(index: ClauseIndex) -> None:
    """A question about an amount of money is answered by a line that holds one: the cabinet's
    million for the years 2014-2016, not the start-up phase of 2015; the Werkcentrum's
    multi-year budget names its years but no amount, so that is not answered as if it did."""
    result = ask("Hoeveel geld was er voor 2015 beschikbaar?", index, ACHTERHOEK, "nl")
    assert result.kind == "clauses"
    assert "€ 500.000" in text_of(result)
    result = ask("How much money does the multi-year budget hold?", index, WERKCENTRUM, "en")
    assert refuses(result)


def test_a_title_in_quotes_is_a_name() -> None:
    """ "Hoe heet de raadsbrief": the line names it in quotes, ‘Hervorming ...’; a quote's own
    first word is still no name."""
    assert holds_kind("met de raadsinformatiebrief ‘Hervorming arbeidsmarktinfrastructuur’", "name")
    assert not holds_kind("‘het bestuur heeft een projectleider’", "name")


def test_what_the_line_after_adds_counts_for_the_line_it_is_quoted_with(
    index: ClauseIndex,
) -> None:
    """ "Hameland is that for the SDOA municipalities and Aalten" is quoted after the line it
    refers back to; a question naming Aalten finds that pair, not the line about the Wsw."""
    result = ask("Aalten belongs to which sheltered employment company?", index, ACHTERHOEK, "en")
    assert result.kind == "clauses"
    assert "Hameland is that for the SDOA municipalities and Aalten" in text_of(result)


def test_the_years_asked_for_are_no_subject(index: ClauseIndex) -> None:
    """ "Voor welke «jaren»": a line that holds the years answers; it need not say "jaar"."""
    for question, lang in (
        ("For which years was the strategic cooperation agenda drawn up?", "en"),
        ("Voor welke jaren is de strategische agenda opgesteld?", "nl"),
    ):
        result = ask(question, index, TWENTE, lang)
        assert result.clauses[0] == (TWENTE, "preamble"), question
        assert "2020-2025" in text_of(result)


def test_a_name_the_question_uses_is_not_the_name_asked_for(index: ClauseIndex) -> None:
    """ "Hoe heet de projectleider van het Werkbedrijf?": the agreement names no project
    leader; "Werkbedrijf" in the quoted lines is the question's own word, not an answer."""
    assert not holds_kind(
        "Het Werkbedrijf zal een begroting opstellen.",
        "name",
        "Hoe heet de projectleider van het werkbedrijf?",
    )
    assert refuses(ask("Hoe heet de projectleider van het werkbedrijf?", index, ACHTERHOEK, "nl"))


def test_who_has_the_final_say_when_the_municipalities_disagree(index: ClauseIndex) -> None:
    """ "the final say", "make the call", "reach agreement", and the municipalities as the
    parties who disagree: the Werkcentrum note's decision rule, ending in Enschede's mandate."""
    for question in (
        "if the municipalities dont reach agreement, who has the final say?",
        "If the partners cannot reach an agreement, who makes the call?",
    ):
        result = ask(question, index, WERKCENTRUM, "en")
        assert result.kind == "structured", question
        assert "Enschede" in text_of(result), question


def test_a_separable_verb_split_in_the_agreement_meets_it_whole(index: ClauseIndex) -> None:
    """The agreement writes "stelde ... vast"; the question asks when it was "vastgesteld":
    one verb, vaststellen. The line that holds the date answers, not the one that only
    mentions the "recent vastgestelde" agenda."""
    terms = index.analyzer.terms("De regio stelde eind 2023 de agenda vast.", "nl")
    assert "nl:=vaststellen" in terms
    assert "nl:=vaststellen" in index.analyzer.terms("de recent vastgestelde agenda", "nl")
    result = ask(
        "Wanneer heeft de arbeidsmarktregio de strategische agenda vastgesteld?",
        index,
        WERKCENTRUM,
        "nl",
    )
    assert result.clauses[0] == (WERKCENTRUM, "arbeidsmarktregio-twente")
    assert "eind 2023" in text_of(result)


def test_when_is_answered_by_a_line_that_holds_a_date_or_period(plain_index: ClauseIndex) -> None:
    """ "Wanneer ..." asked of an agreement whose matching line holds no date is not answered as
    if it did (the Achterhoek covenant adopts no strategic agenda); where two lines rank alike,
    the one with the date is quoted first."""
    result = ask(
        "Wanneer heeft de regio de strategische agenda vastgesteld?", plain_index, ACHTERHOEK, "nl"
    )
    assert refuses(result)
    result = ask("When is the evaluation of the agreement planned?", plain_index, TWENTE, "en")
    assert result.kind == "clauses"
    assert "last quarter of 2022" in result.lines[0]


def test_a_part_that_points_back_at_an_unanswered_part_is_not_answered(
    index: ClauseIndex,
) -> None:
    """ "Kan Almelo uit de samenwerking stappen, en wat kost dat dan?": the agreement does not
    say whether Almelo can leave, so "what does that cost" is not answered with other costs; a
    second question of its own is still answered ("..., and how often does it meet?")."""
    result = ask(
        "Kan Almelo later weer uit de samenwerking stappen, en wat kost dat dan?",
        index,
        WERKCENTRUM,
        "nl",
    )
    assert refuses(result)
    both = text_of(
        ask("Who chairs the board, and how often does it meet?", index, ACHTERHOEK, "en")
    )
    assert "Doetinchem" in both
    assert "every two months" in both


def test_everyday_words_for_displacement_a_legal_task_and_an_older_agreement(
    index: ClauseIndex,
) -> None:
    """ "pushing out regular workers" is displacement, "a legal requirement" a statutory task,
    "an older one" the existing agreement."""
    result = ask(
        "Must the Werkbedrijf prevent subsidised jobs from pushing out regular workers?",
        index,
        ACHTERHOEK,
        "en",
    )
    assert result.clauses[0] == (ACHTERHOEK, "art-5")
    result = ask("Is a Werkcentrum going to be a legal requirement?", index, WERKCENTRUM, "en")
    assert result.clauses[0] == (WERKCENTRUM, "argument-1-3")
    assert "statutory task" in text_of(result)
    result = ask("Does this agreement update an older one?", index, TWENTE, "en")
    assert result.clauses[0] == (TWENTE, "preamble")
    assert "12 February 2014" in text_of(result)


def test_the_building_on_day_one_is_the_location_at_the_start(index: ClauseIndex) -> None:
    for question, lang in (
        ("Will the premises be open from day one?", "en"),
        ("Is het gebouw meteen op de eerste dag open?", "nl"),
    ):
        result = ask(question, index, WERKCENTRUM, lang)
        assert result.kind == "clauses", question
        assert result.clauses[0] == (WERKCENTRUM, "werkcentrum-twente"), question


def test_who_benefits_day_to_day_and_how_big(index: ClauseIndex) -> None:
    """ "who benefits" is the added value, "day to day" the management, "how big" asks for an
    amount (a line without one does not answer it)."""
    result = ask("Who benefits from the stronger cooperation?", index, WERKCENTRUM, "en")
    assert result.clauses[0] == (WERKCENTRUM, "argument-7-2")
    result = ask("Who runs the Werkcentrum day to day?", index, WERKCENTRUM, "en")
    assert result.clauses[0] == (WERKCENTRUM, "uitvoering")
    assert asked_kind("Hoe groot is het budget?") == "how_many"
    assert refuses(ask("How big is the national subsidy?", index, WERKCENTRUM, "en"))


def test_a_briefing_is_an_explanatory_session_and_how_often_needs_a_frequency(
    index: ClauseIndex,
) -> None:
    """ "a briefing" for the councils is the explanatory session the region organises; "how
    often" is not answered by a line that holds no frequency."""
    result = ask("Will the council members get a briefing?", index, WERKCENTRUM, "en")
    assert result.clauses[0] == (WERKCENTRUM, "uitvoering")
    assert refuses(ask("How often does the AOA get together?", index, WERKCENTRUM, "en"))
