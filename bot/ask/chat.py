"""Typed text that is not a question about the agreement: a greeting, how to vote, an article.

A private chat sends every text to the agreement's answers; these are caught first, so "Hallo"
gets a greeting, "Hoe stem ik?" the bot's own help on voting, and "art 3" the article itself
(as ``/artikel 3`` shows it) instead of a search for the words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from bot.ask.text import fold, wordlist, words

GREETINGS = wordlist(
    """
    hallo hoi hey hi hello hiya hee heej goeiedag goedendag goedemorgen goedemiddag goedenavond
    morgen middag avond dag daag good morning afternoon evening greetings
    """
)
#: Words that may stand beside a greeting ("hallo werkbot", "good morning to you").
_BESIDE = wordlist("werkbot bot daar there allemaal all iedereen everyone to you jij je u")
_VOTE = (
    re.compile(
        r"\b(?:hoe|waar|wanneer|waarmee)\b.*\b(?:stem ik|kan ik stemmen|moet ik stemmen"
        r"|ik (?:mijn stem )?(?:stemmen|uitbrengen)|breng ik mijn stem uit)\b"
    ),
    re.compile(
        # "how to vote", "where do I vote", "when can I cast my vote"; not "when ..., does the
        # council «have to vote» on it" (about the agreement)
        r"\b(?:how|where|when)\b.*\b(?:(?:do|can|should|must) i (?:cast (?:my|a) )?vote"
        r"|i (?:have|need|want) to (?:vote|cast (?:my|a) vote))\b"
        r"|\b(?:how|where|when) to (?:vote|cast (?:my|a) vote)\b"
    ),
    re.compile(r"^(?:stemmen|voting|vote|stem)\s*\??$"),
)
_ARTICLE = re.compile(
    r"^\s*(?:art(?:ikel|icle)?|clause)\s*\.?\s*([0-9]+(?:\.[0-9]+)?)\s*([^\W\d_][\w-]*)?\s*[.?!]?\s*$"
)
_ARTICLE_FIRST = re.compile(
    r"^\s*([^\W\d_][\w-]*)\s+(?:art(?:ikel|icle)?|clause)\s*\.?\s*([0-9]+(?:\.[0-9]+)?)\s*[.?!]?\s*$"
)


@dataclass(frozen=True)
class ArticleRef:
    """An article typed as text: its number, and the agreement when one is named."""

    number: str
    agreement_id: str | None


def is_greeting(text: str) -> bool:
    """Whether ``text`` only greets ("Hallo", "hi werkbot!", "Goedemorgen")."""
    found = [w.text for w in words(text)]
    return (
        bool(found)
        and any(w in GREETINGS for w in found)
        and all(w in GREETINGS or w in _BESIDE for w in found)
    )


def asks_how_to_vote(text: str) -> bool:
    """Whether ``text`` asks how to vote with the bot ("Hoe stem ik?", "how do I vote")."""
    folded = " ".join(w.text for w in words(text))
    return any(pattern.search(folded) for pattern in _VOTE)


def article_ref(text: str, agreements: Iterable[tuple[str, Iterable[str]]]) -> ArticleRef | None:
    """The article ``text`` names ("artikel 3", "art 3", "article 3 achterhoek"), or None.

    ``agreements`` gives each agreement id with the words that name it (its region, ...); a word
    after the number that names none of them makes the text no article reference.
    """
    folded = fold(text)
    match = _ARTICLE.match(folded)
    if match is not None:
        number, name = match.group(1), match.group(2)
    else:
        match = _ARTICLE_FIRST.match(folded)
        if match is None:
            return None
        name, number = match.group(1), match.group(2)
    if name is None:
        return ArticleRef(number, None)
    for agreement_id, names in agreements:
        if name == agreement_id or name in {fold(n) for n in names}:
            return ArticleRef(number, agreement_id)
    return None
