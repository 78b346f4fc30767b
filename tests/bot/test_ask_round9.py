"""Asking the agreement, ninth round (issue 19), with questions of our own: the partners'
everyday English (a stand-in, "put pen to paper", "split down the middle", "first dibs",
"rely on the others"), an item asked for by its place in a list, and a list item quoted without
the next item's repeated lead-in."""

from __future__ import annotations

from bot.ask.answer import asked_subject
from bot.ask.index import ClauseIndex
from bot.ask.lines import asks_list
from tests.bot.asking import (
    ACHTERHOEK,
    TWENTE,
    WERKCENTRUM,
    ask,
    assert_quotes,
    assert_refused,
    assert_says,
    refuses,
    text_of,
)


def test_a_vote_split_down_the_middle_is_a_tie(index: ClauseIndex) -> None:
    """ "Split down the middle" is a tie (read as a phrase before the intent is chosen since the
    thirteenth round): who settles it is the chair's casting vote, art. 3 quoted."""
    result = ask(
        "The board is split down the middle on a vote - who settles it?", index, ACHTERHOEK, "en"
    )
    assert result.clauses[0] == (ACHTERHOEK, "art-3")
    assert "vice-chair" in text_of(result)


def test_everyday_english_finds_the_formal_words(index: ClauseIndex) -> None:
    for question, agreement, clause, fact in (
        ("Did anyone from the FNV put pen to paper on this?", ACHTERHOEK, "signatures", "Hupkes"),
        ("Who gets first dibs on a placement?", ACHTERHOEK, "art-8", "priority"),
        (
            "Can Almelo act on its own, or does it rely on the others?",
            WERKCENTRUM,
            "kanttekening-3-7",
            "depend",
        ),
        ("Do we keep the overheads low?", TWENTE, "art-6", "operating costs"),
        ("Outside advisers at the next board mtg: allowed?", ACHTERHOEK, "art-2", "advisers"),
    ):
        assert_quotes(ask(question, index, agreement, "en"), agreement, clause, fact, question)


def test_the_everyday_words_do_not_make_an_unasked_subject_answerable(
    plain_index: ClauseIndex,
) -> None:
    assert_refused(
        plain_index,
        (
            ("Can I bring my cat to the next board meeting?", ACHTERHOEK, "en"),
            ("Who pays the overheads of the canteen?", ACHTERHOEK, "en"),
        ),
    )


def test_an_item_asked_by_its_place_gets_the_whole_list_in_order(index: ClauseIndex) -> None:
    assert asks_list("What is the second measure of the reform?")
    assert asks_list("Wat is de derde maatregel?")
    assert not asks_list("Who signed first?")  # no item of a list named
    assert not asks_list("What happens in the first 6 months of 2015?")  # a number follows
    assert asked_subject("What's the third measure of the reform?") is None  # not "third"
    for question, lang, items in (
        ("What is the second measure of the reform?", "en", ("single regional", "work-to-work")),
        ("Wat is de derde maatregel van de hervorming?", "nl", ("regionaal loket", "governance")),
    ):
        result = ask(question, index, WERKCENTRUM, lang)
        assert_quotes(result, WERKCENTRUM, "inleiding", items[0], question)
        text = text_of(result)
        assert items[1] in text, question
        lead = "following measures" if lang == "en" else "de volgende maatregelen"
        assert text.count(lead) == 1, question


def test_one_item_of_a_list_is_quoted_without_the_next_items_lead_in(
    index: ClauseIndex,
) -> None:
    text = text_of(ask("Komt er een loket in de regio?", index, WERKCENTRUM, "nl"))
    assert text.count("De basis van deze hervorming") <= 1


def test_a_question_offering_two_answers_is_answered_by_the_one_the_agreement_gives(
    index: ClauseIndex,
) -> None:
    """ "Is there a common fund, or does every party bear its own?": the agreement names no
    common fund, but it says each party bears its own costs."""
    question = "Is there a common fund for board costs, or does every party bear its own?"
    assert_quotes(ask(question, index, TWENTE, "en"), TWENTE, "art-6", "its own costs", question)


def test_leaving_the_agreement_is_not_its_end_and_no_agreement_says_how(
    index: ClauseIndex,
) -> None:
    assert_refused(
        index,
        (
            ("Can UWV terminate the covenant early?", ACHTERHOEK, "en"),
            ("Can a party stop participating?", ACHTERHOEK, "en"),
            ("Kan de FNV het convenant opzeggen?", ACHTERHOEK, "nl"),
        ),
    )
    for question, lang in (("When does the covenant stop?", "en"), ("Wanneer stopt het?", "nl")):
        result = ask(question, index, ACHTERHOEK, lang)
        assert result.kind == "structured", question
        assert result.silent, question  # it names no end date
        assert "art. 4" in text_of(result), question


def test_everyday_words_for_a_walk_in_point_and_one_place_to_go(index: ClauseIndex) -> None:
    question = "Komt er in Almelo een plek waar inwoners binnen kunnen lopen?"
    assert_quotes(
        ask(question, index, WERKCENTRUM, "nl"),
        WERKCENTRUM,
        "werkcentrum-twente",
        "inlooplocatie",
        question,
    )
    question = "Is there one place where employers can go?"
    assert_quotes(ask(question, index, ACHTERHOEK, "en"), ACHTERHOEK, "art-6", "point of contact")


def test_a_subject_the_agreement_does_not_settle_is_not_answered_by_its_other_words(
    index: ClauseIndex,
) -> None:
    """Asked "Zijn de bestuursvergaderingen openbaar?": the board's meetings are in the agreement,
    whether they are public is not; the answer must say so, not quote the meeting rhythm."""
    assert_refused(
        index,
        (
            ("Zijn de vergaderingen van het bestuur openbaar?", ACHTERHOEK, "nl"),
            ("Is een bestuursvergadering openbaar?", TWENTE, "nl"),
            ("Are the meetings of the board open to the public?", TWENTE, "en"),
            ("Wat is de zittingstermijn van de voorzitter?", ACHTERHOEK, "nl"),
            ("For how long is a board member appointed for?", TWENTE, "en"),
        ),
    )
    # the Werkcentrum note is written "voor de openbare besluitenlijst": no public meetings
    assert refuses(ask("Zijn de vergaderingen openbaar?", index, WERKCENTRUM, "nl"))


def test_a_line_that_only_counts_what_is_asked_for_does_not_name_it(index: ClauseIndex) -> None:
    """Twente's agenda "identifies 6 main lines" and names none: asked which they are, the
    agreement does not say (the line that counts them is shown as the nearest)."""
    for question, lang in (
        ("Which are the 6 main lines of the agenda?", "en"),
        ("Welke zes hoofdlijnen heeft de agenda?", "nl"),
    ):
        result = ask(question, index, TWENTE, lang)
        assert refuses(result), question
        assert "6" in text_of(result), question  # the nearest line: how many there are
    counted = ask("How many main lines does the agenda have?", index, TWENTE, "en")
    assert_quotes(counted, TWENTE, "art-5", "6 main lines")
    listed = ask("Which three methods may we use?", index, ACHTERHOEK, "en")
    assert_quotes(listed, ACHTERHOEK, "art-7", "Dariuz")  # counted and listed after ":"


def test_the_notice_of_a_meeting_is_a_subject_the_agreements_do_not_settle(
    index: ClauseIndex,
) -> None:
    assert_refused(
        index,
        (
            ("How many days in advance is the agenda sent?", ACHTERHOEK, "en"),
            ("Hoeveel dagen van tevoren krijgen we de agenda?", TWENTE, "nl"),
        ),
    )


def test_working_with_someone_is_doing_it_together_with_them(index: ClauseIndex) -> None:
    question = "Which other organisations do the councils and UWV work with?"
    assert_quotes(
        ask(question, index, WERKCENTRUM, "en"), WERKCENTRUM, "toelichting", "trade unions"
    )


def test_more_subjects_no_agreement_settles_are_told_so(index: ClauseIndex) -> None:
    assert_refused(
        index,
        (
            ("Wat is het bezoekadres van de inlooplocatie in Almelo?", WERKCENTRUM, "nl"),
            ("What does the chair earn?", ACHTERHOEK, "en"),
            ("Wat verdient de ambtelijk secretaris?", ACHTERHOEK, "nl"),
            ("Who is liable if the Werkbedrijf is sued?", TWENTE, "en"),
            ("Mag ik een volmacht geven om namens mij te stemmen?", ACHTERHOEK, "nl"),
            ("Is there an arbitration procedure for a dispute between the parties?", TWENTE, "en"),
            ("Zijn de stukken van het bestuur vertrouwelijk?", ACHTERHOEK, "nl"),
        ),
    )


def test_a_letter_for_the_council_is_the_council_information_letter(index: ClauseIndex) -> None:
    for question, lang, fact in (
        ("Krijgt de gemeenteraad een brief over het Werkcentrum?", "nl", "raadsinformatiebrief"),
        ("Will the council get something in writing?", "en", "council information letter"),
    ):
        assert_says(ask(question, index, WERKCENTRUM, lang), fact, question)


def test_a_meeting_rhythm_of_two_rules_quotes_the_sentence_of_each(index: ClauseIndex) -> None:
    """Achterhoek meets every two months in 2015 and at least once a quarter from 2016: the
    answer quotes both sentences of art. 2, not the second twice over or another body's."""
    dutch = text_of(ask("Hoe vaak vergaderde het bestuur in 2015?", index, ACHTERHOEK, "nl"))
    assert "In 2015 vergadert het Werkbedrijf iedere twee maanden." in dutch
    assert "minimaal 1 keer per kwartaal" in dutch
    english = text_of(ask("How often does the board meet?", index, ACHTERHOEK, "en"))
    assert "In 2015 the Werkbedrijf meets every two months." in english
    assert "at least once a month" not in english  # the officials' meeting, not the board


def test_where_asked_indirectly_asks_for_a_place(index: ClauseIndex) -> None:
    from bot.ask.lines import asked_kind

    assert asked_kind("Weet iemand al waar het werkcentrum komt te zitten?") == "where"
    assert asked_kind("Do you know where the board meets?") == "where"
    assert asked_kind("Wie weet waar we het voor doen?") != "where"  # "waar ... voor": no place
    result = ask("weet iemand al waar het werkcentrum gaat zitten", index, WERKCENTRUM, "nl")
    assert_quotes(result, WERKCENTRUM, "werkcentrum-twente", "Hengelo")


def test_how_much_the_state_gave_counts_money_not_the_state(index: ClauseIndex) -> None:
    question = "Hoeveel heeft het rijk in 2015 beschikbaar gesteld voor het opzetten?"
    assert_quotes(ask(question, index, ACHTERHOEK, "nl"), ACHTERHOEK, "art-9", "1 miljoen euro")
    # what is counted right after "hoeveel" must be in the line
    assert refuses(ask("Hoeveel subsidie krijgt het werkbedrijf per jaar?", index, TWENTE, "nl"))


def test_partners_idioms_reach_the_clause(index: ClauseIndex) -> None:
    for question, agreement, clause, fact in (
        ("Who foots the bill for my prep time for meetings?", TWENTE, "art-6", "its own costs"),
        ("Whom are the partners meant to win over as ambassadors?", TWENTE, "art-8", "employers"),
        ("Which towns does the SDOA cover?", ACHTERHOEK, "art-6", "SDOA"),
    ):
        assert_quotes(ask(question, index, agreement, "en"), agreement, clause, fact, question)
    met = ask("How often does the board get together from 2016?", index, ACHTERHOEK, "en")
    assert met.kind == "structured"  # the meeting rhythm
    assert "every quarter from 1 January 2016" in text_of(met)


def test_the_agreements_own_name_does_not_choose_the_quoted_line(index: ClauseIndex) -> None:
    """ "Wie zit het bestuur van het Werkbedrijf Twente voor?": "Twente" names the agreement; the
    line quoted is the chair's, not the permanent members' line that says "Twentse"."""
    text = text_of(ask("Wie zit het bestuur van Werkbedrijf Twente nu voor?", index, TWENTE, "nl"))
    assert "Voorzitter: portefeuillehouder Enschede" in text
    assert "Vaste leden" not in text


def test_caseworkers_complaints_and_email_decisions(index: ClauseIndex) -> None:
    question = "Als een klantmanager iemand uit een andere gemeente plaatst, wordt dat verrekend?"
    assert_quotes(ask(question, index, ACHTERHOEK, "nl"), ACHTERHOEK, "art-9", "geen verrekening")
    assert_refused(
        index,
        (
            ("Waar dien ik een klacht over het Werkbedrijf in?", ACHTERHOEK, "nl"),
            ("Can the board decide by email?", ACHTERHOEK, "en"),
        ),
    )


def test_minutes_penalties_proxies_and_valid_decisions_are_not_settled(
    index: ClauseIndex,
) -> None:
    assert_refused(
        index,
        (
            ("Who takes the minutes of the board?", ACHTERHOEK, "en"),
            ("Are there penalties for a partner who does not keep to the agreement?", TWENTE, "en"),
            ("Can I give my vote to someone else when I am away?", ACHTERHOEK, "en"),
            ("Hoeveel leden zijn nodig voor een geldig besluit?", ACHTERHOEK, "nl"),
            ("Wat is de opzegtermijn?", WERKCENTRUM, "nl"),
        ),
    )


def test_a_second_part_pointing_back_at_an_unanswered_one_is_not_answered_alone(
    index: ClauseIndex,
) -> None:
    """ "Who takes the minutes, and who approves them?": the agreement says nothing of minutes,
    so "approves them" is not answered by the minister's approval of the wage value methods."""
    result = ask("Who keeps the minutes and who signs them off?", index, ACHTERHOEK, "en")
    assert refuses(result)
    assert "Minister" not in text_of(result)


def test_attachments_are_the_annexes(index: ClauseIndex) -> None:
    question = "Which attachments come with the proposal?"
    assert_quotes(ask(question, index, WERKCENTRUM, "en"), WERKCENTRUM, "bijlagen", "(annex/")


def test_from_when_it_runs_is_the_line_it_starts_in(index: ClauseIndex) -> None:
    """Asked from when the partnership runs, of the lines near the best that hold a date the
    one that covers most of the question answers: it starts on 1 January 2015 (art. 4), not
    "in het eerste half jaar" (art. 8)."""
    question = "Vanaf welke datum gaat de samenwerking lopen?"
    assert_quotes(ask(question, index, ACHTERHOEK, "nl"), ACHTERHOEK, "art-4", "1 januari 2015")
    question = "Kun je de taken van het werkbedrijf op een rijtje zetten?"
    assert_quotes(ask(question, index, TWENTE, "nl"), TWENTE, "art-4", "taken")


def test_a_remark_then_but_and_a_question_is_context(index: ClauseIndex) -> None:
    from bot.ask.text import context_split

    assert context_split("I sit here for a school board, but is education on the board?") == (
        "but is education on the board?",
        "I sit here for a school board",
    )
    question = "Ik kom namens de ROC's, maar zit het onderwijs eigenlijk in het bestuur?"
    assert_quotes(
        ask(question, index, ACHTERHOEK, "nl"), ACHTERHOEK, "art-8", "niet vertegenwoordigd"
    )


def test_a_wage_subsidy_is_an_instrument_and_subsidies_are_not_settled(
    index: ClauseIndex,
) -> None:
    question = "Who pays for reintegration tools such as wage subsidies?"
    assert_quotes(ask(question, index, ACHTERHOEK, "en"), ACHTERHOEK, "art-9", "borne by UWV")
    assert_refused(
        index,
        (
            ("Krijgt een werkgever subsidie als hij iemand aanneemt?", TWENTE, "nl"),
            ("Does an employer get a subsidy for hiring someone?", TWENTE, "en"),
        ),
    )
    # the people placed with a subsidy are who displacement is about
    question = "Does the Werkbedrijf stop subsidised placements pushing out regular staff?"
    assert_quotes(ask(question, index, ACHTERHOEK, "en"), ACHTERHOEK, "art-5", "displacement")


def test_hours_and_mileage_for_meetings_are_the_costs_each_party_bears(
    index: ClauseIndex,
) -> None:
    for question, lang in (
        ("Wie betaalt de uren die ik in vergaderingen stop?", "nl"),
        ("Will my mileage to board meetings be paid back?", "en"),
    ):
        assert_quotes(ask(question, index, TWENTE, lang), TWENTE, "art-6", "eigen kosten", question)


def test_who_employs_the_werkcentrum_staff(index: ClauseIndex) -> None:
    for question, lang, fact in (
        ("Wie is straks werkgever van de medewerkers in het werkcentrum?", "nl", "werkgeverschap"),
        ("Who will the Werkcentrum staff be on the payroll of?", "en", "acting as employer"),
    ):
        result = ask(question, index, WERKCENTRUM, lang)
        assert_quotes(result, WERKCENTRUM, "uitvoering", fact, question)


def test_a_line_opening_with_daarmee_is_quoted_with_the_sentence_it_points_at(
    index: ClauseIndex,
) -> None:
    """ "Daarmee heeft de gemeente invloed op de uiteindelijke inrichting": how, the sentence
    before says (Almelo has a role in the working groups)."""
    question = "Heeft Almelo straks nog invloed op hoe het werkcentrum ingericht wordt?"
    result = ask(question, index, WERKCENTRUM, "nl")
    assert_quotes(result, WERKCENTRUM, "kanttekening-1-1", "rol in deze werkgroepen", question)
    assert "rol in deze werkgroepen. Daarmee heeft de gemeente invloed" in text_of(result)
