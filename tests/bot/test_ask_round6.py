"""Asking the agreement, sixth round: everyday words around the subject, compounds that only
say whose, a separable verb's te-form, and a typo in a question a structured answer quotes for
(issue 19), each with questions of our own."""

from __future__ import annotations

from bot.ask.answer import asked_subject, counted
from bot.ask.index import ClauseIndex
from bot.ask.lines import FactLine, _misspelt
from bot.ask.text import glossary
from tests.bot.asking import ACHTERHOEK, TWENTE, WERKCENTRUM, ask, refuses, text_of


def test_everyday_qualifiers_do_not_count_against_the_line_that_answers(
    index: ClauseIndex,
) -> None:
    """ "daadwerkelijk", "gewone", "really", "going" qualify the subject; they are words the
    agreement need not use, so the line about displacement still answers."""
    for question, lang in (
        ("Moet het Werkbedrijf daadwerkelijk verdringing van gewone banen tegengaan?", "nl"),
        ("Should the Werkbedrijf really counteract the crowding out of regular workers?", "en"),
    ):
        result = ask(question, index, ACHTERHOEK, lang)
        assert result.kind == "clauses", question
        assert result.clauses[0] == (ACHTERHOEK, "art-5")
        assert "verdringing" in text_of(result)
    result = ask("Is the ISWI really going to be abolished?", index, ACHTERHOEK, "en")
    assert result.kind == "clauses"
    assert "dissolution of the ISWI" in text_of(result)


def test_a_compound_that_only_says_whose_is_about_its_first_part(index: ClauseIndex) -> None:
    """ "vakbondszijde", "werkgeverskant": the unions' and the employers' side of the board."""
    terms = {t.term for t in index.terms("werkgeverskant", "nl")}
    assert "@employer" in terms
    assert not any(t.startswith("?") for t in terms)
    result = ask("Hoeveel mensen heeft de vakbondszijde in het bestuur?", index, ACHTERHOEK, "nl")
    assert result.kind == "clauses"
    assert "Namens de werknemers" in text_of(result)


def test_a_separable_verbs_te_form_is_read_as_the_verb(index: ClauseIndex) -> None:
    """ "om deel te nemen" is "deelnemen", the agreement's "deelname", not "delen" and "nemen"
    (which the line on "te nemen besluiten ... afzonderlijke delen" holds)."""
    terms = {t.term for t in index.terms("Hoe besluit Hengelo om deel te nemen?", "nl")}
    assert "nl:deelnem" in terms
    assert "nl:nem" not in terms
    assert "nl:del" not in terms
    result = ask(
        "Hoe besluit een gemeente om deel te nemen aan het Werkbedrijf?", index, TWENTE, "nl"
    )
    assert result.clauses[0] == (TWENTE, "art-1")
    # how a municipality decides to take part: by a decision of its executive (the line after
    # the one on "deelname" since the questions of the thirteenth session were asked)
    assert "collegebesluit" in text_of(result)


def test_each_and_every_are_the_agreements_iedere(index: ClauseIndex) -> None:
    result = ask("Does every delegation get one vote?", index, ACHTERHOEK, "en")
    assert result.clauses[0] == (ACHTERHOEK, "art-3")
    assert "has one vote" in text_of(result)
    dutch = ask("Heeft elke vertegenwoordiging evenveel stemmen?", index, ACHTERHOEK, "nl")
    assert "één stem" in text_of(dutch)


def test_shared_and_binding_are_the_agreements_joint_and_binding(index: ClauseIndex) -> None:
    shared = ask("Which municipalities share a social service?", index, ACHTERHOEK, "en")
    assert shared.clauses[0] == (ACHTERHOEK, "art-6")
    assert "joint social services department" in text_of(shared)
    hard = ask(
        "Kan het Werkbedrijf harde afspraken maken over gemeentelijk beleid?",
        index,
        ACHTERHOEK,
        "nl",
    )
    assert "geen bindende afspraken" in text_of(hard)


def test_a_structured_answer_quotes_the_line_a_misspelt_question_asks_about(
    index: ClauseIndex,
) -> None:
    """The quote under "De voorzitter is ..." is the chair's own line, typo or not."""
    for question in ("Wie is de voorzitter in Twente?", "Wie is de vorzitter in Twente?"):
        result = ask(question, index, TWENTE, "nl")
        assert result.kind == "structured", question
        assert "Voorzitter: portefeuillehouder Enschede" in text_of(result), question


def test_how_much_time_is_answered_by_a_duration(index: ClauseIndex) -> None:
    """ "binnen hoeveel tijd" counts no thing the line must name: "6 weken" answers it."""
    assert counted("Binnen hoeveel tijd moet het verslag klaar zijn?") is None
    assert counted("Hoeveel weken heeft het bestuur voor het verslag?") is None
    assert counted("Hoeveel leden heeft het bestuur?") == "leden heeft"
    result = ask("Binnen hoeveel tijd na het jaar is het verslag klaar?", index, ACHTERHOEK, "nl")
    assert result.kind == "clauses"
    assert "binnen 6 weken" in text_of(result)


def test_what_are_the_main_tasks_asks_about_the_tasks(index: ClauseIndex) -> None:
    assert asked_subject("What are the main tasks of the Werkbedrijf?") == "tasks"
    assert asked_subject("What is actually the quorum?") == "quorum"
    assert asked_subject("Wat is eigenlijk de opzegtermijn?") == "opzegtermijn"
    assert asked_subject("Wat zijn de belangrijkste taken?") == "taken"
    result = ask("What are the main tasks of the Werkbedrijf?", index, TWENTE, "en")
    assert result.kind == "clauses"
    assert result.clauses[0] == (TWENTE, "art-4")


def test_what_the_agreement_does_not_say_is_still_refused(index: ClauseIndex) -> None:
    """The words that no longer count against a match do not make an unanswered question
    answered: the subject ("opzegtermijn", "quorum", "salary") is still missing."""
    for question, lang in (
        ("Wat is eigenlijk de opzegtermijn voor een gemeente?", "nl"),
        ("What is actually the quorum for a board meeting?", "en"),
        ("Is there really a shared salary scale for the board?", "en"),
        ("Hoeveel mensen van de werkgeverskant krijgen een vergoeding?", "nl"),
    ):
        assert refuses(ask(question, index, ACHTERHOEK, lang)), question


def test_running_is_still_how_long_an_agreement_runs(index: ClauseIndex) -> None:
    """ "steer" is management; "run" stays with the agreement's end date."""
    result = ask("How long does the agreement run?", index, TWENTE, "en")
    assert result.kind == "structured"
    assert "31 December 2025" in text_of(result)
    steered = ask("Who steers the Werkcentrum?", index, WERKCENTRUM, "en")
    assert steered.kind == "clauses"
    assert "responsible for the management" in text_of(steered)


def test_is_there_a_asks_about_what_follows(index: ClauseIndex) -> None:
    """ "Is there a «quorum»": the agreement names none, however much of the rest it covers;
    "Is er een «gezamenlijke» sociale dienst" it does name."""
    assert asked_subject("Is there a quorum for board meetings?") == "quorum"
    assert asked_subject("is er een klachtenregeling voor partners") == "klachtenregeling"
    assert refuses(ask("Is there a quorum for meetings of the board?", index, ACHTERHOEK, "en"))
    found = ask("Is er een gezamenlijke sociale dienst?", index, ACHTERHOEK, "nl")
    assert found.kind == "clauses"
    assert "ISWI" in text_of(found)


def test_a_yes_no_question_asks_about_its_subject(index: ClauseIndex) -> None:
    """ "Worden de «notulen» ...": the agreement never mentions minutes, however much it says
    about the board and its meetings. "Zijn de «kleine» gemeenten ..." is not read so: after
    "zijn de" / "are the" comes a describing word as often as the subject."""
    assert asked_subject("Worden de notulen van het bestuur rondgestuurd?") == "notulen"
    assert asked_subject("Zijn de kleine gemeenten vertegenwoordigd?") is None
    assert asked_subject("Are the smaller municipalities represented?") is None
    assert refuses(ask("Worden de notulen van het bestuur rondgestuurd?", index, ACHTERHOEK, "nl"))
    costs = ask("Worden de kosten van vergaderingen verrekend?", index, ACHTERHOEK, "nl")
    assert costs.kind == "clauses"
    assert "geen verrekening" in text_of(costs)


def test_a_partners_everyday_words_reach_the_agreements_own(index: ClauseIndex) -> None:
    """A foundation is a legal person; outside experts are advisers; an earlier agreement is
    the existing one; jobs are "realised" where the text "creates" them."""
    for question, lang, agreement, said in (
        ("Is het werkbedrijf een stichting?", "nl", ACHTERHOEK, "geen rechtspersoonlijkheid"),
        ("Can we invite outside experts to a board meeting?", "en", ACHTERHOEK, "advisers"),
        ("Mag het bestuur deskundigen van buitenaf uitnodigen?", "nl", ACHTERHOEK, "adviseurs"),
        ("Which earlier agreement is this one based on?", "en", TWENTE, "12 February 2014"),
        ("Hoeveel banen moeten we in de Achterhoek realiseren?", "nl", ACHTERHOEK, "270"),
    ):
        result = ask(question, index, agreement, lang)
        assert result.kind == "clauses", question
        assert said in text_of(result), question


def test_a_short_question_of_one_subject_is_answered(index: ClauseIndex) -> None:
    """ "Which schools are involved?": one subject the agreement names in several clauses, and
    a word that carries none ("involved"); the line naming schools answers it."""
    result = ask("Which schools are involved?", index, TWENTE, "en")
    assert result.kind == "clauses"
    # the line naming schools, or (since the thirteenth session's questions were asked) the
    # signatures that name them: ROC van Twente
    assert "schools" in text_of(result) or "ROC van Twente" in text_of(result)
    added = ask("Can the board add members temporarily?", index, TWENTE, "en")
    assert "temporarily expanded" in text_of(added)


def test_everyday_words_that_mean_something_else_here_are_not_read_so(
    index: ClauseIndex,
) -> None:
    """What a review found: "streven" is what the parties strive for (consensus, low costs),
    not a goal; "help" is not the secretary's support; "acts on behalf" is no Act; a
    misspelt-looking real word is not "corrected" in the quote ("verzekering" is no
    "verbetering")."""
    assert "secretaris" not in text_of(ask("Wie helpt de werkgevers?", index, ACHTERHOEK, "nl"))
    goal = ask("Wat is het doel van de samenwerking?", index, TWENTE, "nl")
    assert "streven naar consensus" not in text_of(goal)
    acts = ask("Who acts on behalf of Almelo?", index, WERKCENTRUM, "en")
    assert refuses(acts)  # the agreement does not say who acts for Almelo
    law = ask("Which law is the Werkbedrijf based on?", index, TWENTE, "en")
    assert "SUWI Act" in text_of(law)
    assert counted("How many years does the agreement run?") is None


def test_giving_notice_does_not_quote_the_report_deadline(index: ClauseIndex) -> None:
    """ "op te zeggen" is "opzeggen" (an end); the end of a calendar year ("na afsluiting van
    dat kalenderjaar") is not the end of the covenant."""
    result = ask("Is het mogelijk om het convenant op te zeggen?", index, ACHTERHOEK, "nl")
    assert "binnen 6 weken" not in text_of(result)


def test_a_vocational_college_is_a_school(index: ClauseIndex) -> None:
    result = ask("Are vocational colleges represented on the board?", index, TWENTE, "en")
    assert "Vocational education - represented by" in text_of(result)


def test_the_quotes_typo_check_leaves_real_words_alone() -> None:
    candidates = [FactLine(("x",), "Verbetering van de registratie van vacatures")]
    assert _misspelt("Wie regelt de verzekering?", candidates, "nl") == set()
    chair = [FactLine(("x",), "Voorzitter: portefeuillehouder Enschede")]
    assert _misspelt("Wie is de voorziter?", chair, "nl") == {"@chair"}


def test_words_a_review_took_out_stay_out(index: ClauseIndex) -> None:
    """ "review" (the Werkcentrum note's "reviews the governance") is no evaluation; "firm" is
    a company, "counter" a desk; "om te vergaderen" is no separable verb "omvergaderen"."""
    thesaurus = glossary()
    for word in ("review", "firm", "counter", "help"):
        assert thesaurus.word(word, "en") is None, word
    assert thesaurus.word("streven", "nl") is None
    assert refuses(ask("When will the agreement be evaluated?", index, WERKCENTRUM, "en"))
    terms = {t.term for t in index.terms("Hoe besluit de raad om te vergaderen?", "nl")}
    assert "@meeting" in terms
    assert not any(term.startswith("nl:om") for term in terms)


def test_no_vote_is_said_once(index: ClauseIndex) -> None:
    """Twente's procedure ends in "no decision: the agreement provides no vote"; asked how
    many votes the chair has, the answer does not say it a second time before it."""
    result = ask("How many votes does the chair have?", index, TWENTE, "en")
    assert result.kind == "structured"
    assert text_of(result).count("provides no vote") == 1
