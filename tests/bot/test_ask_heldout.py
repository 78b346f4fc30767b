"""What the held-out questions (bench/heldout_questions.yaml) showed, with questions written for
these tests: a "how many" question is not answered by a line without a number, an answer that
the agreement is silent counts as "the agreement does not say", and the typo correction
(rapidfuzz's distance over words grouped by first letter and length) finds what comparing every
known word would find; inflections and separable verbs read through their lemmas (simplemma), a
question whose subject the agreement never uses refused, and a heading quoted with the line it
heads."""

from __future__ import annotations

import random

import pytest

from bot.ask.answer import asked_subject
from bot.ask.index import ClauseIndex
from bot.ask.lines import is_heading, refers_back
from bot.ask.text import Speller
from tests.bot.asking import ACHTERHOEK, TWENTE, WERKCENTRUM, ask, refuses, text_of

# -- "how many" needs a number -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang"),
    [
        ("Hoeveel werknemers heeft Hameland in dienst?", ACHTERHOEK, "nl"),
        ("Hoeveel medewerkers heeft het Werkplein Twente?", TWENTE, "nl"),
        ("How many people work at the Leerwerkloket?", WERKCENTRUM, "en"),
        ("How many staff does ISWI have?", ACHTERHOEK, "en"),
    ],
)
def test_a_how_many_question_is_not_answered_by_a_line_without_a_number(
    question: str, agreement_id: str, lang: str, index: ClauseIndex
) -> None:
    # each names something the agreement does mention (a line matches), never with a number
    assert index.lines(question, lang, agreement_id)
    assert refuses(ask(question, index, agreement_id, lang))


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang", "number"),
    [
        ("Hoeveel geld was er in 2014 beschikbaar?", ACHTERHOEK, "nl", "100.000"),
        ("How many weeks after the calendar year is the report due?", TWENTE, "en", "6"),
        ("Hoeveel hoofdlijnen heeft de agenda?", TWENTE, "nl", "6"),
    ],
)
def test_a_how_many_question_is_answered_by_a_line_with_the_number(
    question: str, agreement_id: str, lang: str, number: str, index: ClauseIndex
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.kind != "nothing"
    assert number in text_of(result)


# -- the line after: "Dit overleg adviseert ..." ------------------------------------------------


@pytest.mark.parametrize(
    ("line", "before", "expected"),
    [
        ("Zij vervullen actief hun rol.", "Partijen treden op als ambassadeur.", True),
        ("Met deze partijen wordt samengewerkt.", "Het onderwijs is een partner.", True),
        ("They actively fulfil their role.", "The parties act as ambassadors.", True),
        ("Ook deze kosten worden niet ten laste gebracht.", "Inzet is nodig.", True),
        ("De gemeente beheert deze middelen.", "Lasten uit de arbeidsmarktmiddelen.", True),
        ("The date of this amendment is 1 July.", "Intended amendments to the Act.", True),
        ("Het Werkbedrijf streeft ernaar de kosten laag te houden.", "Elke partij betaalt.", False),
        ("Een plan ondersteunt de uitvoering van dit convenant.", "Taken van het bestuur.", False),
        ("The SUWI Act provides the legal framework.", "The municipalities decide.", False),
    ],
)
def test_a_line_refers_back_when_it_opens_with_or_names_what_came_before(
    line: str, before: str, expected: bool
) -> None:
    assert refers_back(line, before) is expected


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang", "fact"),
    [
        ("Wat doen partijen als ambassadeur?", TWENTE, "nl", "te verleiden"),
        ("What do the parties do as ambassadors?", TWENTE, "en", "persuading employers"),
        ("What does the supporting consultation do?", ACHTERHOEK, "en", "advises the Board"),
        ("Wie werkt samen met het Voortgezet Speciaal Onderwijs?", ACHTERHOEK, "nl", "Werknet"),
    ],
)
def test_the_line_that_continues_the_best_line_is_quoted_with_it(
    question: str, agreement_id: str, lang: str, fact: str, index: ClauseIndex
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.kind == "clauses"
    assert fact in text_of(result)


def test_a_line_that_does_not_refer_back_is_not_added(index: ClauseIndex) -> None:
    result = ask("Wanneer gaat het samenwerkingsverband van start?", index, ACHTERHOEK, "nl")
    assert "1 januari 2015" in text_of(result)
    assert "Taken" not in text_of(result)  # art. 5 follows art. 4, but is no part of it
    hit = index.lines("Welke wet biedt het juridisch kader?", "nl", TWENTE)[0]
    assert hit.snippet.rstrip().endswith("samenwerking.")


# -- "the agreement does not say" ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang"),
    [
        ("Tot wanneer loopt het convenant?", ACHTERHOEK, "nl"),
        ("How often does the Werkcentrum board meet?", WERKCENTRUM, "en"),
    ],
)
def test_an_answer_that_the_agreement_has_nothing_on_it_is_silent(
    question: str, agreement_id: str, lang: str, index: ClauseIndex
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.kind == "structured"
    assert result.silent


@pytest.mark.parametrize(
    ("question", "agreement_id", "lang"),
    [
        ("Tot wanneer geldt de overeenkomst?", TWENTE, "nl"),
        ("How often does the board meet?", TWENTE, "en"),
        ("Wie zit het bestuur voor?", ACHTERHOEK, "nl"),
        ("Welke systemen worden voor vacatures gebruikt?", ACHTERHOEK, "nl"),
    ],
)
def test_an_answer_from_what_the_agreement_says_is_not_silent(
    question: str, agreement_id: str, lang: str, index: ClauseIndex
) -> None:
    result = ask(question, index, agreement_id, lang)
    assert result.kind != "nothing"
    assert not result.silent


def test_a_question_in_two_parts_is_silent_only_when_both_parts_are(index: ClauseIndex) -> None:
    result = ask(
        "Tot wanneer loopt het convenant en wie zit het bestuur voor?", index, ACHTERHOEK, "nl"
    )
    assert result.kind == "structured"
    assert not result.silent


# -- the typo correction, by group ------------------------------------------------------------------


def _full_distance(a: str, b: str, limit: int) -> int:
    """The whole optimal-string-alignment table, for comparison."""
    d = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) + 1):
        d[i][0] = i
    for j in range(len(b) + 1):
        d[0][j] = j
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            d[i][j] = min(
                d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] != b[j - 1])
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return min(d[-1][-1], limit + 1)


def test_the_speller_finds_what_every_comparison_would_find(index: ClauseIndex) -> None:
    speller = index.analyzer.speller
    known = [w for w in speller.frequencies if len(w) >= 5 and w.isalpha()]
    rng = random.Random(3)
    for word in rng.sample(known, 150):
        i = rng.randrange(1, len(word))
        typo = word[:i] + word[i + 1 :] if rng.random() < 0.5 else word[:i] + "q" + word[i:]
        by_all = None
        limit = 2 if len(typo) >= 8 else 1 if len(typo) >= 4 else 0
        if limit and len(typo) <= 24 and typo not in speller.frequencies:
            scored = [
                (_full_distance(typo, w, limit), -n, w)
                for w, n in speller.frequencies.items()
                if len(w) >= 4 and w.isalpha() and w[0] == typo[0]
            ]
            best = min(scored)
            by_all = best[2] if best[0] <= limit else None
        assert speller.correct(typo) == by_all, typo


def test_the_speller_still_corrects_a_swap_and_a_dropped_letter() -> None:
    speller = Speller({"vergadering": 3, "voorzitter": 2, "stemming": 1})
    assert speller.correct("vergaedring") == "vergadering"
    assert speller.correct("voorziter") == "voorzitter"
    assert speller.correct("xtemming") is None  # the first letter is kept


# -- lemmas beside stems (simplemma) --------------------------------------------------------------


def test_an_inflection_the_agreement_does_not_use_is_read_as_the_one_it_does(
    index: ClauseIndex,
) -> None:
    # the signatures say "vertegenwoordigd"; the past tense shares its lemma, not its stem
    terms = {t.term for t in index.terms("Wie vertegenwoordigde de werknemers?", "nl")}
    assert "nl:vertegenwoordigd" in terms
    assert "?vertegenwoordigde" not in terms
    result = ask("Wie vertegenwoordigde de werknemers?", index, TWENTE, "nl")
    assert result.clauses == ((TWENTE, "signatures"),)
    assert "Hupkes" in result.lines[0]


def test_a_lemma_that_is_a_stopword_of_either_language_is_not_a_match(
    index: ClauseIndex,
) -> None:
    # "doors" is "door", a Dutch stopword: it stays a word the agreement does not use
    assert index.analyzer.same_lemma("doors", "en", index.analyzer.speller.frequencies) is None


def test_a_separable_verb_is_read_from_its_lemma_and_particle(index: ClauseIndex) -> None:
    # "stuurt ... aan" is "aansturen", and the note speaks of "aansturing"; "stuurt" alone is
    # then no unknown word against the match
    terms = {t.term for t in index.terms("Welke gemeente stuurt het Werkcentrum aan?", "nl")}
    assert "nl:aanstur" in terms
    assert "?stuurt" not in terms
    result = ask("Welke gemeente stuurt het Werkcentrum aan?", index, WERKCENTRUM, "nl")
    assert result.kind == "clauses"
    assert "Enschede" in result.lines[0]


# -- the question's subject missing from the agreement ----------------------------------------------


def test_the_subject_of_a_what_is_question_is_the_word_after_it() -> None:
    assert asked_subject("Wat is het emailadres van het Werkplein?") == "emailadres"
    assert asked_subject("Welke kleur heeft het logo?") == "kleur"
    assert asked_subject("Who is the auditor of the board?") == "auditor"
    assert asked_subject("Which insurance do members have?") == "insurance"
    assert asked_subject("What are the so-called jobs?") is None  # "so": no subject
    assert asked_subject("Hoe vaak vergadert het bestuur?") is None


def test_a_question_whose_subject_the_agreement_never_uses_is_refused(
    index: ClauseIndex,
) -> None:
    # its other words match a line well enough ("Werkplein Twente"), but the agreement has no
    # telephone number
    question = "Wat is het telefoonnummer van het Werkplein Twente?"
    assert index.lines(question, "nl", TWENTE, k=1)[0].coverage >= 0.35
    assert refuses(ask(question, index, TWENTE, "nl"))
    # a subject it does use is answered
    assert ask("Welke taken heeft het Werkbedrijf?", index, ACHTERHOEK, "nl").kind == "clauses"


# -- a heading is quoted with the line it heads -----------------------------------------------------


def test_a_heading_is_a_few_words_without_an_end_of_sentence() -> None:
    assert is_heading("Interne afstemming")
    assert is_heading("Betrokkenheid van het onderwijs")
    assert not is_heading("Het bestuur vergadert vier keer per jaar.")
    assert not is_heading("Het bestuur heeft de volgende taken: Het vaststellen van de agenda")
    assert not is_heading(" ".join(["woord"] * 9))


def test_a_line_that_is_a_heading_is_quoted_with_the_line_after_it(index: ClauseIndex) -> None:
    result = ask("What was the internal consultation about?", index, WERKCENTRUM, "en")
    assert not refuses(result), result.lines
    assert result.clauses[0] == (WERKCENTRUM, "procesinformatie")
    assert "legal adviser" in result.lines[0]
