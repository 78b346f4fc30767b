"""The partners' everyday words (bot.ask.paraphrases): each concept meets the agreements in
both languages, no word means two things, and what the agreements do not talk about stays
unknown (issue 19)."""

from __future__ import annotations

from bot.ask.index import ClauseIndex
from bot.ask.paraphrases import PARAPHRASES
from bot.ask.text import GLOSSARY, glossary
from rules.agreements.loader import shipped_agreements
from tests.bot.asking import ACHTERHOEK, TWENTE, WERKCENTRUM, ask, assert_refused, refuses, text_of


def _concepts_used(index: ClauseIndex, lang: str) -> set[str]:
    found: set[str] = set()
    for agreement in shipped_agreements().values():
        for clause in agreement.clauses:  # a clause's title counts for its lines
            text = f"{clause.title.get(lang)}. {clause.text.get(lang)}"
            found.update(index.analyzer.terms(text, lang))
    return found


def test_every_new_concept_meets_the_agreements_in_both_languages(index: ClauseIndex) -> None:
    own = {concept for concept, _, _ in GLOSSARY}
    new = {f"@{concept}" for concept, _, _ in PARAPHRASES if concept not in own}
    for lang in ("nl", "en"):
        unused = new - _concepts_used(index, lang)
        assert not unused, (lang, sorted(unused))


def test_no_everyday_word_is_in_two_concepts() -> None:
    """A word of :data:`PARAPHRASES` means one concept, its own or the glossary's."""

    def entries(table: tuple[tuple[str, str, str], ...]) -> list[tuple[str, str, str]]:
        out = []
        for concept, dutch, english in table:
            for lang, text in (("nl", dutch), ("en", english)):
                for entry in filter(None, (e.strip() for e in text.split(","))):
                    out.append((lang, entry.lstrip("!").partition("=")[0], concept))
        return out

    meaning: dict[tuple[str, str], set[str]] = {}
    for lang, word, concept in entries(GLOSSARY) + entries(PARAPHRASES):
        meaning.setdefault((lang, word), set()).add(concept)
    for lang, word, _ in entries(PARAPHRASES):
        assert len(meaning[lang, word]) == 1, (lang, word, meaning[lang, word])


def test_what_the_agreements_do_not_talk_about_stays_unknown(index: ClauseIndex) -> None:
    """Unknown, or a concept of its own that no agreement names ("quorum", "opzeggen",
    "term of office": boards ask for them, and the answer is that the agreement does not say)."""
    thesaurus = glossary()
    for word, lang in (
        ("salaris", "nl"),
        ("salary", "en"),
        ("verzekering", "nl"),
        ("insurance", "en"),
        ("adres", "nl"),
        ("quorum", "en"),
        ("opzegtermijn", "nl"),
        ("openingstijden", "nl"),
        ("directeur", "nl"),
        ("fte", "nl"),
        ("opzeggen", "nl"),
        ("reappointed", "en"),
        ("zittingstermijn", "nl"),
    ):
        concepts = thesaurus.word(word, lang) or ()
        named = _concepts_used(index, "nl") | _concepts_used(index, "en")
        assert not set(concepts) & named, word
    assert_refused(
        index,
        (
            ("Is there a minimum number of members present for a vote?", ACHTERHOEK, "en"),
            ("Are the board meetings open to the public?", ACHTERHOEK, "en"),
            ("Kan een gemeente het convenant opzeggen?", ACHTERHOEK, "nl"),
            ("How long is the term of office of a board member?", TWENTE, "en"),
            ("Hoeveel leden moeten er minimaal aanwezig zijn (quorum)?", TWENTE, "nl"),
        ),
    )


def test_everyday_words_reach_the_formal_line(index: ClauseIndex) -> None:
    money = ask(
        "Does setting up the Werkcentrum have any financial consequences?", index, WERKCENTRUM, "en"
    )
    assert money.kind == "clauses"
    assert "no financial consequences" in text_of(money)
    downsides = ask("Wat zijn de nadelen van het Werkcentrum?", index, WERKCENTRUM, "nl")
    assert downsides.kind == "clauses"
    assert downsides.clauses[0][1].startswith("kanttekening")
    assert refuses(ask("Hoeveel fte krijgt het Werkgeversservicepunt?", index, ACHTERHOEK, "nl"))
