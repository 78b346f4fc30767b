"""Asking the agreement, eighth round (issue 19), with questions of our own: a question's
context ("I'm new on the board. ...") does not count against the answer, and a quoted line is not
cut at an abbreviation."""

from __future__ import annotations

from bot.ask.index import ClauseIndex, snippet
from bot.ask.text import context_split
from tests.bot.asking import ACHTERHOEK, TWENTE, ask, assert_quotes, assert_says, text_of


def test_the_sentence_before_a_question_is_its_context() -> None:
    assert context_split(
        "Ik zit pas sinds maart in de raad. Wie zit het bestuur van het Werkbedrijf voor?"
    ) == (
        "Wie zit het bestuur van het Werkbedrijf voor?",
        "Ik zit pas sinds maart in de raad.",
    )
    assert context_split("Speaking for our school board: how often does the board meet?") == (
        "how often does the board meet?",
        "Speaking for our school board:",
    )
    assert context_split("I chair a union branch - which unions signed the covenant?") == (
        "which unions signed the covenant?",
        "I chair a union branch",
    )


def test_no_context_when_the_question_needs_what_came_before() -> None:
    for question in (
        "Het ISWI: wat gebeurt ermee na de fusie?",  # the question has one word of its own
        "The jobs agreement - how many does it promise?",  # it points back
        "Who chairs the board? How often does it meet?",  # two questions
        "evaluation of the agreement - when?",
        "Wie zit het bestuur voor",
    ):
        assert context_split(question) == (question, ""), question


def test_a_question_after_a_remark_is_answered_as_if_asked_alone(index: ClauseIndex) -> None:
    """The remark's words that the agreement does not use ("pas", "gekozen", "wondering") no
    longer count against the line that answers the question."""
    for question, lang, fact in (
        (
            "Ik ben pas gekozen als raadslid. Heeft het Werkbedrijf een eigen rechtspersoon?",
            "nl",
            "geen rechtspersoonlijkheid",
        ),
        (
            "Newly elected councillor here, just wondering. Is the Werkbedrijf a legal person?",
            "en",
            "no legal personality",
        ),
    ):
        result = ask(question, index, ACHTERHOEK, lang)
        assert_quotes(result, ACHTERHOEK, "art-1", fact, question)


def test_a_quoted_line_is_not_cut_at_an_abbreviation(index: ClauseIndex) -> None:
    """ "(excl. Enschede)" does not end a sentence: the answer quotes on past it."""
    result = ask("Are the four municipal members besides Enschede?", index, TWENTE, "en")
    assert "excl. Enschede" in text_of(result)
    text = "Leden: 4 wethouders (excl. Enschede), UWV en o.a. de werkgevers. Daarna iets anders."
    start = text.index("Enschede")
    spans = [(start, start + len("Enschede"), frozenset({"x"}))]
    assert snippet(text, spans, {"x": 1.0}).startswith("Leden: 4 wethouders (excl. «Enschede»)")


def test_a_line_near_the_best_answers_when_the_best_lacks_the_number(
    plain_index: ClauseIndex,
) -> None:
    """ "in the first half of 2015" ranks a line about evaluating the working method first; it
    counts no methods, the wage value line ranking near it does, and answers alone."""
    result = ask(
        "How many wage value methods were permitted in the first half of 2015?",
        plain_index,
        ACHTERHOEK,
        "en",
    )
    assert result.kind == "clauses"
    assert result.clauses == ((ACHTERHOEK, "art-7"),)
    assert "three" in text_of(result)


def test_a_word_the_agreement_lacks_is_not_what_a_number_counts(index: ClauseIndex) -> None:
    """ "How much «in total» ...": "total" is no word of the agreement, so it cannot be what
    the amount must be of; the amount the government made available answers."""
    result = ask(
        "How much in total did the Cabinet make available to get the Werkbedrijf going?",
        index,
        ACHTERHOEK,
        "en",
    )
    assert_quotes(result, ACHTERHOEK, "art-9", "1 million euros")


def test_the_alternative_a_yes_no_question_offers() -> None:
    from bot.ask.text import alternative_split

    assert alternative_split("Is het bestuur besluitvaardig of is het een praatclub?", "nl") == (
        "Is het bestuur besluitvaardig?",
        "is het een praatclub?",
    )
    assert alternative_split("Does the board decide, or is it a talking shop?", "en") == (
        "Does the board decide?",
        "is it a talking shop?",
    )
    # "of" asks whether; an English "of" is no alternative; without a question mark, none
    for question, lang in (
        ("Weet iemand of er een geschillenregeling is?", "nl"),
        ("Who signed on behalf of the employers?", "en"),
        ("is het verplicht of vrijwillig", "nl"),
    ):
        assert alternative_split(question, lang) == (question, ""), question


def test_an_alternative_the_agreement_does_not_name_does_not_count_against(
    index: ClauseIndex,
) -> None:
    result = ask(
        "Does the board really supervise the jobs agreement, or is it merely a talking shop?",
        index,
        TWENTE,
        "en",
    )
    assert_quotes(result, TWENTE, "art-2", "supervisory role")


def test_a_remark_after_the_question_is_its_context_too() -> None:
    from bot.ask.answer import parts

    assert context_split("Wanneer is het convenant getekend? Heb het nodig voor een raadsmemo") == (
        "Wanneer is het convenant getekend?",
        "Heb het nodig voor een raadsmemo",
    )
    # the remark is no second question: one part, the remark its context
    assert parts("When was the covenant signed? need it for a council memo") == [
        "When was the covenant signed? need it for a council memo"
    ]
    # a second question stays one, with or without its question mark
    assert parts("Wie is de voorzitter? is er ook een vicevoorzitter") == [
        "Wie is de voorzitter",
        "is er ook een vicevoorzitter",
    ]


def test_putting_ones_name_to_it_is_signing(index: ClauseIndex) -> None:
    result = ask("Who put their names to this agreement for the unions?", index, TWENTE, "en")
    assert_quotes(result, TWENTE, "signatures", "CNV")


def test_min_and_max_abbreviated_carry_no_subject(index: ClauseIndex) -> None:
    """ "min." (minimaal) typed in a hurry is no word the agreement lacks."""
    result = ask("hoeveel werkgevers min. in het bestuur?", index, ACHTERHOEK, "nl")
    assert result.kind in {"clauses", "structured"}
    assert result.clauses[0] == (ACHTERHOEK, "art-2")
    assert "3" in text_of(result)


def test_a_question_word_after_a_comma_ends_the_context(index: ClauseIndex) -> None:
    """ "ik ben secretaris, wanneer ...": the question asks when, and the seats intent answers a
    question about seats after a remark about who asks."""
    from bot.ask.lines import asked_kind

    assert context_split(
        "ik ben secretaris, wanneer komt het jaarverslag van het Werkbedrijf uit?"
    ) == (
        "wanneer komt het jaarverslag van het Werkbedrijf uit?",
        "ik ben secretaris",
    )
    assert (
        asked_kind("ik ben secretaris, wanneer komt het jaarverslag van het Werkbedrijf uit?")
        == "when"
    )
    result = ask(
        "ik zit in het bestuur van een roc, hoeveel zetels heeft het beroepsonderwijs?",
        index,
        TWENTE,
        "nl",
    )
    assert result.kind == "structured"
    assert "3" in text_of(result)


def test_sitting_on_the_board_is_no_website(index: ClauseIndex) -> None:
    terms = {t.term for t in index.terms("how many people sit on the board", "en")}
    assert "@website" not in terms
    assert terms & {"@seat", "@member"}  # "sit on" the board: a member's seat


def test_where_it_works_from_asks_for_its_base(index: ClauseIndex) -> None:
    from bot.ask.lines import asked_kind

    assert asked_kind("Waar werkt het WSP eigenlijk vanuit?") == "where"
    assert asked_kind("Where does the money come from?") is None  # a source, not a place
    result = ask(
        "Where does the Werkgeversservicepunt Achterhoek work from?", index, ACHTERHOEK, "en"
    )
    assert result.kind == "clauses"
    assert "Werkplein in Doetinchem" in text_of(result)


def test_an_indirect_question_is_read_for_its_subject(index: ClauseIndex) -> None:
    """ "Does anyone know what «pension» the secretary gets?": the agreement names no pension, so
    it does not say, however well "secretary" matches."""
    from bot.ask.answer import asked_subject

    assert asked_subject("Does anyone know what pension the secretary gets?") == "pension"
    assert asked_subject("Weet iemand welke vakbond heeft getekend?") == "vakbond"
    result = ask("Does anyone know what pension the project leader gets?", index, ACHTERHOEK, "en")
    assert result.refused


def test_between_is_no_subject(index: ClauseIndex) -> None:
    """ "between the partners" matched the line that says between whom the agreement is
    concluded; the question's subject, conflicts, is nowhere in the agreement."""
    result = ask("How are conflicts between the partners settled?", index, TWENTE, "en")
    assert result.refused


def test_this_dossier_names_no_subject(index: ClauseIndex) -> None:
    from tests.bot.asking import WERKCENTRUM

    result = ask("Welke wethouder van Almelo heeft dit dossier?", index, WERKCENTRUM, "nl")
    assert result.kind == "clauses"
    assert "Hinnen" in text_of(result)


def test_the_second_pass_of_everyday_words(index: ClauseIndex) -> None:
    """Words a helper drafted from the clause data alone, kept where they gained: a
    "vooroverleg" of officials is the supporting consultation, a jobseeker who "gaat aan de
    slag" flows out, tenders are where social return is applied."""
    for question, lang, clause, fact in (
        ("Hoe vaak komt het ambtelijke vooroverleg samen?", "nl", "art-2", "1 keer per maand"),
        (
            "Als een werkzoekende uit gemeente A via gemeente B aan de slag gaat, wordt dat "
            "verrekend?",
            "nl",
            "art-9",
            "geen verrekening",
        ),
        (
            "Can binding agreements be made about social return when the councils put out tenders?",
            "en",
            "art-8",
            "no binding agreements",
        ),
    ):
        result = ask(question, index, ACHTERHOEK, lang)
        assert_quotes(result, ACHTERHOEK, clause, fact, question)


def test_a_count_is_quoted_from_the_line_that_holds_numbers(index: ClauseIndex) -> None:
    result = ask("hoeveel vakbondsleden hebben een zetel in het bestuur", index, TWENTE, "nl")
    assert result.kind == "structured"
    quote = text_of(result).split("Art. 2")[-1]
    assert "3 leden vanuit werknemersvertegenwoordiging" in quote
    assert "lege stoel" not in quote


def test_simple_majority_rule_asks_how_the_board_decides(index: ClauseIndex) -> None:
    for question, lang in (
        ("Does the board go by simple majority rule?", "en"),
        ("Besluit het bestuur met een gewone meerderheid?", "nl"),
    ):
        result = ask(question, index, TWENTE, lang)
        assert result.kind == "structured", question
        assert result.clauses[0] == (TWENTE, "art-3"), question


def test_a_line_with_the_years_is_found_below_lines_that_tie(index: ClauseIndex) -> None:
    """Every line of art. 5 shares its title's words ("strategic labour market agenda") and
    ranks above the preamble's line with the years; asked which years, that line answers."""
    result = ask("Is there a strategic agenda? For what years?", index, TWENTE, "en")
    assert result.kind == "clauses"
    assert "2020-2025" in text_of(result)


def test_invoicing_each_other_is_settling(index: ClauseIndex) -> None:
    result = ask(
        "Do municipalities bill each other when their staff help each other's jobseekers?",
        index,
        ACHTERHOEK,
        "en",
    )
    assert_quotes(result, ACHTERHOEK, "art-9", "no settlement")


def test_how_long_asks_for_a_period(plain_index: ClauseIndex) -> None:
    """ "How long ...", "hoe lang ...": a line must hold a period or date; no agreement sets a
    chair's term, so the question is not answered with a line about a "long-term" role."""
    from bot.ask.lines import asked_kind

    assert asked_kind("hoe lang zit de voorzitter er?") == "when"
    assert asked_kind("How long does the agreement run?") == "when"
    result = ask("How long does the chair serve?", plain_index, TWENTE, "en")
    assert result.refused


def test_set_in_stone_asks_whether_the_plans_are_dynamic(index: ClauseIndex) -> None:
    for question, lang, fact in (
        ("Is the labour market agenda set in stone for five years?", "en", "dynamic documents"),
        ("Is de agenda flexibel of staat alles vast?", "nl", "dynamische documenten"),
    ):
        assert_says(ask(question, index, TWENTE, lang), fact, question)


def test_why_quotes_the_reason_before_what_it_names(index: ClauseIndex) -> None:
    for question, lang, fact in (
        ("Waarom kiezen we voor een regionale aanpak?", "nl", "niet houden aan gemeentegrenzen"),
        ("Why go for a regional approach?", "en", "do not stop at municipal boundaries"),
    ):
        assert_says(ask(question, index, TWENTE, lang), fact, question)


def test_the_review_of_context_and_parts(index: ClauseIndex) -> None:
    """Mends after a review: a second question opening with "and" stays a question of its
    own; "What «drives» the ..." asks about no "drives"; the context's place is found by its
    own offsets; "why" after a remark still quotes the reason; a "how often" question after a
    remark keeps its remark as context."""
    from bot.ask.answer import asked_subject, parts

    assert parts("Who chairs the board? And how often does it meet") == [
        "Who chairs the board",
        "And how often does it meet",
    ]
    assert asked_subject("What drives the regional approach?") is None
    assert context_split("Het bestuur. Wie zit het bestuur van het Werkbedrijf voor?") == (
        "Wie zit het bestuur van het Werkbedrijf voor?",
        "Het bestuur.",
    )
    result = ask("Ik ben nieuw in de raad. Waarom een regionale aanpak?", index, TWENTE, "nl")
    assert "niet houden aan gemeentegrenzen" in text_of(result)
    result = ask("Ik ben nieuw in de raad. Hoe vaak vergadert het bestuur", index, TWENTE, "nl")
    assert result.clauses[0] == (TWENTE, "art-2")


def test_what_say_asks_about_influence(index: ClauseIndex) -> None:
    from tests.bot.asking import WERKCENTRUM

    result = ask(
        "What say does Almelo have under the cooperation agreement?", index, WERKCENTRUM, "en"
    )
    assert result.kind == "clauses"
    assert result.clauses[0] == (WERKCENTRUM, "argument-3-1")
