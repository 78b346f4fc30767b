"""Asking the agreement, fifth round: words partners use for what the agreements say in other
words (issue 19), each with questions of our own."""

from __future__ import annotations

from bot.ask.index import ClauseIndex
from bot.ask.text import glossary
from bot.ask.text import words as text_words
from tests.bot.asking import ACHTERHOEK, TWENTE, WERKCENTRUM, ask, in_a_new_process, text_of


def test_abolishing_a_body_finds_where_the_agreement_says_it_will_be_dissolved(
    index: ClauseIndex,
) -> None:
    for question, lang in (
        ("Is the ISWI going to be scrapped?", "en"),
        ("Wordt het ISWI afgeschaft?", "nl"),
    ):
        result = ask(question, index, ACHTERHOEK, lang)
        assert result.kind == "clauses", question
        assert result.clauses[0] == (ACHTERHOEK, "art-6")
        assert "dissolution of the ISWI" in text_of(result) or "opheffen van het ISWI" in text_of(
            result
        )


def test_persuading_employers_to_hire_is_the_ambassadors_article(index: ClauseIndex) -> None:
    for question, lang in (
        ("Must the parties convince employers to hire people with a disability?", "en"),
        (
            "Moeten de partijen werkgevers aansporen om mensen met een beperking in dienst te nemen?",
            "nl",
        ),
    ):
        result = ask(question, index, TWENTE, lang)
        assert result.kind == "clauses", question
        assert result.clauses[0] == (TWENTE, "art-8")
        assert "employment" in text_of(result) or "werkgelegenheid" in text_of(result)


def test_a_deal_is_an_agreement_made_in_the_werkbedrijf(index: ClauseIndex) -> None:
    result = ask(
        "Are binding deals on social return possible within the werkbedrijf?",
        index,
        ACHTERHOEK,
        "en",
    )
    assert result.kind == "clauses"
    assert "no binding agreements can be made" in text_of(result)


def test_a_phrase_of_small_words_is_read_as_a_whole(index: ClauseIndex) -> None:
    """ "for a while" and "have a say" are all small words but one: read as the phrase, never
    as the word left over ("period" alone is not "for a period", "take" not "take on")."""
    result = ask("Can a project be given a seat on the board for a while?", index, TWENTE, "en")
    assert result.kind == "clauses"
    assert result.clauses[0] == (TWENTE, "art-2")
    assert "temporarily expanded" in text_of(result)
    said = ask(
        "Will Almelo have a say in how the werkcentrum is organised?", index, WERKCENTRUM, "en"
    )
    assert said.kind == "clauses"
    assert "influence" in text_of(said)
    words = glossary()
    phrase = "can we have a say"
    assert words.full_phrases_in(text_words(phrase), phrase, "en") == [(2, 3, ("@influence",))]
    ended = "the parties take. On 1 January"  # no "take on" across the end of a sentence
    assert words.full_phrases_in(text_words(ended), ended, "en") == []
    assert words.word("period", "en") is None
    assert words.word("take", "en") is None


def test_the_quote_under_a_structured_answer_is_chosen_by_the_question_first(
    index: ClauseIndex,
) -> None:
    """The answer says how many seats the employees have; the line it rests on is the
    employees' line, not the employers' line beside it that shares more of the answer's
    words."""
    result = ask("How many employee representatives sit on the board?", index, ACHTERHOEK, "en")
    assert result.kind == "structured"
    quoted = text_of(result).split("Art. 2 Composition of the Board:")[1]
    assert "On behalf of the employees" in quoted
    assert "On behalf of the employers" not in quoted


def test_an_english_word_is_not_read_as_a_dutch_stem(index: ClauseIndex) -> None:
    """ "take" is English; its Dutch stem would be that of "taken" (tasks), a topic the
    question does not ask about, which kept the question from the decision rules."""
    result = ask("How does the board take its decisions, by vote?", index, TWENTE, "en")
    assert result.kind == "structured"
    assert result.lines[0] == "How the board decides:"
    assert "Consensus (art. 3" in text_of(result)


def test_a_plural_separable_verb_is_joined_to_its_particle(index: ClauseIndex) -> None:
    """ "Rekenen ... af" is "afrekenen" (settling with each other), though "rekenen" is already
    its own lemma."""
    result = ask("Rekenen de gemeenten met elkaar af?", index, ACHTERHOEK, "nl")
    assert result.kind == "clauses"
    assert result.clauses[0] == (ACHTERHOEK, "art-9")
    assert "geen verrekening" in text_of(result)


def test_a_real_dutch_word_is_not_corrected_into_an_english_one(index: ClauseIndex) -> None:
    """ "groep" is Dutch (the agreements only say "doelgroep"): one letter from the English
    "group" of our translation, but no typo of it."""
    terms = {term.term for term in index.terms("Welke groep gaat voor?", "nl")}
    assert "en:group" not in terms
    assert "?groep" in terms or "nl:groep" in terms


def test_starting_in_the_past_tense_asks_when_it_began(index: ClauseIndex) -> None:
    result = ask("Op welke datum is de samenwerking gestart?", index, ACHTERHOEK, "nl")
    assert result.kind == "clauses"
    assert result.clauses[0] == (ACHTERHOEK, "art-4")
    assert "1 januari 2015" in text_of(result)


def test_asked_to_list_what_a_section_is_headed_the_answer_is_that_section(
    index: ClauseIndex,
) -> None:
    """ "Welke bijlagen ..." is answered from the section "Bijlage(n)", not from a line that
    mentions an annex twice."""
    result = ask("Welke bijlagen heeft dit voorstel?", index, WERKCENTRUM, "nl")
    assert result.kind == "clauses"
    assert result.clauses[0] == (WERKCENTRUM, "bijlagen")
    assert "Inrichtingsplan naar een Werkcentrum Twente (bijlage/780991)" in text_of(result)


def test_a_question_of_known_words_does_not_load_the_dictionary() -> None:
    """simplemma's word lists take about 0.3 s to load: a cold `werkbot ask` of words the
    glossary knows in the question's own language never asks the dictionary whether a word
    is of the other language."""
    script = (
        "import sys, io, contextlib\n"
        "from bot.cli import main\n"
        "for q in ('Wie is de voorzitter?', 'Who chairs the board?'):\n"
        "    with contextlib.redirect_stdout(io.StringIO()):\n"
        "        main(['ask', q, '--agreement', 'twente-2020'])\n"
        "print('simplemma' in sys.modules)\n"
    )
    assert in_a_new_process(script).strip() == "False"
