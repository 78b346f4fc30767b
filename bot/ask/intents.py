"""Questions the agreement's structured data answers precisely: who chairs, how many seats, ...

Detection reads the question in both languages at once: the glossary of :mod:`bot.ask.text`
gives its topics (``@chair``, ``@meeting``, ...), a small table of cues gives its form (``who``,
``how many``, ``how often``, ``when``, a negation, ...). Typos are corrected against the words
of both tables. An intent fires only when the topics and the form agree and nothing else is
asked: a question that also names another subject ("wat zijn de taken van de voorzitter"), or
more than one unexplained word, or that fits two intents, gets no intent and goes to the clause
search instead. Questions about a tie or the chair's casting vote are about decisions, however
prominently they name the chair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from bot.ask.text import (
    COMMON_WORDS,
    DOMAIN_PARTS,
    LANGS,
    MAX_QUESTION,
    SEPARABLE,
    SOFT_WORDS,
    STOPWORDS,
    Speller,
    Thesaurus,
    fold,
    glossary,
    in_dictionary,
    split_compound,
    stem,
    typo_limit,
    word_texts,
    wordlist,
    words,
    words_language,
)
from rules.agreements.model import Agreement, PartyKind


class Intent(StrEnum):
    CHAIR = "chair"
    VICE_CHAIR = "vice_chair"
    SECRETARY = "secretary"
    SEATS = "seats"
    DECISIONS = "decisions"
    RHYTHM = "rhythm"
    REPORT = "report"
    END = "end"
    PARTIES = "parties"


@dataclass(frozen=True)
class IntentMatch:
    intent: Intent
    delegation: str | None = None
    #: A question about decisions that asks about the casting vote ("Heeft de voorzitter een
    #: doorslaggevende stem?"): the answer says yes or no first.
    casting: bool = False
    #: ... or about a tie ("Wat gebeurt er als de stemmen staken?"): what a tie leads to first.
    tie: bool = False
    #: The casting-vote question is about the vice-chair's ("Heeft de vicevoorzitter ...?").
    vice: bool = False
    #: ... or how many votes there are ("Hoeveel stemmen heeft UWV?"): where the agreement has
    #: no vote, the answer says so first, and that it is silent on the matter.
    votes: bool = False
    #: A question about the parties that names them ("welke partijen", "the partners"), not
    #: only one of them taking part ("Which schools are involved?").
    listed: bool = False
    #: A question about meetings that asks when the next one is ("Wanneer is de volgende
    #: vergadering?"): no agreement dates meetings, the secretary plans them; the rhythm follows.
    dated: bool = False


#: The form of a question, as (cue, Dutch, English) in the glossary's syntax; stopwords count.
CUES: tuple[tuple[str, str, str], ...] = (
    ("who", "wie, wiens, wie zijn, door wie", "who, whom, whose, who s"),
    ("how", "hoe, op welke manier, hoe gaat, hoe werkt", "how, in what way"),
    (
        "how_many",
        "hoeveel, aantal, hoe groot, hoe veel, omvang",
        "how many, how much, number of, how big, how large, size",
    ),
    (
        "how_often",
        "hoe vaak, hoe dikwijls, hoeveel keer, hoeveel keren, hoeveel vergaderingen, "
        "elk, elke, ieder, iedere, per, regelmatig",
        "how often, how frequently, how many times, how many meetings, every, each, per, regularly",
    ),
    (
        "when",
        "wanneer, datum, deadline, uiterlijk, klaar, inleveren, indienen, opleveren, voor wanneer, "
        "termijn",
        "when, date, deadline, due, ready, submit, submitted, by when, how soon, hand in",
    ),
    (
        "until",
        "tot wanneer, hoe lang, duurt, duren, loopt af, lopen af, nog geldig, aflopen",
        "until when, till when, how long, last, lasts, run out, runs out, still valid, "
        "still in force",
    ),
    (
        "choose",
        "kiezen, kiest, gekozen, verkiezen, verkozen, benoemen, benoemd, benoemt, aanwijzen, "
        "aangewezen, wijst, aanstellen, aangesteld, wordt, worden, word, bepaalt",
        "elect, elected, elects, choose, chooses, chosen, appoint, appoints, appointed, "
        "designate, designated, designates, select, selected, becomes, become, pick, picks, "
        "picked, decides who",
    ),
    (
        "lead",
        "leidt, leiden, leider, leiding, voorzitten, zit voor, zat voor",
        "leads, lead, runs, run, in charge, presides, preside, !chairs, !chaired, heads, "
        "who is in charge=lead+who, who s in charge=lead+who, who are in charge=lead+who",
    ),
    (
        "replace",
        "vervangt, vervangen, vervanger, waarnemer, waarneemt, neemt over, neemt waar, "
        "in plaats van, overnemen, waarnemen",
        "replaces, replace, replaced, substitutes, substitute, stands in, stand in, "
        "takes over, take over, deputises, deputizes, fills in, instead of",
    ),
    (
        "negation",
        "niet, geen, nooit, zonder, lukt, mislukt, faalt, uitblijft, ontbreekt, oneens, onenigheid",
        "not, no, never, without, fail, fails, failed, unable, disagree, disagrees, disagreement",
    ),
    (
        "casting",
        "doorslaggevend, doorslaggevende, beslissend, beslissende, bepalend, laatste woord, "
        "doorslag, wint, winnen, hakt de knoop door, hakken de knoop door, knoop doorhakken, "
        "knoop doorhakt",
        "casting, deciding, decisive, final say, last word, final word, tiebreaker, tie breaker, "
        "win, wins, prevail, prevails, breaks it, break it, breaks the deadlock, break the "
        "deadlock",
    ),
    (
        "composition",
        "samenstelling, samengesteld, bezetting, wie zitten, wie zit, wie zitten er, "
        "wie zit er, wie hebben zitting, bestaat uit, bestaan uit, uit hoeveel",
        "composition, composed, who sits, who sit, who is on, who are on, who s on, "
        "who are the members, who is in, who are in, consist of, consists of, made up of",
    ),
    (
        "sit",
        "zitten, zit, zetelen, zitting, vertegenwoordigd, in het bestuur",
        "sits, sit, on the board, represented, in the board",
    ),
    ("listing", "welke, welk, wat voor", "which, what kind of, what sort of, what decisions"),
    (
        "minutes",
        "notulen, notuleren, notulist, verslag van de vergadering, vergaderverslag",
        "minutes, meeting report, report of the meeting",
    ),
    (
        "support",
        "overleg, ondersteunend, ondersteunende, ambtelijk overleg, werkgroep, werkgroepen",
        "consultation, supporting, official level, working group, working groups",
    ),
    (
        "recipients",
        "aan wie, naar wie, ontvangt, ontvangen, krijgt, krijgen, sturen, versturen",
        "to whom, who gets, who receives, receives, send, sent, goes to",
    ),
    (
        "proposed",
        "voorgesteld, voorgestelde, voorstel, voorstellen",
        "proposed, proposal, proposals",
    ),
    ("still", "nog", "still, yet"),
    (
        "gather",
        "bij elkaar, bijeen, samenkomen, samen komen, samenkomst, bijeenkomen",
        "get together, come together, gather, gathers",
    ),
    (
        "must",
        "moeten, moet, verplicht, verplichting, nodig, hoeven, hoeft",
        "need, needs, needed, required, require, requires, obliged, obligation, have to, "
        "has to, must",
    ),
    (
        "make",
        "nemen, neemt, genomen, nam, maken, maakt, gemaakt, schrijven, opstellen, opgesteld, "
        "leveren, opleveren, sturen",
        "take, takes, taken, took, make, makes, made, write, written, draw up, drawn up, "
        "produce, deliver, send",
    ),
    ("exists", "is er, zijn er, hebben we, heeft het", "is there, are there, do we have"),
    (
        "join",
        "doen mee, doet mee, doen er mee, doet er mee, meedoen, nemen deel, neemt deel, "
        "nemen er deel, aangesloten, betrokken, "
        "ondertekend, ondertekenen, getekend, tekenen, sluiten, gesloten, horen bij, hoort bij",
        "take part, takes part, involved, joined, signed, sign, belong, belongs, party to, "
        "parties to, part of",
    ),
)

#: Words that do not change what is asked.
NEUTRAL = wordlist(
    """
    huidig huidige nu momenteel moment tegenwoordig vandaag eigenlijk precies even nou
    current currently now present today actually exactly again ca wo gewoon simpelweg simply
    merely onderling
    minimaal maximaal minstens tenminste hoogstens minimum maximum least most
    """
)

_DECIDE = frozenset({"@decision", "@vote", "@consensus", "@tie", "@majority", "@mandate"})
_DELEGATIONS = frozenset({"@municipality", "@employer", "@employee", "@education", "@uwv"})
_PERIODS = frozenset({"@quarter", "@month", "@year", "@frequency"})
#: Topics that may stand beside an intent's own; any other concept is another subject.
_ALLOWED = (
    _DECIDE
    | _DELEGATIONS
    | _PERIODS
    | frozenset(
        {
            "@chair",
            "@vicechair",
            "@secretary",
            "@deputy",
            "@absent",
            "@board",
            "@agreement",
            "@cooperation",
            "@meeting",
            "@report",
            "@seat",
            "@member",
            "@delegation",
            "@portfolio",
            "@end",
            "@validity",
            "@parties",
            "@partner",
            "@werkcentrum",
            "@region",
            "@casting",
            "@boardmember",
            "@outcome",
        }
    )
)
_KIND_CONCEPTS = {
    PartyKind.MUNICIPALITY: "@municipality",
    PartyKind.EMPLOYERS: "@employer",
    PartyKind.EMPLOYEES: "@employee",
    PartyKind.EDUCATION: "@education",
    PartyKind.SBB: "@education",
    PartyKind.UWV: "@uwv",
}


@cache
def cues() -> Thesaurus:
    return Thesaurus(CUES, drop_stopwords=False)


@cache
def speller() -> Speller:
    """The speller of question words: the glossary's, the cues', stopwords and compound parts."""
    vocabulary = set(glossary().vocabulary()) | set(cues().vocabulary())
    vocabulary |= STOPWORDS | NEUTRAL | DOMAIN_PARTS
    return Speller(dict.fromkeys(vocabulary, 1))


@cache
def _lexicon() -> frozenset[str]:
    return frozenset(glossary().surface["nl"]) | DOMAIN_PARTS


@dataclass(frozen=True)
class Features:
    """What a question asks about (``concepts``), how (``cues``), and what is left over."""

    concepts: frozenset[str]
    cues: frozenset[str]
    extra: int
    words: tuple[str, ...]


def _normalise(question: str) -> str:
    text = fold(question).replace("’", "'")
    text = re.sub(r"\bcan'?t\b", "can not", text)
    text = re.sub(r"\bwon'?t\b", "will not", text)
    return re.sub(r"n't\b", " not", text)


def _known(word: str, names: frozenset[str]) -> bool:
    if word.isdigit() or word in names or word in NEUTRAL or word in STOPWORDS:
        return True
    if word in COMMON_WORDS:
        return True
    if word in speller().frequencies:
        return True
    return any(
        glossary().word(word, lang) is not None or cues().word(word, lang) is not None
        for lang in LANGS
    )


def _match(thesaurus: Thesaurus, found: list[str], first: str) -> tuple[set[str], set[int]]:
    """Concepts of ``thesaurus`` in ``found`` (phrases first) and the positions they cover."""
    order = (first, "en" if first == "nl" else "nl")
    stems = {lang: [stem(w, lang) for w in found] for lang in order}
    concepts: set[str] = set()
    covered: set[int] = set()
    i = 0
    while i < len(found):
        phrase = None
        for lang in order:
            phrase = thesaurus.phrase_at(stems[lang], i, lang)
            if phrase:
                break
        if phrase is not None:
            n, found_concepts = phrase
            concepts.update(found_concepts)
            covered.update(range(i, i + n))
            i += n
            continue
        for lang in order:
            word_concepts = thesaurus.word(found[i], lang)
            if word_concepts is None:
                continue
            if (
                lang != first
                and found[i] not in thesaurus.surface[lang]
                and in_dictionary(found[i], first)
            ):
                break  # "take" is English, not the Dutch stem of "taken" (asked only then)
            concepts.update(word_concepts)
            covered.add(i)
            break
        i += 1
    return concepts, covered


def _full_phrases(found: list[str], first: str, cued: set[int]) -> tuple[set[str], set[int]]:
    """The glossary's phrases with small words in them ("have to be present", "aanwezig moeten
    zijn") in ``found``: their concepts and the positions they cover. A phrase whose words of
    content a cue already reads (``cued``: "wie heeft de «leiding»" asks who leads) is none."""
    order = (first, "en" if first == "nl" else "nl")
    concepts: set[str] = set()
    covered: set[int] = set()
    for lang in order:
        table = glossary().full_phrases[lang]
        stems = [stem(w, lang) for w in found]
        for i in range(len(found)):
            for n in range(min(glossary().longest, len(found) - i), 1, -1):
                span = set(range(i, i + n))
                hit = table.get(tuple(stems[i : i + n]))
                if hit is None or covered & span:
                    continue
                content = {k for k in span if found[k] not in STOPWORDS}
                if content and content <= cued:
                    continue
                concepts.update(hit)
                covered |= span
                break
    return concepts, covered


def features(
    question: str, names: frozenset[str] = frozenset(), known: frozenset[str] = frozenset()
) -> Features:
    """The topics and the form of a question.

    ``names`` are words that only name things (the region, the parties); ``known`` are further
    words that are spelled right (the agreement's own), so they are never "corrected".
    """
    found: list[str] = []
    for word in (w.text for w in words(_normalise(question[:MAX_QUESTION]))):
        if not _known(word, names) and word not in known and typo_limit(word):
            parts = split_compound(word, _lexicon()) if len(word) >= 8 else None
            if parts:
                found += parts
                continue
            # a four-letter word may be a word of its own ("data"); asking the dictionary
            # (simplemma's word lists, 0.5 s to load) only then keeps a cold start quick
            real = len(word) == 4 and any(in_dictionary(word, lang) for lang in LANGS)
            word = speller().correct(word, real=real) or word
        found.append(word)
    for i, word in enumerate(found):
        particles = SEPARABLE.get(word, {})
        later = next((w for w in found[i + 1 :] if w in particles), None)
        if later is not None and particles[later] not in found:
            found.append(particles[later])
    lang = words_language(found, "nl")
    cue_concepts, cue_covered = _match(cues(), found, lang)
    # the glossary's phrases with small words first ("have to be present": a quorum), then
    # its words and phrases over the words that carry content
    phrased, in_phrase = _full_phrases(found, lang, cue_covered)
    content = [
        i for i, w in enumerate(found) if w not in STOPWORDS and len(w) > 1 and i not in in_phrase
    ]
    topic_concepts, topic_covered = _match(glossary(), [found[i] for i in content], lang)
    topic_concepts |= phrased
    covered = cue_covered | {content[j] for j in topic_covered} | in_phrase
    extra = sum(
        1
        for i in content
        if i not in covered
        and found[i] not in NEUTRAL
        and found[i] not in SOFT_WORDS
        and found[i] not in names
        and not found[i].isdigit()
    )
    return Features(frozenset(topic_concepts), frozenset(cue_concepts), extra, tuple(found))


_VOCABULARIES: dict[str, tuple[Agreement, frozenset[str], frozenset[str]]] = {}


def _vocabulary(agreement: Agreement) -> tuple[frozenset[str], frozenset[str]]:
    """The agreement's name words and all its words (cached per agreement)."""
    cached = _VOCABULARIES.get(agreement.id)
    if cached is not None and cached[0] is agreement:
        return cached[1], cached[2]
    texts = [t for c in agreement.clauses for t in (c.title, c.text)]
    every = frozenset(w for text in texts for lang in LANGS for w in word_texts(text.get(lang)))
    names = _names(agreement)
    if len(_VOCABULARIES) > 256:
        _VOCABULARIES.clear()
    _VOCABULARIES[agreement.id] = (agreement, names, every)
    return names, every


def _names(agreement: Agreement) -> frozenset[str]:
    texts = [agreement.title, agreement.short_title, agreement.board_name]
    texts += [p.name for p in agreement.parties]
    out = {fold(agreement.region)}
    for text in texts:
        for lang in LANGS:
            out.update(w.text for w in words(text.get(lang)))
    return frozenset(w for w in out if glossary().word(w, "nl") is None and w not in STOPWORDS)


def delegation_named(f: Features, agreement: Agreement) -> str | None:
    """The one delegation of ``agreement`` the question names (by name or kind), if any."""
    named = f.concepts & _DELEGATIONS
    if not named:
        return None
    matches = []
    for delegation in agreement.delegations:
        concepts: set[str] = set()
        for lang in LANGS:
            for word in words(delegation.name.get(lang)):
                concepts.update(glossary().word(word.text, lang) or ())
        for spec in agreement.seats:
            if spec.delegation == delegation.id and spec.party is not None:
                kind = agreement.party(spec.party).kind
                if kind in _KIND_CONCEPTS:
                    concepts.add(_KIND_CONCEPTS[kind])
        if concepts & named:
            matches.append(delegation.id)
    return matches[0] if len(matches) == 1 else None


def _decisions(topics: frozenset[str], cue: frozenset[str], extra: int) -> bool:
    """How the board decides: ties, casting votes, majorities, what if there is no consensus."""
    if topics & {"@secretary", "@advisor"} or "@proposed" in cue:
        return False  # who may vote (not the secretary), or the proposal put to the board
    strong = topics & {"@tie", "@majority", "@casting"} or "@casting" in cue
    asks = cue & {"@how", "@negation"} or (
        "@who" in cue and topics & {"@decision", "@vote", "@mandate"}
    )
    counts = "@how_many" in cue and "@vote" in topics
    if "@listing" in cue and not (strong or asks):
        return False  # "welke besluiten ...": about particular decisions
    bare = (
        not cue - {"@exists"}
        and extra == 0
        and not topics - _DECIDE - {"@board", "@agreement"}
        and topics & (_DECIDE - {"@mandate"})
    )
    return bool(strong or asks or counts or bare)


def _rhythm(topics: frozenset[str], cue: frozenset[str], meets: bool) -> bool:
    """How often the board meets."""
    if not meets or cue & {"@who", "@lead", "@support", "@minutes"}:
        return False
    if topics & {"@report", "@end"}:
        return False
    return bool(cue & {"@how_often", "@how_many", "@when"} or topics & _PERIODS)


def _end(topics: frozenset[str], cue: frozenset[str]) -> bool:
    """When the agreement ends (not a meeting, a term of office, a report)."""
    subjects = {"@meeting", "@chair", "@vicechair", "@secretary", "@report", "@seat", "@member"}
    if topics & subjects:
        return False
    until = "@until" in cue and (topics & {"@agreement", "@validity", "@cooperation"} or not topics)
    still_valid = "@validity" in topics and cue & {"@still", "@until", "@when"}
    return bool("@end" in topics or until or still_valid)


def _seats(topics: frozenset[str], cue: frozenset[str], meets: bool) -> bool:
    """How many seats (of a delegation), who sits on the board."""
    if meets or cue & {"@how_often", "@lead"}:  # "wie zit het bestuur voor": the chair
        return False
    if "@region" in topics and "@board" not in topics:
        return False  # "hoeveel gemeenten zitten er in de regio": the region, not the board
    if topics & {"@chair", "@vicechair", "@secretary", "@report", "@end"}:
        return False
    counted = topics & {"@seat", "@member", "@boardmember", "@delegation"} or (
        topics & _DELEGATIONS and ("@board" in topics or "@sit" in cue)
    )
    how_many = "@how_many" in cue and (counted or topics == {"@board"})
    who_sits = "@who" in cue and "@sit" in cue and "@board" in topics
    return bool(how_many or "@composition" in cue or who_sits)


#: The words for the parties themselves ("partijen", "partners", "organisaties").
_PARTIES = frozenset({"@parties", "@partner"})


def _parties(f: Features) -> bool:
    """Who the parties are ("welke partijen doen mee", "which municipalities take part")."""
    topics, cue = f.concepts, f.cues
    if topics - _PLACE - _DELEGATIONS - _PARTIES or "@how" in cue:
        return False  # a seat, an office, a decision; or how one joins
    if "@sit" in cue and "@board" in topics:
        return False  # who sits on the board: its seats
    # "welke partijen", "wie", "hoeveel"; or a yes/no question ("is UWV a party to ...")
    asks = bool(cue & {"@listing", "@who", "@how_many"}) or (
        not cue - {"@join", "@exists"} and f.extra == 0
    )
    # "welke partijen", "wie zijn de partners", "is UWV one of the partners"
    named = bool(topics & _PARTIES) or ("@join" in cue and bool(topics & _DELEGATIONS))
    return asks and named


def _offices(f: Features, meets: bool) -> list[Intent]:
    """The chair, the vice-chair (or who stands in for the chair), the secretary."""
    topics, cue = f.concepts, f.cues
    if "@support" in cue:  # the chair of a working group or consultation is someone else
        return []
    people = {"@secretary", "@report", "@seat", "@member", "@end"}
    # "wie", "hoe gekozen", "is er", "uit welke gemeente komt de voorzitter"
    asks = bool(cue & {"@who", "@choose", "@how", "@exists", "@composition", "@listing"})
    bare = not cue - {"@must", "@make"} and f.extra == 0
    out = []
    replaces = "@chair" in topics and bool("@replace" in cue or topics & {"@deputy", "@absent"})
    # "wie zit de vergadering voor", "wie zit het bestuur voor"
    # "wie heeft de leiding", "who runs it": the body the agreement sets up is meant
    leads = "@lead" in cue and (meets or "@board" in topics or not topics - _PLACE) and asks
    if "@vicechair" in topics or replaces:
        if not topics & people and not meets and (asks or bare or replaces):
            out.append(Intent.VICE_CHAIR)
    elif ("@chair" in topics or leads) and not topics & people and (asks or bare or leads):
        out.append(Intent.CHAIR)
    secretary_only = not topics & {"@deputy", "@chair", "@vicechair", "@report", "@seat"}
    if "@secretary" in topics and secretary_only and not meets and (asks or bare):
        out.append(Intent.SECRETARY)
    return out


def _candidates(f: Features) -> list[Intent]:
    topics, cue = f.concepts, f.cues
    if topics & _DECIDE or "@casting" in topics or "@casting" in cue:
        # a question about deciding is never about anything else
        return [Intent.DECISIONS] if _decisions(topics, cue, f.extra) else []
    meets = "@meeting" in topics or "@gather" in cue
    out = []
    if _rhythm(topics, cue, meets):
        out.append(Intent.RHYTHM)
    if "@report" in topics and not meets and not cue & {"@minutes", "@support"}:
        out.append(Intent.REPORT)
    if _end(topics, cue):
        out.append(Intent.END)
    out += _offices(f, meets)
    if _seats(topics, cue, meets):
        out.append(Intent.SEATS)
    if _parties(f) and not out:
        out.append(Intent.PARTIES)
    return out


_PLACE = frozenset({"@agreement", "@cooperation", "@werkcentrum", "@region", "@board"})
#: The topics each intent's answer accounts for: a question naming any other topic asks
#: something the intent does not answer ("hoe besluiten gemeenten mee te doen" is not about
#: how the board decides), and goes to the clause search.
_OWN: dict[Intent, frozenset[str]] = {
    Intent.CHAIR: _PLACE | {"@chair", "@meeting", "@portfolio", "@municipality"},
    Intent.VICE_CHAIR: _PLACE | {"@vicechair", "@chair", "@deputy", "@absent", "@meeting"},
    Intent.SECRETARY: _PLACE | {"@secretary", "@deputy", "@absent"},
    Intent.SEATS: _PLACE
    | _DELEGATIONS
    | {"@seat", "@member", "@boardmember", "@delegation", "@portfolio"},
    Intent.DECISIONS: _PLACE
    | _DECIDE
    | {"@casting", "@chair", "@vicechair", "@meeting", "@member", "@delegation", "@seat"}
    | {"@absent", "@deputy", "@boardmember", "@outcome"},
    Intent.RHYTHM: _PLACE | _PERIODS | {"@meeting", "@boardmember"},
    Intent.REPORT: _PLACE | _PERIODS | {"@report"},
    Intent.END: _PLACE | {"@end", "@validity", "@year"},
    Intent.PARTIES: _PLACE | _DELEGATIONS | _PARTIES,
}


def detect(question: str, agreement: Agreement) -> IntentMatch | None:
    """The intent of ``question`` about ``agreement``, or None when it is not clearly one.

    An intent answers only when it accounts for the whole question: every topic the question
    names is one its answer covers (:data:`_OWN`), and no word is left unexplained. A name the
    agreement gives (a municipality, a person) explains itself in a question of who takes part
    ("Doet Montferland mee?"): the parties named answer it.
    """
    names, known = _vocabulary(agreement)
    f = features(question, names, known)
    found = _detect(f, agreement)
    # who takes part, asked of a name the agreement writes: read again with its names
    if found is None and f.extra and (f.concepts & _PARTIES or "@join" in f.cues):
        proper = _proper_names(agreement) - names
        if {w.text for w in words(_normalise(question))} & proper:
            found = _detect(features(question, names | proper, known), agreement)
            found = found if found is not None and found.intent is Intent.PARTIES else None
    return found


def _proper_names(agreement: Agreement) -> frozenset[str]:
    """The words the agreement's Dutch text writes with a capital inside a sentence (places,
    people, organisations), folded, that the glossary does not know."""
    cached = _PROPER.get(agreement.id)
    if cached is not None and cached[0] is agreement:
        return cached[1]
    out = {
        fold(m.group(0))
        for c in agreement.clauses
        for m in re.finditer(r"(?<=[a-z,;:] )[A-Z][a-zA-Z]+", c.text.nl)
    }
    found = frozenset(w for w in out if glossary().word(w, "nl") is None and w not in STOPWORDS)
    if len(_PROPER) > 256:
        _PROPER.clear()
    _PROPER[agreement.id] = (agreement, found)
    return found


_PROPER: dict[str, tuple[Agreement, frozenset[str]]] = {}


def _detect(f: Features, agreement: Agreement) -> IntentMatch | None:
    if not f.concepts and not f.cues:
        return None
    if f.concepts - _ALLOWED or f.extra > 0:
        return None
    found = _candidates(f)
    if len(found) != 1:
        return None
    intent = found[0]
    own = _OWN[intent] | (_DELEGATIONS if "@vote" in f.concepts else frozenset())
    if intent is Intent.DECISIONS and "@consensus" in f.concepts:
        # "if the parties (the municipalities) cannot agree, who decides?"
        own |= {"@parties", "@partner", "@municipality"}
    if f.concepts - own:
        return None
    if intent is Intent.SEATS:
        return IntentMatch(intent, delegation_named(f, agreement))
    if intent is Intent.PARTIES:
        return IntentMatch(intent, listed=bool(f.concepts & _PARTIES))
    if intent is Intent.DECISIONS:
        # a casting vote, not the last word in general (a mandate is one without a vote)
        # (the chair's vote «deciding it», "geeft de stem van de voorzitter de «doorslag»": a
        # word that cues deciding, said of the chair's vote)
        deciding = "@casting" in f.concepts or ("@casting" in f.cues and "@chair" in f.concepts)
        casting = deciding and "@vote" in f.concepts
        tie = "@tie" in f.concepts and not casting
        # how many votes, not how decisions are taken ("..., by vote?", "do they vote?": no,
        # by consensus, which answers them)
        votes = "@vote" in f.concepts and "@how_many" in f.cues and not casting and not tie
        return IntentMatch(
            intent, casting=casting, tie=tie, vice="@vicechair" in f.concepts, votes=votes
        )
    return IntentMatch(intent)
