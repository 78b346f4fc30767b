"""Fact lines: the short passages an answer quotes, one sentence or one list item with its
lead-in, and what kind of answer each holds (a date, a number, a person or body, a frequency).

Light on purpose (no numpy, no bm25s): the structured answers quote the line they rest on
without building the clause index.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from bot.ask.text import (
    LANGS,
    NUMBER_WORDS,
    ORDINAL_WORDS,
    STOPWORDS,
    Speller,
    context_split,
    fold,
    glossary,
    other,
    stem,
    wordlist,
    words,
)
from rules.agreements.model import Agreement, Clause

#: A list item: "- ...", "1. ...", "a. ...", "a) ..." at the start of a line.
_ITEM = re.compile(r"^(?:[-•–]\s*|[0-9]{1,2}[.)]\s+|[a-z][.)]\s+)(?=\S)")
#: A sentence ends at . ! ? before a capital (or an opening quote or digit), not after a
#: short abbreviation ("excl.", "bv.", "drs.", "J.H.").
_SENTENCE = re.compile(r"(?<=[^\s.]{2}[.!?])\s+(?=[A-Z0-9“‘(\"])")
_ABBREVIATIONS = frozenset(
    [
        "excl.",
        "(excl.",
        "incl.",
        "(incl.",
        "drs.",
        "ing.",
        "c.q.",
        "o.a.",
        "resp.",
        "nr.",
        "art.",
        "bv.",
        "(bv.",
        "mr.",
        "dhr.",
    ]
)


def abbreviated(before: str) -> bool:
    """Whether ``before`` ends in a short abbreviation ("(excl.", "o.a."), after which a full
    stop ends no sentence."""
    last = before.rsplit(None, 1)
    return bool(last) and last[-1].lower() in _ABBREVIATIONS


@dataclass(frozen=True)
class FactLine:
    """One line of an agreement in one language; ``clause_ids``: every clause it occurs in
    (identical lines of two sections are one line, so they never compete with each other)."""

    clause_ids: tuple[str, ...]
    text: str


def sentences(paragraph: str) -> list[str]:
    """The sentences of a paragraph or a line ("Het Werkbedrijf brengt ... verslag uit ... .
    Dit schriftelijke verslag ... binnen 6 weken ..."); an abbreviation ends none."""
    out: list[str] = []
    for part in _SENTENCE.split(paragraph):
        if out and abbreviated(out[-1]):
            out[-1] = f"{out[-1]} {part}"
        else:
            out.append(part)
    return [s.strip() for s in out if s.strip()]


@lru_cache(maxsize=4096)
def split_lines(text: str) -> tuple[str, ...]:
    """The fact lines of a clause text: its sentences, each list item with its lead-in.

    A sentence is never cut at ":" or ";": "drie methodes ...: de methode van het UWV, Dariuz en
    Loonbalans" stays whole. A list item ("- ...", "1. ...", "a) ...") is prefixed with the
    sentence that introduces the list (the last one before it ending in ":"), so a line says
    what the item is an item of. Kept per text: an answer asks for a clause's lines often.
    """
    out: list[str] = []
    leads: set[str] = set()
    lead: str | None = None
    for raw in text.split("\n"):
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        if _ITEM.match(line):
            item = _ITEM.sub("", line, count=1)
            if lead:
                leads.add(lead)
            out.append(f"{lead} {item}" if lead else item)
            if item.endswith(":"):  # "c. Vaste leden:" introduces the items below it
                lead = f"{lead} {item}" if lead else item
            continue
        found = sentences(line)
        out += found
        last = found[-1] if found else ""
        lead = last if last.endswith((":", ";")) else None
    return tuple(line for line in out if line not in leads or len(out) == 1)


#: Words that open a sentence which says nothing without the sentence before it ("«Daarmee»
#: heeft de gemeente invloed op de uiteindelijke inrichting"): it is quoted with that sentence
#: (:func:`leans_back`).
_BACK_ADVERBS = wordlist(
    "daarmee hiermee daardoor hierdoor daarom daarnaast hierbij thereby thus hence"
)
#: Words that open a sentence about what the sentence before it said ("Dit overleg adviseert
#: ...", "Met deze partijen ...", "It offers ..."), after a preposition or "ook" / "also": the
#: sentence is quoted after it (:func:`refers_back`). Some are :data:`_BACK_ADVERBS` too.
_BACK_OPENERS = wordlist(
    """
    deze dit die zij ze hiervan hierover hiermee hierin hiertoe hierbij daarmee daarvan daarbij
    daarin this these those it they such thereby therein
    """
)


def leans_back(line: str) -> bool:
    """Whether ``line`` opens with a word that makes it say nothing without the sentence before
    it (:data:`_BACK_ADVERBS`)."""
    opening = words(line)[:1]
    return bool(opening) and opening[0].text in _BACK_ADVERBS


_BACK_LEADS = wordlist("ook met van voor in over bij op aan door en maar also with of for on by")
_DEMONSTRATIVE = re.compile(r"\b(?:deze|dit|this|these|those)\s+([^\W\d_]{4,})")


def refers_back(line: str, before: str) -> bool:
    """Whether ``line`` is about what ``before`` (the line before it, and its clause's title)
    said: it opens with a word that points back ("Dit overleg ...", "Met deze partijen ...",
    "It ..."), or names with "deze" / "this" a thing ``before`` names ("beheert deze middelen"
    after "... arbeidsmarktmiddelen"). Such a line holds the rest of the answer: who manages
    the funds, what the consultation does, which project."""
    found = [w.text for w in words(line)]
    for word in found[:3]:
        if word in _BACK_OPENERS:
            return True
        if word not in _BACK_LEADS:
            break
    earlier = fold(before)
    return any(m.group(1)[:5] in earlier for m in _DEMONSTRATIVE.finditer(fold(line)))


#: A line of at most this many words without an end of sentence is a heading.
HEADING_WORDS = 8


def is_heading(line: str) -> bool:
    """Whether ``line`` is a heading rather than a statement: a few words with no end of
    sentence and no list lead-in ("Interne afstemming", "Betrokkenheid onderwijs en relatie
    POA"). What it is about is in the line after it."""
    text = line.strip()
    return (
        bool(text)
        and text[-1] not in '.!?:;”")'
        and ":" not in text
        and len(words(text)) <= HEADING_WORDS
    )


def _key(text: str) -> str:
    return " ".join(w.text for w in words(text))


def agreement_lines(agreement: Agreement, lang: str) -> list[FactLine]:
    """The fact lines of every clause of ``agreement`` in ``lang``, identical lines merged."""
    by_key: dict[str, int] = {}
    out: list[FactLine] = []
    for clause in agreement.clauses:
        for text in split_lines(clause.text.get(lang)):
            key = _key(text)
            if not key:
                continue
            at = by_key.get(key)
            if at is None:
                by_key[key] = len(out)
                out.append(FactLine((clause.id,), text))
            elif clause.id not in out[at].clause_ids:
                line = out[at]
                out[at] = FactLine((*line.clause_ids, clause.id), line.text)
    return out


# -- the kind of answer a question asks for ---------------------------------------------------

MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december "
    "january february march june july august october"
)
#: The verbs of "where does it «work» from", "waar «werkt» het vanuit": a question for its base.
_BASE_VERBS = (
    r"(?:work|works|worked|working|operate|operates|operated|operating|run|runs"
    r"|werkt|werken|werkte|werkten|opereert|opereren)"
)
#: A count a line may answer "hoeveel" / "how many" with: a number, a number word, an amount.
COUNT = re.compile(
    r"€|\d+(?:[.,]\d+)*|\b(?:één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|one|two|three"
    r"|four|five|six|seven|eight|nine|ten|miljoen|million|euro|minimaal|at least|meerdere"
    r"|several)\b",
    re.IGNORECASE,
)
_KINDS: dict[str, re.Pattern[str]] = {
    "when": re.compile(
        r"\b(?:(?:19|20)[0-9]{2}|" + "|".join(MONTHS.split()) + r"|kwartaal|quarter|maand"
        r"|maanden|month|months|weken|weeks|halfjaar|half|eind|end|begin|early)\b",
        re.I,
    ),
    "how_many": COUNT,
    "who": re.compile(
        r"(?<![.!?]\s)(?<!^)\b[A-Z][a-zA-Z]+|\b(?:gemeente|municipality|UWV|voorzitter|chair"
        r"|minister|college|partij|party|parties|partijen|secretaris|secretary|bestuur|board)\b"
    ),
    "clock": re.compile(r"\b(?:[01]?[0-9]|2[0-3])[.:][0-5][0-9]\b|\b[0-9]{1,2} uur\b|o'clock"),
    "where": re.compile(
        r"\b(?:in|te|vanuit|at|from)\s+(?:het\s+|de\s+|the\s+)?"
        r"(?!Board\b|Bestuur\b|Werkbedrijf\b)[A-Z][a-z]"
        r"|\b(?:gevestigd|locatie|hoofdlocatie|kantoor|adres|based|located|location|office"
        r"|address)\b"
    ),
    # a name: a capitalised word inside a sentence ("de gemeente Doetinchem", "Han Boer")
    "name": re.compile(r"(?<![.!?:]\s)(?<!^)(?<![“(])(?<!^‘)\b[A-Z][a-zA-Z]+"),
    "how_often": re.compile(
        r"\b(?:keer|times|once|twice|iedere|elke|every|per|jaarlijks|annually|yearly"
        r"|maandelijks|monthly|regelmatig|regularly)\b",
        re.I,
    ),
}
_ASKS = (
    # a time of day ("hoe laat", "what time"): no agreement sets one, a line must hold it
    ("clock", re.compile(r"\b(?:hoe laat|om hoe laat|what time|at what time)\b")),
    # a place ("waar vinden ... plaats", "where is ... located"), not "waar ... mee / voor"
    (
        "where",
        re.compile(
            # at the start, or after a word that asks ("weet iemand al «waar» het ... zit")
            r"(?:^\s*|\b(?:know|knows|tell|wonder|idea|sure|weet|weten|vertel|vertellen"
            r"|benieuwd)\b[^?.!]*?\b)"
            r"(?:waar|where)\b(?=.*\b(?:plaats|gevestigd|gehouden|vergader\w*|zit|zitten"
            r"|locatie|kantoor|located|based|held|situated|meets?|meetings?|location|office"
            # "where does it work from", "waar werkt het vanuit": its base, not a source
            rf"|{_BASE_VERBS}\s+(?:\w+\s+){{0,3}}(?:from|vanuit))\b)"
            # "in welke plaats komt ...", "in which town is ...": the place, asked otherwise
            r"|^\s*(?:in|naar)\s+(?:welke|welk)\s+(?:plaats|stad|dorp|gemeente|plaatsnaam)\b"
            r"|^\s*(?:in|to)\s+(?:which|what)\s+(?:town|city|place|municipality)\b"
            # "Where is the Leerwerkloket?", "waar zit het Werkcentrum": where a body is, the
            # whole question (not "where is the money for", "waar is dat te vinden")
            r"|^\s*(?:where|waar)\s+(?:is|are|zit|zitten|ligt|liggen)\s+(?:the|het|de)\s+[\w-]+"
            r"(?:\s+(?!for\b|voor\b|about\b|over\b|mee\b)[\w-]+)?\s*\??\s*$"
        ),
    ),
    # a name ("hoe heet de projectleider"): a line that names none does not answer
    (
        "name",
        re.compile(
            r"\b(?:hoe heet|hoe heten|wat is de naam|wat zijn de namen|what is the name"
            r"|what's the name|whats the name|what are the names)\b"
        ),
    ),
    ("how_often", re.compile(r"\b(?:hoe vaak|hoe dikwijls|how often|how frequently)\b")),
    # "hoeveel tijd hebben we ...", "how much time": a period, before "hoeveel" asks a number
    ("when", re.compile(r"\b(?:hoeveel tijd|how much time)\b")),
    (
        "how_many",
        re.compile(
            r"\b(?:hoeveel|how many|how much|welk bedrag|what amount|hoe groot|how big|how large"
            r"|hoe hoog|how high)\b"
            # "What's the annual budget?", "Wat is het totale bedrag?": an amount
            r"|\b(?:wat|what)\s*(?:'s|is|was)\s+(?:het|de|the|[\w-]+'s)\s+(?:[\w'-]+\s+){0,2}"
            r"(?:budget|begroting|bedrag|amount|budgetten)\b(?!\s+(?:for|voor)\b)"
            # "What budget is set aside ...", "what's the hourly rate", "welk uurtarief": a sum
            r"|\b(?:what|which|welk|welke)\s+(?:[\w'-]+\s+){0,2}(?:budget|amount|sum|rate"
            r"|fee|salary|price|bedrag|tarief|uurtarief|salaris|prijs)(?=\s*[?.!]|\s*$|\s+(?:is|are"
            r"|was|were|has|have|does|do|did|will|would|can|should|heeft|hebben|wordt|worden"
            r"|krijgt|krijgen|rekent|rekenen|geldt|staat)\b)"
            r"|\b(?:hourly rate|uurtarief|day rate|dagtarief)\b"
        ),
    ),
    (
        "when",
        re.compile(
            # "wanneer"/"when" asks when at the start of a question or after a word that asks
            # ("weet iemand wanneer", "tell me when"); inside a sentence it is "if" ("who
            # covers for the secretary when they are ill")
            r"^\W*(?:(?:and|so|but|en|maar|dus|ok|oke)\W+)?(?:wanneer|when)\b"
            r"|\b(?:know|knows|tell|wonder|idea|sure|weet|weten|vertel|vertellen|benieuwd|af)\b"
            r"[^?.!]*?\b(?:wanneer|when)\b"
            r"|\b(?:and|en|or|of) (?:wanneer|when)\b"
            r"|\b(?:per wanneer|tot wanneer|vanaf wanneer|voor wanneer|by when|until when"
            r"|from when|welke datum"
            r"|what date"
            r"|in welk jaar|welke jaren|in welke periode|over welke periode|vanaf welk jaar"
            r"|tot welk jaar|sinds wanneer|which years?|what years?|which period|what period"
            r"|since when|hoe snel|how soon|how quickly|how fast|binnen welke termijn"
            r"|uiterlijk wanneer|uiterlijk op welke|at the latest when|what deadline"
            r"|welke deadline|which deadline|deadline for|deadline voor"
            r"|binnen welke tijd|within what time|hoe lang|how long|how far ahead"
            r"|how far in advance|hoe ver vooruit|hoe lang van tevoren|hoeveel tijd van tevoren)\b"
        ),
    ),
    ("who", re.compile(r"\b(?:wie|wiens|door wie|who|whom|whose)\b")),
)


_LIST = re.compile(
    r"^\s*(?:welke|wat\s+(?:zijn|doet|doen|moet|moeten|houdt|omvat)|which|what\s+(?:are|does|do|must)"
    r"|noem|list)\b",
    re.IGNORECASE,
)


#: "the «fourth» measure", "de «eerste» maatregel": an item asked for by its place in a list.
_PLACE_IN_LIST = re.compile(
    rf"\b(?:the|de|het)\s+(?:{'|'.join(sorted(ORDINAL_WORDS))})\s+"
    # not "the first «three» months", "de eerste «6» maanden"
    rf"(?!\d|(?:{'|'.join(sorted(NUMBER_WORDS))})\b)\w",
    re.IGNORECASE,
)


def asks_list(question: str) -> bool:
    """Whether a question asks for several things ("welke maatregelen ...", "wat zijn de
    taken", "what does the region do") or for an item by its place in a list ("what's the
    fourth measure"): answered with the whole list a line is an item of, in its order."""
    return _LIST.match(question) is not None or _PLACE_IN_LIST.search(question) is not None


def asked_kind(question: str) -> str | None:
    """What kind of answer the question word asks for: "when", "how_many", "who", "how_often",
    "where" (a place), "clock" (a time of day), "name". A context around the question ("ik
    ben secretaris, wanneer ...") is left out."""
    text = fold(context_split(question)[0])
    for kind, pattern in _ASKS:
        if pattern.search(text):
            return kind
    return None


def without_kind(question: str) -> str:
    """The question (folded) without the words that ask for its kind of answer: in "voor welke
    jaren", "what date", "welk bedrag" the noun names the kind, not a subject, and a line that
    holds a year need not say "jaar"."""
    text = fold(question)
    for _, pattern in _ASKS:
        text = pattern.sub(" ", text)
    return _BASED.sub(" ", text)


#: The verb of "where does it «work» from": it asks for the base, it names no subject.
_BASED = re.compile(rf"\b{_BASE_VERBS}\b(?=(?:\s+\w+){{0,3}}\s+(?:from|vanuit)\b)")


@lru_cache(maxsize=1 << 14)
def _line_holds(line: str, kind: str) -> bool:
    """:func:`holds_kind` of a line whatever the question (the agreements' lines recur)."""
    return _KINDS[kind].search(line) is not None


#: The kinds of answer a quoted line must hold to answer the question at all. "hoeveel" / "how
#: many" asks for a number or amount: a line without one ("Wedeo is het SW-bedrijf voor ...")
#: does not answer it however many of its words it shares. A question where something is ("waar
#: vinden de vergaderingen plaats") needs a place, "hoe laat" a time of day, "hoe heet" a name (a
#: capitalised word inside a sentence: "Hoe heet de projectleider" is not answered by a line
#: that only says there is one), "wanneer" / "when" a date or period (a year, a month, a
#: quarter, weeks, an end: "Wanneer heeft de regio de agenda vastgesteld?" is not answered by a
#: line about strategic arrangements), "hoe vaak" / "how often" a frequency ("Hoe vaak vergadert
#: het AOA?" is not answered by a line that only names it). A person for "wie" only ranks lines:
#: the answer is often worded without a name.
REQUIRED_KINDS = frozenset({"how_many", "where", "clock", "name", "when", "how_often"})


def holds_kind(line: str, kind: str | None, question: str = "") -> bool:
    """Whether ``line`` holds the kind of answer asked (a date, a number, a person or body, ...).
    A name the ``question`` itself uses is not the one asked for ("Hoe heet de projectleider
    van het «Werkbedrijf»?")."""
    if kind is None:
        return False
    if kind != "name" or not question:
        return _line_holds(line, kind)
    asked = {w.text for w in words(question)}
    return any(fold(m.group(0)) not in asked for m in _KINDS[kind].finditer(line))


# -- a quote without the clause index ---------------------------------------------------------


def _word_terms(word: str, lang: str) -> set[str]:
    concepts = glossary().word(word, lang)
    return set(concepts) if concepts else {f"{lang}:{stem(word, lang)}"}


def _terms(text: str, lang: str) -> set[str]:
    out: set[str] = set()
    for word in words(text):
        if word.text in STOPWORDS or len(word.text) < 2:
            continue
        out |= _word_terms(word.text, lang)
    return out


#: A word of the question counts this many times a word of the structured answer in choosing
#: the line an answer quotes: "How many «employee» representatives ..." quotes the employees'
#: line, not the employers' line beside it that shares more of the answer's words.
QUESTION_WORD = 2
#: What holding the kind of answer asked (a number for "hoeveel") adds to a line in that choice:
#: as much as a word of the answer ("hoeveel vakbondsleden hebben een zetel": the line with the
#: seats, not the "empty chair" line that shares "zetel" and "bestuur").
KIND_QUOTE = 1.0


@lru_cache(maxsize=256)
def _line_speller(texts: tuple[str, ...]) -> tuple[frozenset[str], Speller]:
    """The words of some lines and a :class:`Speller` over them, kept: a structured answer
    quotes from the same few clauses every time it is asked."""
    used = {w.text: 1 for text in texts for w in words(text)}
    return frozenset(used), Speller(used)


def _misspelt(question: str, candidates: Sequence[FactLine], lang: str) -> set[str]:
    """The terms of the question's words that are typos of words of ``candidates`` ("Wie is
    de «voorziter»" quotes the line of the "voorzitter")."""
    used, speller = _line_speller(tuple(line.text for line in candidates))
    out: set[str] = set()
    for word in words(question):
        if word.text in STOPWORDS or word.text in used:
            continue
        meant = speller.correct(word.text, real=True)  # a word of its own is no typo
        if meant is not None:
            out |= _word_terms(meant, lang)
    return out


def best_line(
    question: str,
    agreement: Agreement,
    clause_ids: Sequence[str],
    lang: str,
    answered: str = "",
    within: Sequence[str] | None = None,
) -> FactLine | None:
    """The line of the clauses ``clause_ids`` that shares the most words with ``question`` and
    the structured answer ``answered`` (its citations left out), preferring one that holds the
    kind of answer asked, the first among equals: what a structured answer quotes. ``within``:
    these texts are the candidates instead (which of a long line's sentences to quote)."""
    known = {c.id for c in agreement.clauses}
    candidates = (
        [FactLine(tuple(clause_ids), text) for text in within]
        if within is not None
        else [
            FactLine((cid,), text)
            for cid in dict.fromkeys(clause_ids)
            if cid in known
            for text in split_lines(agreement.clause(cid).text.get(lang))
        ]
    )
    if not candidates:
        return None
    asked: set[str] = set()
    for code in (lang, other(lang)) if lang in LANGS else LANGS:
        asked |= _terms(question, code)
    asked |= _misspelt(question, candidates, lang)
    # the agreement's own name ("het Werkbedrijf Twente") says which agreement, not which line
    for code in LANGS:
        asked -= _terms(agreement.short_title.get(code), code)
    told = _terms(re.sub(r"\([^()]*\)", " ", answered), lang)
    kind = asked_kind(question)

    def value(item: tuple[int, FactLine]) -> tuple[float, int]:
        i, line = item
        terms = _terms(line.text, lang)
        # the question's own words first ("in 2015"), then the answer's
        shared = QUESTION_WORD * len(asked & terms) + len(told & terms - asked)
        return shared + (KIND_QUOTE if holds_kind(line.text, kind) else 0.0), -i

    _, found = max(enumerate(candidates), key=value)
    return found


def unmarked(snippet: str) -> str:
    """A quoted passage without the «marks» around its matched words."""
    return snippet.replace("«", "").replace("»", "")


def aligned(clause: Clause, text: str, source: str, target: str) -> str | None:
    """The line of ``clause`` in ``target`` at the place ``text`` has in ``source`` (our
    translation keeps the Dutch line by line), or None when the two do not line up."""
    here, there = split_lines(clause.text.get(source)), split_lines(clause.text.get(target))
    if len(here) != len(there) or text not in here:
        return None
    return there[here.index(text)]


def lines_of(agreements: Iterable[Agreement], lang: str) -> dict[str, list[FactLine]]:
    return {a.id: agreement_lines(a, lang) for a in agreements}
