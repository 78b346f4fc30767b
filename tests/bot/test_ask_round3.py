"""Asking, third round: a real word is not a typo of an agreement's word two edits away, the
parties are quoted from the section that names them, and "wie zit ... voor" asks for the chair.
Questions written for these tests."""

from __future__ import annotations

import pytest

from bot.ask.answer import asked_subject, counted
from bot.ask.index import ClauseIndex
from bot.ask.intents import Intent, detect
from bot.ask.lines import asked_kind, asks_list, holds_kind
from bot.ask.text import Speller, Term, in_dictionary, is_verb_form, question_language
from rules.agreements.loader import shipped_agreements
from tests.bot.asking import ACHTERHOEK, TWENTE, WERKCENTRUM, ask, refuses, text_of

# -- real words are not typos ------------------------------------------------------------------


def test_the_dictionary_knows_real_words_and_not_typos() -> None:
    assert in_dictionary("verzekering", "nl")
    assert in_dictionary("salaris", "nl")
    assert not in_dictionary("bestuurleden", "nl")
    assert not in_dictionary("vergaderfrekwentie", "nl")


def test_a_real_word_is_corrected_one_edit_at_most() -> None:
    speller = Speller({"verbetering": 3, "vergadering": 2, "wanneer": 1})
    assert speller.correct("verzekering") == "verbetering"  # two edits: a typo would do
    assert speller.correct("verzekering", real=True) is None  # a real word: it is meant
    assert speller.correct("wanner", real=True) == "wanneer"  # one edit: still a typo


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang"),
    [
        ("Welke verzekering sluiten de partijen af?", ACHTERHOEK, "nl"),
        ("Welke beloning krijgen de bestuursleden?", TWENTE, "nl"),
    ],
)
def test_a_subject_the_agreement_never_uses_is_refused_not_corrected(
    question: str, agreement_id: str, lang: str, index: ClauseIndex
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.refused, result.lines


# -- the parties -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Wie zijn de partijen bij het convenant?", "nl"),
        ("welke gemeenten doen er mee", "nl"),
        ("Which organisations take part?", "en"),
        ("who are the parties to this covenant", "en"),
    ],
)
def test_who_the_parties_are_is_quoted_from_the_section_naming_them(
    question: str, lang: str, index: ClauseIndex
) -> None:
    result = ask(question, index, ACHTERHOEK, lang)
    assert result.kind == "structured"
    assert result.clauses == ((ACHTERHOEK, "parties"),)
    text = text_of(result)
    for name in ("Aalten", "Winterswijk", "VNO-NCW", "FNV"):
        assert name in text


def test_without_a_parties_section_the_line_naming_them_is_quoted(
    index: ClauseIndex,
) -> None:
    result = ask("Tussen welke partijen wordt de overeenkomst gesloten?", index, TWENTE, "nl")
    assert result.kind == "structured"
    assert "beroepsonderwijs" in text_of(result)


@pytest.mark.parametrize(
    "question",
    ["Hoe sluit een gemeente zich aan bij het werkbedrijf?", "Welke partijen betalen de kosten?"],
)
def test_a_question_about_the_parties_doing_something_is_not_the_list(question: str) -> None:
    found = detect(question, shipped_agreements()[ACHTERHOEK])
    assert found is None or found.intent is not Intent.PARTIES


# -- "wie zit ... voor" ------------------------------------------------------------------------


@pytest.mark.parametrize("agreement_id", [ACHTERHOEK, TWENTE])
def test_who_presides_over_the_board_is_the_chair(agreement_id: str) -> None:
    found = detect("wie zit het bestuur eigenlijk voor", shipped_agreements()[agreement_id])
    assert found is not None
    assert found.intent is Intent.CHAIR


def test_who_sits_on_the_board_is_still_its_seats() -> None:
    found = detect("Wie zitten er in het bestuur?", shipped_agreements()[TWENTE])
    assert found is not None
    assert found.intent is Intent.SEATS


# -- a short line is quoted with the one after it ------------------------------------------


def test_a_short_line_is_quoted_with_the_line_after_it(index: ClauseIndex) -> None:
    result = ask("Tussen wie is het Werkbedrijf een samenwerkingsverband?", index, ACHTERHOEK, "nl")
    text = text_of(result)
    assert "werknemersorganisaties" in text
    assert "geen rechtspersoonlijkheid" in text  # the sentence after it, 285 characters both


def test_the_next_item_of_the_same_list_is_not_added(index: ClauseIndex) -> None:
    result = ask("Bevordert het werkbedrijf een inclusieve arbeidsmarkt?", index, ACHTERHOEK, "nl")
    text = text_of(result)
    assert "inclusieve arbeidsmarkt" in text
    assert "participeren" not in text  # the list's next item is another fact


# -- what's, compounds -------------------------------------------------------------------------


def test_whats_asks_about_the_word_after_it() -> None:
    assert asked_subject("What's the postcode of the Werkplein?") == "postcode"
    assert asked_subject("whats the fee") == "fee"
    assert asked_subject("Who's the treasurer") == "treasurer"


def test_an_unknown_compound_weighs_its_head_more_than_its_modifiers(index: ClauseIndex) -> None:
    terms = {t.term: t.weight for t in index.terms("vergaderlocatie", "nl") if not t.extra}
    heads = [w for term, w in terms.items() if "locatie" in term or term == "@location"]
    modifiers = [w for term, w in terms.items() if "vergader" in term or term == "@meeting"]
    assert heads
    assert modifiers
    assert max(modifiers) < min(heads)


# -- the glossary: paraphrases partners use --------------------------------------------------


def test_an_explanation_is_the_explanatory_session(index: ClauseIndex) -> None:
    result = ask("Is there an explanation for the councillors?", index, WERKCENTRUM, "en")
    assert result.kind == "clauses"
    assert "explanatory session" in text_of(result)
    result = ask("Krijgen de raadsleden uitleg?", index, WERKCENTRUM, "nl")
    assert "organiseert de arbeidsmarktregio een toelichting" in text_of(result)


def test_at_the_table_is_on_the_board(index: ClauseIndex) -> None:
    terms = {t.term for t in index.terms("Wie zitten er aan tafel?", "nl")}
    assert "@board" in terms


# -- a question asking for a list gets the list ------------------------------------------------


def test_a_list_question_is_recognised() -> None:
    assert asks_list("Welke maatregelen zijn er?")
    assert asks_list("wat zijn de taken van het werkbedrijf")
    assert asks_list("Which measures are planned?")
    assert not asks_list("Wie is de voorzitter?")
    assert not asks_list("Wanneer gaat het in?")


def test_a_list_question_gets_every_item_with_the_lead_in_once(index: ClauseIndex) -> None:
    result = ask("Welke maatregelen vormen de basis van de hervorming?", index, WERKCENTRUM, "nl")
    text = text_of(result)
    assert text.count("de volgende maatregelen") == 1
    for item in ("regionaal loket", "van-werk-naar-werk", "ondersteuningsbehoefte", "governance"):
        assert item in text
    assert ";;" not in text


def test_a_question_for_one_thing_gets_one_item(index: ClauseIndex) -> None:
    result = ask("Komt er één regionaal loket?", index, WERKCENTRUM, "nl")
    text = text_of(result)
    assert "regionaal loket" in text
    assert "governance" not in text


def test_carrying_out_is_implementation(index: ClauseIndex) -> None:
    result = ask("Who carries out the implementation plan?", index, TWENTE, "en")
    assert result.kind == "clauses"
    assert result.clauses[0] == (TWENTE, "art-5")


def test_based_in_is_a_location(index: ClauseIndex) -> None:
    result = ask("Where is UWV based?", index, ACHTERHOEK, "en")
    assert "Doetinchem" in text_of(result)


# -- "how many" counts something; participles and compounds ----------------------------------


def test_what_a_how_many_question_counts() -> None:
    assert counted("Hoeveel medewerkers heeft Wedeo?") == "medewerkers heeft"
    assert counted("How much are the board members paid?") == "board members"
    assert counted("Wie is de voorzitter?") is None


def test_a_number_of_something_else_does_not_answer_how_many(index: ClauseIndex) -> None:
    # the finance article has amounts, none of them of board members
    result = ask("How much do the board members earn?", index, ACHTERHOEK, "en")
    assert result.refused, result.lines


def test_a_participle_is_a_verb_form_and_a_compound_starting_with_ge_is_not() -> None:
    assert is_verb_form("getoetst", "nl")
    assert is_verb_form("geinformeerd", "nl")
    assert not is_verb_form("geheimhoudingsplicht", "nl")
    assert not is_verb_form("gemeentehuis", "nl")


# -- the language asked in; the Dutch original beneath our translation ------------------------


def test_the_language_of_a_question() -> None:
    assert question_language("Who chairs the board?", "nl") == "en"
    assert question_language("Wie zit het bestuur voor?", "en") == "nl"
    assert question_language("Achterhoek?", "en") == "en"  # nothing to go by: the setting


def test_an_english_answer_quotes_the_dutch_original_beneath_the_translation(
    index: ClauseIndex,
) -> None:
    result = ask("Is the Werkbedrijf a legal person?", index, ACHTERHOEK, "en")
    assert result.kind == "clauses"
    assert "legal personality" in result.lines[0]
    assert result.lines[1].startswith("Dutch original: “")
    assert "rechtspersoonlijkheid" in result.lines[1]
    dutch = ask("Is het Werkbedrijf een rechtspersoon?", index, ACHTERHOEK, "nl")
    assert not any("original" in line or "Nederlandse tekst" in line for line in dutch.lines)


# -- intents: yes/no about a party, which municipality the chair comes from, the region -------


def test_whether_someone_is_a_party_is_answered_with_the_parties(index: ClauseIndex) -> None:
    result = ask("Is FNV a party to the covenant?", index, ACHTERHOEK, "en")
    assert result.clauses == ((ACHTERHOEK, "parties"),)
    assert "FNV" in text_of(result)


def test_which_municipality_the_chair_comes_from_is_the_chair() -> None:
    found = detect("Van welke gemeente is de voorzitter?", shipped_agreements()[TWENTE])
    assert found is not None
    assert found.intent is Intent.CHAIR


def test_how_many_municipalities_in_the_region_is_not_the_board_seats() -> None:
    found = detect("Hoeveel gemeenten zitten er in de regio?", shipped_agreements()[TWENTE])
    assert found is None or found.intent is not Intent.SEATS
    found = detect("Hoeveel gemeenten zitten er in het bestuur?", shipped_agreements()[TWENTE])
    assert found is not None
    assert found.intent is Intent.SEATS


def test_a_list_question_gets_the_list_after_the_sentence_it_continues(
    plain_index: ClauseIndex,
) -> None:
    result = ask(
        "Welke maatregelen neemt het ministerie voor de hervorming?", plain_index, WERKCENTRUM, "nl"
    )
    text = text_of(result)
    assert "ministerie" in text
    assert "regionaal loket" in text
    assert "governance" in text


def test_a_four_letter_typo_is_corrected_and_a_four_letter_word_is_not() -> None:
    speller = Speller({"often": 2, "board": 3, "date": 1})
    assert speller.correct("ofen") == "often"
    assert speller.correct("bord") == "board"
    assert speller.correct("data", real=True) is None  # a word of its own


def test_a_question_with_a_four_letter_typo_finds_its_intent() -> None:
    found = detect("How ofen does the board meet?", shipped_agreements()[TWENTE])
    assert found is not None
    assert found.intent is Intent.RHYTHM


def test_a_second_line_as_good_as_the_first_is_quoted_even_from_the_same_article(
    plain_index: ClauseIndex,
) -> None:
    question = "Wie voert het uitvoerings- en marktbewerkingsplan eigenlijk uit?"
    found = plain_index.lines(question, "nl", TWENTE, k=2)
    assert found[0].clause_ids == found[1].clause_ids == ("art-5",)
    assert found[1].rank >= 0.9 * found[0].rank
    result = ask(question, plain_index, TWENTE, "nl")
    assert len([line for line in result.lines if line.startswith("Art. 5")]) == 2
    assert "Werkplein Twente en het Leerwerkloket" in text_of(result)


def test_a_question_with_several_typos_is_still_answered(index: ClauseIndex) -> None:
    result = ask("wich metods for wage valeu are alowed", index, ACHTERHOEK, "en")
    assert result.kind == "clauses"
    assert result.clauses[0] == (ACHTERHOEK, "art-7")


# -- words that carry no subject ----------------------------------------------------------------


def test_at_least_does_not_stop_the_seats_answer() -> None:
    found = detect(
        "Hoeveel zetels hebben de werkgevers minimaal?", shipped_agreements()[ACHTERHOEK]
    )
    assert found is not None
    assert found.intent is Intent.SEATS


def test_a_number_word_is_not_the_subject_of_a_question() -> None:
    assert asked_subject("What are the three methods for wage value?") is None
    assert asked_subject("What are the methods for wage value?") == "methods"


def test_dutch_tasks_are_not_the_english_taken(index: ClauseIndex) -> None:
    terms = {t.term: t for t in index.terms("Welke taken heeft het werkbedrijf?", "nl")}
    assert not terms["@tasks"].extra  # the glossary's tasks, not a soft English "taken"
    result = ask("Welke taken heeft het werkbedrijf?", index, ACHTERHOEK, "nl")
    assert not refuses(result), result.lines
    assert result.clauses[0] == (ACHTERHOEK, "art-5")


def test_a_serving_verb_and_at_this_moment_do_not_refuse_a_question(index: ClauseIndex) -> None:
    result = ask("Is het werkbedrijf op dit moment een rechtspersoon?", index, ACHTERHOEK, "nl")
    assert not refuses(result), result.lines
    assert result.clauses[0] == (ACHTERHOEK, "art-1")


def test_what_something_should_deliver_is_its_intended_effect(index: ClauseIndex) -> None:
    result = ask("Welk resultaat moet het Werkcentrum bereiken?", index, WERKCENTRUM, "nl")
    assert not refuses(result), result.lines
    assert result.clauses[0] == (WERKCENTRUM, "beoogd-effect")


# -- a place, a time of day ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang"),
    [
        ("Waar wordt er vergaderd?", ACHTERHOEK, "nl"),
        ("Where are the board meetings held?", TWENTE, "en"),
        ("Hoe laat begint de vergadering?", TWENTE, "nl"),
        ("What time does the board meet?", ACHTERHOEK, "en"),
    ],
)
def test_where_and_what_time_need_a_place_and_a_time(
    question: str, agreement_id: str, lang: str, index: ClauseIndex
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.refused, result.lines


def test_where_something_is_located_is_answered_with_the_place(index: ClauseIndex) -> None:
    assert "Doetinchem" in text_of(ask("waar is UWV gevestigd", index, ACHTERHOEK, "nl"))
    assert "Hengelo" in text_of(
        ask("Where will the Werkcentrum be based?", index, WERKCENTRUM, "en")
    )
    # "waar ... mee" asks what, not where
    assert asked_kind("Waar houdt het platform zich mee bezig?") != "where"


def test_where_asks_for_a_location_of_the_thing_asked_about(index: ClauseIndex) -> None:
    assert "Hengelo" in text_of(ask("Waar zit het Werkcentrum straks?", index, WERKCENTRUM, "nl"))
    # a line giving the location of something else is no answer
    result = ask("Waar vergaderen de bestuurders?", index, ACHTERHOEK, "nl")
    assert result.refused, result.lines


def test_a_structured_english_answer_quotes_the_dutch_original_too(index: ClauseIndex) -> None:
    result = ask("Who chairs the board?", index, TWENTE, "en")
    assert result.kind == "structured"
    assert result.lines[-2].startswith("Art. 2 Board: “")
    assert result.lines[-1] == (
        "Dutch original: “Het bestuur van het Werkbedrijf wordt gevormd door; Voorzitter: "
        "portefeuillehouder Enschede”"
    )
    dutch = ask("Wie is de voorzitter?", index, TWENTE, "nl")
    assert not any(line.startswith(("Dutch original", "Nederlandse tekst")) for line in dutch.lines)


# -- everyday words for the agreements' terms (glossary, fourth session) ---------------------


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang", "clause_id", "fact"),
    [
        (
            "Moeten gemeenten elkaar kosten doorberekenen voor plaatsingen?",
            ACHTERHOEK,
            "nl",
            "art-9",
            "geen verrekening",
        ),
        (
            "Do the municipalities recharge each other for placements?",
            ACHTERHOEK,
            "en",
            "art-9",
            "no settlement",
        ),
        (
            "Kan er voor een tijdje iemand bij het bestuur aanschuiven voor een thema?",
            TWENTE,
            "nl",
            "art-2",
            "tijdelijk uitgebreid",
        ),
        (
            "Heeft de gemeente nog inspraak in de inrichting van het Werkcentrum?",
            WERKCENTRUM,
            "nl",
            "kanttekening-1-1",
            "invloed op de uiteindelijke inrichting",
        ),
    ],
)
def test_everyday_words_find_the_agreements_own_terms(
    index: ClauseIndex, question: str, agreement_id: str, lang: str, clause_id: str, fact: str
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.kind == "clauses"
    assert result.clauses[0] == (agreement_id, clause_id)
    assert fact in text_of(result)


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Met welke systemen registreert het Werkbedrijf vacatures?", "nl"),
        ("Which systems does the Werkbedrijf use to register vacancies?", "en"),
    ],
)
def test_a_quoted_sentence_keeps_the_next_one_that_is_about_it(
    index: ClauseIndex, question: str, lang: str
) -> None:
    """A long list item's first sentence is quoted with the sentence after it when that one
    opens by pointing back ("Hierbij wordt ... gebruik gemaakt van de systemen WBS en Sonar")."""
    result = ask(question, index, ACHTERHOEK, lang)
    assert not refuses(result), result.lines
    assert result.clauses[0] == (ACHTERHOEK, "art-5")
    assert "WBS en Sonar" in text_of(result)


# -- fourth session: separable participles, places asked otherwise, "hoe vaak" ---------------


def test_a_separable_verbs_participle_is_read_through_its_infinitive() -> None:
    """simplemma writes a separable verb "in_richten": "ingericht" is a form of "inrichten",
    whose stem meets the agreements' "inrichting" (and it carries no subject of its own)."""
    from bot.ask.text import lemma

    assert lemma("ingericht", "nl") == "inrichten"
    assert lemma("opgericht", "nl") == "oprichten"
    assert is_verb_form("ingericht", "nl")


@pytest.mark.parametrize(
    "question",
    [
        "In welke stad komt de hoofdlocatie van het Werkcentrum?",
        "In welke plaats wordt het Werkcentrum gevestigd?",
    ],
)
def test_a_place_asked_with_in_welke_is_a_where_question(index: ClauseIndex, question: str) -> None:
    assert asked_kind(question) == "where"
    result = ask(question, index, WERKCENTRUM, "nl")
    assert result.kind == "clauses"
    assert "gevestigd in Hengelo" in text_of(result)


def test_how_often_asks_a_frequency_it_is_not_a_word_to_match(index: ClauseIndex) -> None:
    """ "hoe vaak" is the kind of answer asked (a line saying "jaarlijks" ranks first), not a
    word that a line saying "één keer per jaar" about something else matches."""
    result = ask("Hoe vaak komt er een nieuw marktbewerkingsplan?", index, ACHTERHOEK, "nl")
    assert not refuses(result), result.lines
    assert result.clauses[0] == (ACHTERHOEK, "art-5")
    assert "jaarlijks opstellen van een marktbewerkingsplan" in text_of(result)


def test_number_is_no_subject_of_its_own(index: ClauseIndex) -> None:
    result = ask("Wat is het nummer van de raadsbrief?", index, WERKCENTRUM, "nl")
    assert result.kind == "clauses"
    assert "780988" in text_of(result)


def test_a_secretary_the_agreement_does_not_name_is_said_to_be_werkbots_own(
    index: ClauseIndex,
) -> None:
    """Twente's agreement names no secretary; werkbot's own seat is not the agreement's word:
    the answer says so first and is "the agreement does not say" (silent)."""
    twente = ask("Wie is de secretaris van het bestuur?", index, TWENTE, "nl")
    assert twente.silent
    assert twente.lines[0].startswith("De overeenkomst noemt geen secretaris")
    assert "geen stem (" not in twente.lines[0]  # not a rule cited from the agreement
    achterhoek = ask("Wie is de secretaris van het bestuur?", index, ACHTERHOEK, "nl")
    assert not achterhoek.silent
    assert "Doetinchem" in text_of(achterhoek)


def test_how_much_something_costs_needs_a_line_about_its_cost(index: ClauseIndex) -> None:
    """ "How much does X cost" counts what the verb says: a number in a line about X (the
    first 6 months of 2015) is no price."""
    assert counted("How much does a Dariuz assessment cost?") == "cost"
    assert counted("Hoeveel verdient een bestuurslid?") == "verdient"
    result = ask("How much does a Dariuz assessment cost?", index, ACHTERHOEK, "en")
    assert refuses(result), result.lines


def test_an_agreements_long_word_is_also_a_kind_of_the_known_word_it_ends_in(
    index: ClauseIndex,
) -> None:
    """ "netwerkuitvoeringsorganisaties" splits into no known parts ("netwerk" alone is no word
    of the agreements) but ends in "uitvoeringsorganisaties": a question about "organisaties"
    meets it. A question's own unknown word is not read so: "opzegtermijn" is no "termijn"."""
    assert index.analyzer.known_tail("netwerkuitvoeringsorganisaties") == [
        "uitvoeringsorganisaties"
    ]
    result = ask(
        "Welke organisaties worden samengevoegd in het Werkcentrum?", index, WERKCENTRUM, "nl"
    )
    assert not refuses(result), result.lines
    assert result.clauses[0] == (WERKCENTRUM, "argument-1-1")
    assert "Leerwerkloket" in text_of(result)
    assert refuses(ask("Wat is de opzegtermijn?", index, ACHTERHOEK, "nl"))


def test_a_verb_in_eren_shares_the_term_of_its_noun_in_atie(index: ClauseIndex) -> None:
    """ "gecommuniceerd" is about "communicatie" (the section's title), "geïnformeerd" about
    "informatie"; "vergaderen" has no such noun in the agreements and stays itself."""
    analyzer = index.analyzer
    assert analyzer.action_noun("gecommuniceerd") == analyzer.action_noun("communiceert")
    assert analyzer.action_noun("geinformeerd") == "nl:informatie"
    assert analyzer.action_noun("vergaderen") is None
    result = ask("Gaat de gemeente over het besluit communiceren?", index, WERKCENTRUM, "nl")
    assert not refuses(result), result.lines
    assert result.clauses[0] == (WERKCENTRUM, "communicatie")


def test_a_verb_another_agreement_uses_does_not_count_against_a_match(
    index: ClauseIndex,
) -> None:
    """ "expected" is a word of the Werkcentrum note, not of Twente's agreement: asked of
    Twente it is what is done with the subject, like a verb no agreement uses, not a subject
    Twente lacks."""
    terms = {t.term: t for t in index.terms("What is expected of the parties?", "en")}
    assert index.analyzer.is_verb(terms["en:expect"])
    assert not index.analyzer.is_verb(Term("en:ambassador", 1.0, source="ambassadors"))
    result = ask(
        "What is expected of partners as ambassadors of the Werkbedrijf?", index, TWENTE, "en"
    )
    assert not refuses(result), result.lines
    assert result.clauses[0] == (TWENTE, "art-8")


def test_the_second_quote_never_repeats_a_sentence_of_the_first(index: ClauseIndex) -> None:
    """The first line is quoted with the sentence after it; the runner-up that opens with that
    same sentence is not quoted beside it (the next line ranked is)."""
    result = ask("Welke methodes voor loonwaarde mogen we gebruiken?", index, ACHTERHOEK, "nl")
    text = text_of(result)
    assert "Dariuz en Loonbalans" in text
    assert text.count("Dit onder voorbehoud van goedkeuring") == 1


@pytest.mark.parametrize(
    ("question", "lang"),
    [
        ("Wat is de naam van de projectleider?", "nl"),
        ("What is the name of the project leader?", "en"),
    ],
)
def test_a_name_asked_for_needs_a_line_that_names_one(
    index: ClauseIndex, question: str, lang: str
) -> None:
    """Achterhoek's art. 9 says there is a project leader, not who: "hoe heet / what is the
    name of" is not answered by it (a name is a capitalised word inside a sentence)."""
    assert asked_kind(question) == "name"
    assert refuses(ask(question, index, ACHTERHOEK, lang))
    assert holds_kind("Bronckhorst valt onder Delta.", "name")
    assert not holds_kind("Het bestuur heeft een projectleider.", "name")
