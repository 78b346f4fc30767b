"""One question, one short answer: from the agreement's structured data when that answers it
precisely, else the best clauses quoted, else an honest "nothing matches well".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from bot.ask.intents import Intent, IntentMatch, detect, features
from bot.ask.lines import (
    COUNT,
    MONTHS,
    REQUIRED_KINDS,
    FactLine,
    aligned,
    asked_kind,
    asks_list,
    best_line,
    holds_kind,
    sentences,
    split_lines,
    unmarked,
)
from bot.ask.text import (
    NUMBER_WORDS,
    ORDINAL_WORDS,
    SOFT_WORDS,
    STOPWORDS,
    TOPICS,
    alternative_split,
    asks,
    context_split,
    fold,
    other,
    stem,
    word_texts,
    wordlist,
    words,
    written_out,
)
from bot.texts.agreement import (
    clause_label,
    long_date,
    period_label,
    role_label,
    seat_count,
    step_line,
)
from bot.texts.html import capitalized
from rules.agreements.loader import folded
from rules.agreements.model import (
    Agreement,
    Clause,
    NoDecisionStep,
    NoObjectionStep,
    Procedure,
    SeatCount,
    SeatRole,
    SeatSpec,
    Text,
    UnanimityStep,
    VetoStep,
    VotingStep,
    can_tie,
)
from rules.deadlines import report_due, reports_for
from rules.explain import Translator, citation, quorum_rule_sentence, tie_rule_text

if TYPE_CHECKING:  # the index (numpy, bm25s) is imported only by who builds one
    from bot.ask.index import ClauseIndex, LineHit

SNIPPET_MAX = 300  # as bot.ask.index.SNIPPET_MAX, without importing numpy
#: A line a structured answer rests on is quoted whole up to this length (Twente's yearly
#: report: who it goes to, then "binnen 6 weken ..."); a longer one by its sentence that bears
#: the answer out best.
QUOTE_MAX = 420

Lines = list[str]
Cites = list[tuple[str, str]]


@dataclass(frozen=True)
class Answer:
    kind: str  # "structured" | "clauses" | "nearest" | "nothing"
    lines: tuple[str, ...]
    clauses: tuple[tuple[str, str], ...]
    #: Every part answered says the agreement is silent on it ("names no end date", "sets no
    #: meeting rhythm"): an answer, and also "the agreement does not say".
    silent: bool = False

    @property
    def refused(self) -> bool:
        """The answer is "the agreement does not say": nothing matches, only the closest line,
        or every part silent (what the held-back check counts as a refusal)."""
        return self.kind == "nothing" or self.silent


#: Refuse when the best fact line covers less of the question than this (fitted on
#: bench/dev_questions.yaml with bench/ask_dev.py at 0.35; refitted over all the question sets
#: at 0.32 when a set written afterwards showed 0.35 refusing too many answerable questions
#: phrased in words the glossary did not foresee) ...
THRESHOLD = 0.32
#: ... or when this share of the question (by weight) is words the agreement never uses: the
#: question's subject is not in it.
SUBJECT_MISSING = 0.6
#: A line ranking this share of the best line is quoted beside it (fitted on the read question
#: sets with bench/ask_dev.py: 0.9 quoted a second line too rarely; 0.8 gained a little more on
#: the read sets but quoted unrelated lines beside many answers, a review found). A line ranking
#: as near also answers in the best line's place when the best lacks what the question asks
#: for (a date, an amount, a number of what is counted).
SECOND = 0.85
#: ... and for a question that asks how often, a line ranking this near the best that holds a
#: frequency answers before the best ("How often is the market approach plan drawn up?": the
#: line with "every year", not the one sharing "drawn up"). Over the read sets, each left out:
#: two more English answers than 0.85. Not for "when" or "how much money": a line with some
#: other date or amount then answered where the agreement is silent ("On what date was it
#: signed?").
KIND_SECOND = 0.65
#: How many lines a "when", "how often" or "how much money" question ranks, for one that holds
#: the answer to be among them (6 for other questions).
WIDE = 15
#: A question the agreement does not answer is told so with the line that comes closest, when
#: that line covers this much of it ("the agreement does not say exactly; this comes closest:
#: ..."); below it, the line would only share a word or two and the answer is "nothing".
NEAREST = 0.2

# two questions in one: "wie is voorzitter en hoe vaak ...", "Who chairs? When does it end?"
_QUESTION_WORDS = (
    r"wie|wat|hoe|wanneer|waar|waarom|welke|welk|hoeveel|mag|mogen|kan|kunnen|moet|moeten|is|zijn"
    r"|heeft|hebben|wordt|worden|who|what|how|when|where|why|which|is|are|does|do|can|may|must"
    r"|has|have"
)
_SPLIT = re.compile(
    rf"\?\s+(?=\S)|\s*[;,]?\s+(?:en|and)\s+(?=(?:{_QUESTION_WORDS})\b)", re.IGNORECASE
)


#: What a question asks about when it asks what or who something is ("Wat is het «adres» van
#: ...", "Welke «kleur» heeft ...", "Who is the «auditor»", "Which «insurance» ...") or
#: whether there is one ("Is there a «quorum»", "Is er een «klachtenregeling»") or what is done
#: with it ("Worden de «notulen» ..."): the word after the question word, its verb and an
#: article, at the start of the question. (Not "Zijn de ..." / "Are the ...": what follows is
#: as often a describing word, "Zijn de «kleine» gemeenten vertegenwoordigd?".)
_SUBJECT = re.compile(
    r"^\s*(?:(?:wat|wie)\s+(?:is|zijn|was|waren)\s+(?:de|het|een)|welke|welk"
    r"|wat\s+voor(?:\s+een)?"
    r"|(?:what|who)\s+(?:is|are|was|were)\s+(?:the|a|an)|which"
    # "What «salary» does ...": what, a noun, its verb
    r"|what(?=\s+[^\W\d_]+\s+(?:does|do|did|will|would|can|could|should|is|are|was|were)\b)"
    r"|(?:is|are)\s+there(?:\s+(?:going|supposed|meant|expected|planned)\s+to\s+be)?"
    r"(?:\s+(?:a|an|any))?|will\s+there\s+be"
    r"(?:\s+(?:a|an|any))?|is\s+er\s+een|bestaat\s+er\s+een|komt\s+er(?:\s+een)?"
    r"|(?:worden|wordt)\s+(?:de|het))\s+"
    r"(?:(?:main|principal|key|belangrijkste|voornaamste)\s+)?([^\W\d_]+)",
    re.IGNORECASE,
)


_HOW_MANY = r"\b(?:hoeveel|how\s+many|how\s+much)"
#: The verbs and articles that may stand between "how many" and what it counts.
_VERB_OR_ARTICLE = (
    "is|are|was|were|does|do|did|zijn|heeft|hebben|krijgt|krijgen|kost|kosten|the|de|het|a|an|een"
)
#: What a "how many" question counts ("Hoeveel «medewerkers» heeft ...", "How many «staff»
#: ...", "How much are «board members» paid"): the words after the question word and a verb.
_COUNTED = re.compile(
    rf"{_HOW_MANY}\s+(?:(?:{_VERB_OR_ARTICLE})\s+)*([^\W\d_]+(?:\s+[^\W\d_]+)?)", re.IGNORECASE
)
#: "hoeveel «subsidie»", "how many «staff»": what is counted follows the question word itself,
#: no verb or article between (:data:`_COUNTED`).
_DIRECT = re.compile(rf"{_HOW_MANY}\s+(?!(?:{_VERB_OR_ARTICLE})\b)[^\W\d_]", re.IGNORECASE)


#: "How much does a ... «cost»", "hoeveel «verdient» een bestuurslid": the amount is of what
#: the verb says, whatever the words between.
_PRICED = re.compile(
    r"\b(?:how\s+much|hoeveel)\b.*\b(cost|costs|kost|kosten|earn|earns|verdient|verdienen"
    r"|pay|pays|betaalt|betalen)\b",
    re.IGNORECASE,
)


#: A "how much" question about money ("Om hoeveel «geld» gaat het", "How much does it «cost»")
#: is answered by a line that holds an amount, not by one that only holds a year or a count.
_MONEY = re.compile(
    r"\b(?:geld|money|bedrag|bedragen|amount|amounts|budget|budgets|begroting|kost|kosten"
    r"|cost|costs|euro|euros|prijs|price|salaris|salary|vergoeding|vergoedingen|fee|fees"
    r"|rate|tarief|uurtarief"
    r"|pay|pays|paid|betaalt|betalen|betaald|verdient|verdienen|earn|earns|funding|funds"
    r"|subsidy|subsidies|\w*subsidies?)\b",
    re.IGNORECASE,
)
_AMOUNT = re.compile(r"€|\beuros?\b|\bmiljoen\b|\bmillion\b|\bduizend\b|\bthousand\b", re.I)


#: What "hoeveel" / "how much" asks when it asks how long: a number of days, weeks or months
#: answers it, whatever the line counts ("binnen hoeveel tijd": "binnen 6 weken").
_DURATION = frozenset(
    {"tijd", "dagen", "weken", "maanden", "jaar", "jaren"}
    | {"time", "days", "weeks", "months", "years"}
)


#: "hoeveel «weken»", "how many «years»": a unit of time counted. The answer is a number of that
#: unit ("binnen hoeveel weken": "binnen 6 weken"); "Voor hoeveel jaar wordt de voorzitter
#: benoemd?" is not answered by "1 keer per kwartaal", nor "hoeveel dagen van tevoren" by
#: "iedere twee maanden".
_UNIT_ASKED = re.compile(
    rf"{_HOW_MANY}\s+(dagen|dag|weken|week|maanden|maand|jaren|jaar|days|day|weeks|week|months"
    r"|month|years|year)\b",
    re.IGNORECASE,
)
_UNITS = (
    ("dag", "dagen", "day", "days"),
    ("week", "weken", "weeks"),
    ("maand", "maanden", "month", "months"),
    ("jaar", "jaren", "year", "years"),
)
#: Each unit's word forms -> what a line must hold: a number of that unit.
_UNIT_COUNTS = {
    form: re.compile(
        rf"(?:\d+|\b(?:{'|'.join(sorted(NUMBER_WORDS))}))\s+(?:{'|'.join(unit)})\b",
        re.IGNORECASE,
    )
    for unit in _UNITS
    for form in unit
}


def unit_counted(question: str) -> re.Pattern[str] | None:
    """For a question that counts a unit of time ("binnen hoeveel weken"), what a line must
    hold to answer it: a number of that unit ("6 weken", "six weeks"), or None."""
    match = _UNIT_ASKED.search(context_split(question)[0])
    return _UNIT_COUNTS[fold(match.group(1))] if match is not None else None


#: A question about what has come of the cooperation since ("Hoeveel mensen hebben via het
#: Werkbedrijf een baan «gevonden»?", "How many of the 270 jobs «were filled»?", "What «did» the
#: 2022 evaluation «conclude»?"). An agreement sets out what the partners will do, never what
#: came of it: no line answers it (the closest is shown, said to be no answer).
_REALISED = re.compile(
    r"\b(?:hebben|heeft|hadden|had|zijn|is|waren|was)\b[^?.!]*\b(?:gevonden|geplaatst|behaald"
    r"|gehaald|ingevuld"
    r"|opgeleverd|vervuld|bereikt|aan (?:een |het )?(?:baan|werk) (?:geholpen|gekomen)"
    r"|aan de slag (?:geholpen|gekomen|gegaan))\b"
    r"|\buit (?:de|die|deze) evaluatie\b[^?.!]*\b(?:gekomen|gebleken|kwam)\b"
    r"|\bkwam\b[^?.!]*\buit (?:de|die|deze|dat) evaluatie\b"
    # what changed after: "is er daarna iets veranderd", "has anything changed since"
    r"|\bis\s+er\s+(?:daarna|toen|sindsdien|nadien)\b[^?.!]*\b(?:veranderd|aangepast"
    r"|gewijzigd)\b|\b(?:has|have)\s+(?:anything|something)\s+(?:\w+\s+)?changed\b"
    r"|\bdid\s+(?:anything|something)\s+change\b"
    # what it became in the end: "welke methode is het uiteindelijk geworden", "who was picked
    # in the end" (not "who decides in the end")
    r"|\buiteindelijk (?:geworden|gekozen|gekomen)\b|\b(?:is|was|zijn|waren)\b[^?.!]*"
    r"\buiteindelijk\b[^?.!]*\b(?:geworden|gekozen)\b"
    r"|\b(?:was|were|did)\b[^?.!]*\bin the end\b|\bended up\b|\bdid\b[^?.!]*\bend up\b"
    # how a vote went: "did Almelo's council vote on it", "was it unanimous", "hebben ze al
    # gestemd"
    r"|\bdid\b[^?.!]*\bvote\b|\b(?:was|were)\b[^?.!]*\bunanimous\b"
    r"|\b(?:hebben|heeft|hadden|had)\b[^?.!]*\bgestemd\b|\b(?:was|waren)\b[^?.!]*\bunaniem\b"
    # who was chosen, what they picked: "who was picked as vice-chair at the first meeting",
    # "which method have they picked", "welke methode hebben ze gekozen"
    r"|\bwho\s+(?:was|were|has been|have been|got)\s+(?:picked|chosen|elected|appointed|named"
    r"|designated)\b|\bwho\s+(?:became|has become)\b"
    r"|\bwie\s+(?:is|zijn|was|waren|werd|werden)\s+(?:er\s+)?(?:\w+\s+){0,3}(?:gekozen|benoemd"
    r"|aangewezen|geworden)\b"
    r"|\b(?:have|has)\s+(?:they|we|the\s+\w+)\s+(?:picked|chosen|selected)\b"
    r"|\b(?:hebben|heeft)\s+(?:ze|we|zij|het\s+\w+|de\s+\w+)\s+(?:uiteindelijk\s+)?gekozen\b"
    # what they have already said or promised: "which towns have already said they will ..."
    r"|\b(?:have|has)\s+already\s+(?:said|promised|announced|pledged|committed|signed up)\b"
    r"|\b(?:hebben|heeft)\s+al\s+(?:gezegd|beloofd|toegezegd|aangekondigd)\b"
    r"|\b(?:got|gotten|landed)\s+(?:a\s+|any\s+|new\s+|their\s+|paid\s+)?(?:job|jobs|work)\b"
    r"|\b(?:uitkomst|uitkomsten|resultaat|resultaten|conclusie|conclusies) van de evaluatie\b"
    r"|\b(?:have|has|had|were|was)\b[^?.!]*\b(?:found|filled|placed|achieved)\b"
    r"|\bdid\b[^?.!]*\b(?:conclude|achieve|show|result in)\b"
    r"|\b(?:outcome|outcomes|result|results|conclusion|conclusions|findings) of the"
    r" (?:\w+ )?(?:evaluation|review)\b|\bcame out of\b",
    re.IGNORECASE,
)


#: What was to come of it, not what did: "over what years was that «supposed to» be achieved",
#: "hoeveel banen «moeten» er zijn gerealiseerd".
_INTENDED = re.compile(
    r"\b(?:to|moet|moeten|moest|moesten|zal|zullen|zou|zouden|wordt|worden|gaat|gaan)\b",
    re.IGNORECASE,
)


def asks_realised(question: str) -> bool:
    """Whether ``question`` asks what has come of the cooperation (:data:`_REALISED`, not
    :data:`_INTENDED`)."""
    found = _REALISED.search(context_split(question)[0])
    return found is not None and _INTENDED.search(found.group(0)) is None


#: What one party thinks of it: "Wat vindt de vakbond (zelf) van ...", "Hoe kijkt de FNV aan
#: tegen ...", "What do the employers think of ...", "How does the union feel about ...".
_OPINION = re.compile(
    r"\b(?:wat\s+(?:vindt|vinden)|hoe\s+(?:kijkt|kijken|denkt|denken|staat|staan))\s+"
    r"(?:de\s+|het\s+)?(?P<nl>[\w-]+)"
    r"|\b(?:what\s+(?:does|do)|how\s+(?:does|do))\s+(?:the\s+)?(?P<en>[\w-]+)(?:\s+\w+)?"
    r"\s+(?:think|feel|say)\b"
    r"|\b(?:the\s+)?(?P<own>[\w-]+)'s?\s+(?:view|opinion|position|stance)\b",
    re.IGNORECASE,
)
#: The one party whose view an agreement, which the parties wrote together, does not give: the
#: glossary's concepts for it ("de vakbond", "the employers", "het UWV", "de scholen", ...).
_ONE_PARTY = frozenset({"@employee", "@employer", "@uwv", "@education", "@council", "@residents"})


def asks_opinion(question: str) -> bool:
    """Whether ``question`` asks what one party thinks of it (:data:`_OPINION`): an agreement
    says what the parties agreed together. "Wat vinden ze het belangrijkste?" asks the parties
    together and is still answered."""
    found = _OPINION.search(context_split(question)[0])
    if found is None:
        return False
    subject = next(g for g in found.groups() if g)
    return not features(subject).concepts.isdisjoint(_ONE_PARTY)


def counted(question: str) -> str | None:
    """What a "hoeveel" / "how many" question counts, or None (also when it asks how long)."""
    question = context_split(question)[0]
    priced = _PRICED.search(question)
    if priced is not None:
        return priced.group(1)
    match = _COUNTED.search(question)
    # "hoeveel «tijd»" asks how long; "how much «in» total" counts nothing named
    if match is None or fold(match.group(1).split()[0]) in _DURATION | STOPWORDS:
        return None
    return match.group(1)


#: Words that may stand between a question word and what it asks about ("What is «actually»
#: the quorum", "Wat is «eigenlijk» de opzegtermijn").
_QUALIFIERS = re.compile(
    r"\b(?:actually|really|exactly|precisely|eigenlijk|precies|echt|nou|dan)\b\s*", re.IGNORECASE
)


#: How an indirect question opens ("Do you know what salary ...", "Weet iemand welke ..."): the
#: question it asks follows.
_INDIRECT = re.compile(
    r"^\s*(?:do you know|does anyone know|does anybody know|i'?d like to know|i would like to"
    r" know|i wonder|can you tell me|could you tell me|tell me|weet iemand|weet je|weet u"
    r"|weten jullie|ik vraag me af|kun je me vertellen|kunt u me vertellen)\s+",
    re.IGNORECASE,
)


_WHAT_THE = re.compile(r"^\s*what\s+([^\W\d_]+)\s+(?:the|a|an)\b", re.IGNORECASE)


def asked_subject(question: str) -> str | None:
    """The word a "what is the X" / "welke X" / "is there a X" / "worden de X ..." question
    asks about, or None; also asked indirectly ("Do you know what «salary» the ... gets")."""
    question = _QUALIFIERS.sub("", context_split(question)[0])
    indirect = _INDIRECT.match(question)
    if indirect is not None:
        question = question[indirect.end() :]
        # "(Do you know) what «salary» the project leader gets": asked indirectly, the noun
        # stands before the subject of the sentence ("What drives the ..." asks about no
        # "drives")
        named = _WHAT_THE.match(question)
        if named is not None:
            word = fold(named.group(1))
            return None if word in STOPWORDS | SOFT_WORDS else named.group(1)
    match = _SUBJECT.match(re.sub(r"\b(what|who)\s*['’]?s\b", r"\1 is", question, flags=re.I))
    if match is None or fold(match.group(1)) in STOPWORDS:  # "What are the so-called ..."
        return None
    # "the «four» measures", "the «first» measure", "welke «datum»"
    if fold(match.group(1)) in SOFT_WORDS | NUMBER_WORDS | ORDINAL_WORDS:
        return None
    return match.group(1)


#: Words that only say what kind of answer a part asks for ("for which «years»", "hoe «lang»"):
#: a part with no other word asks it of the part before it.
_KIND_WORDS = wordlist(
    "jaar jaren year years datum data date dates periode period tijd time termijn lang long"
)


#: Words with which a part points back at the part before it ("..., en wat kost «dat»?").
#: Not the people a part speaks of ("Is it expensive? Do «they» keep costs down?": the
#: partners, not the part before); "them" and "ze" still do ("who signs «them» off").
_POINTS_BACK = wordlist("dat dit die deze daar ze hen that this it these those there them")


def _points_back(part: str) -> bool:
    return any(w.text in _POINTS_BACK for w in words(part))


def parts(question: str) -> list[str]:
    """The questions a question asks: "wie is voorzitter en hoe vaak vergadert het bestuur"
    asks two. A part must hold a question word and a word besides it. A part that only asks
    for a kind of answer ("Is er een strategische agenda? Voor welke jaren?"), or only points
    back ("who breaks the deadlock «and why them»?"), asks it about the part before it, and is
    asked with that part, in the words that join them ("..., and when is it due?")."""
    spans: list[tuple[int, int]] = []
    at = 0
    for m in _SPLIT.finditer(question):
        spans.append((at, m.start()))
        at = m.end()
    spans.append((at, len(question)))

    def text(span: tuple[int, int]) -> str:
        return question[span[0] : span[1]].strip(" ?")

    spans = [span for span in spans if text(span)]
    if len(spans) > 1 and not question.rstrip().endswith("?") and not asks(text(spans[-1])):
        spans[-2:] = [(spans[-2][0], spans[-1][1])]  # "When was it signed? need it for a memo"
    # a piece that does not open with a question word is the context of the one after it, or
    # its lead-in: "Mijn dochter is 19 en heeft een beperking. Doet het werkbedrijf ...?", "Krijgt
    # de gemeente te horen wat er gedaan is? Een verslag of zo?" are one question each
    merged: list[tuple[int, int]] = []
    for span in spans:
        if merged and not asks(text(merged[-1])):
            merged[-1] = (merged[-1][0], span[1])
        else:
            merged.append(span)
    spans = merged
    if len(spans) < 2 or any(len(text(span).split()) < 2 for span in spans):
        return [question]
    out = [spans[0]]
    for span in spans[1:]:
        own = {w.text for w in words(text(span))} - STOPWORDS - SOFT_WORDS - _KIND_WORDS
        own = {w for w in own if not w.isdigit()}  # "..., en hoeveel in 2016?": the same asked
        if own - _POINTS_BACK and (own or asked_kind(text(span)) is None):
            out.append(span)
        else:
            out[-1] = (out[-1][0], span[1])
    return [text(span) for span in out]


def answer(
    question: str,
    agreements: Sequence[Agreement],
    index: ClauseIndex | Callable[[], ClauseIndex],
    t: Translator,
    today: date,
    holders: Mapping[tuple[str, str], str] | None = None,
) -> Answer:
    """Answer ``question`` from ``agreements`` (per agreement, titled, when there are several).

    ``index`` may be a function that returns the index: it is then called only when a question
    needs the clause search (the structured data answers "who chairs" without it).
    ``holders`` maps (agreement id, "chair" | "vice_chair" | "secretary") to who holds that
    office now; ``None`` says nothing about holders, a missing key in a mapping means vacant.
    A question that asks two things ("wie is voorzitter en hoe vaak vergadert het bestuur") is
    answered part by part.
    """
    question = written_out(question)  # "wnr", "vh": as a chat types them
    several = len(agreements) > 1
    kinds: set[str] = set()
    spoken = False  # a part answered from what the agreement says
    lines: Lines = []
    cites: Cites = []
    asked = parts(question)
    for agreement in agreements:
        block: Lines = []
        block_cites: Cites = []
        answered = False
        kind = ""
        for part in asked:
            part_lines: Lines
            part_cites: Cites
            if kind in {"nothing", "nearest"} and _points_back(part):
                # "..., en wat kost «dat» dan?" after a part the agreement does not answer
                part_lines, part_cites, kind = [], [], "nothing"
            else:
                part_lines, part_cites, kind = _one(part, agreement, index, t, today, holders)
            if kind == "nearest" and several:
                kind = "nothing"  # the closest line of three agreements would only be noise
            if kind == "nothing":
                part_lines, part_cites = ([_nothing(t, 1)] if len(asked) > 1 else []), []
            else:
                kinds.add("structured" if kind == "silent" else kind)
                spoken = spoken or kind not in {"silent", "nearest"}
                answered = True
            block += part_lines
            block_cites += [c for c in part_cites if c not in block_cites]
        if not answered:
            continue
        if block and several:
            block[0] = t.gettext("{agreement}: {text}").format(
                agreement=agreement.short_title.get(t.language), text=block[0]
            )
        lines += block
        cites += [c for c in block_cites if c not in cites]
    if not kinds:
        return Answer("nothing", (_nothing(t, len(agreements)),), ())
    kind = next(k for k in ("structured", "clauses", "nearest") if k in kinds)
    return Answer(kind, tuple(lines), tuple(cites), silent=not spoken)


def _nothing(t: Translator, n: int) -> str:
    text = t.ngettext(
        "The agreement does not say, as far as I can find. Try {search} with a few key words, "
        "or {clause} with an article number.",
        "The agreements do not say, as far as I can find. Try {search} with a few key words, "
        "or {clause} with an article number.",
        max(n, 1),
    )
    dutch = t.language == "nl"
    search, clause = ("/zoek", "/artikel") if dutch else ("/search", "/clause")
    return text.format(search=search, clause=clause)


_ARTICLE_NL = r"(?:het\s+|de\s+|dat\s+|die\s+|dit\s+|deze\s+|zo'?n\s+)?"
_ARTICLE_EN = r"(?:the\s+|this\s+|that\s+|a\s+)?"
_THING = r"[^\W\d_][\w-]*"
_NOW_NL = r"(?:\s+(?:eigenlijk|nou|precies|nu|dan|allemaal|concreet|zoal|straks|echt))*"


def _subject(n: int, words: int = 1) -> str:
    """The thing a question of :data:`_DOES`, :data:`_IS` or :data:`_FOR_WHOM` is about (group
    "s<n>"): one word, or for English up to two ("the new Werkcentrum")."""
    more = rf"(?:{_THING}\s+)?" if words > 1 else ""
    return rf"(?P<s{n}>{more}{_THING})"


#: "Wat doet het Werkbedrijf (eigenlijk)?", "What does the board actually do?", "Waar is het
#: Werkcentrum voor?": what the body the agreement sets up does is its tasks or role (no word
#: of the question says so: "doet" and "do" carry none).
_DOES = re.compile(
    rf"^\s*(?:(?P<nl>wat\s+(?:doet|doen)\s+{_ARTICLE_NL}{_subject(0)}{_NOW_NL}"
    rf"|wat\s+(?:gaat|gaan)\s+{_ARTICLE_NL}{_subject(1)}{_NOW_NL}\s+doen"
    rf"|waar\s+(?:is|zijn)\s+{_ARTICLE_NL}{_subject(2)}{_NOW_NL}\s+voor"
    rf"|waarvoor\s+(?:is|zijn)\s+{_ARTICLE_NL}{_subject(3)}{_NOW_NL})"
    rf"|(?P<en>what\s+(?:does|do|will)\s+{_ARTICLE_EN}{_subject(4, 2)}"
    r"\s+(?:actually\s+|really\s+|exactly\s+)?do"
    rf"|what\s+(?:is|are)\s+{_ARTICLE_EN}{_subject(5, 2)}\s+(?:actually\s+)?for))"
    r"\s*[?.!]*\s*$",
    re.IGNORECASE,
)
#: "Wat is het Werkbedrijf?", "What is this Werkcentrum?", "Is het Werkbedrijf een bedrijf?",
#: "Is the Werkbedrijf a company or just a network?", "What kind of organisation is the
#: Werkbedrijf?": what the body is.
_IS = re.compile(
    rf"^\s*(?:(?P<nl>wat\s+(?:is|zijn)\s+{_ARTICLE_NL}{_subject(0)}{_NOW_NL}(?:\s+{_THING})?"
    rf"|is\s+{_ARTICLE_NL}{_subject(1)}{_NOW_NL}\s+(?:een|zo'?n)\s+[^?.!]*"
    rf"|wat\s+voor\s+(?:een\s+)?{_THING}\s+is\s+{_ARTICLE_NL}{_subject(2)}{_NOW_NL})"
    rf"|(?P<en>what\s+(?:is|are)\s+{_ARTICLE_EN}{_subject(3, 2)}"
    r"(?:\s+(?:actually|really|exactly))?"
    rf"|is\s+{_ARTICLE_EN}{_subject(4, 2)}\s+(?:actually\s+|really\s+)?(?:a|an)\s+[^?.!]*"
    rf"|what\s+(?:kind|sort|type)\s+of\s+{_THING}\s+is\s+{_ARTICLE_EN}{_subject(5, 2)}"
    r"(?:,?\s+(?:basically|actually|really|exactly))?))\s*[?.!]*\s*$",
    re.IGNORECASE,
)
#: "Voor wie is het Werkcentrum (bedoeld)?", "Who does the Werkbedrijf help?", "Wie kan er
#: terecht bij het Werkcentrum?": who the body is for.
_FOR_WHOM = re.compile(
    rf"^\s*(?:(?P<nl>voor\s+wie\s+(?:is|zijn)\s+{_ARTICLE_NL}{_subject(0)}{_NOW_NL}"
    r"(?:\s+(?:bedoeld|er|bestemd))*"
    rf"|wie\s+(?:kan|kunnen|mag|mogen)\s+(?:er\s+)?(?:terecht\s+)?(?:bij|naar)\s+{_ARTICLE_NL}"
    rf"{_subject(1)}(?:\s+terecht)?|wie\s+(?:helpt|helpen)\s+{_ARTICLE_NL}{_subject(2)}{_NOW_NL})"
    rf"|(?P<en>who\s+(?:is|are)\s+{_ARTICLE_EN}{_subject(3, 2)}\s+(?:meant\s+|intended\s+)?for"
    rf"|who\s+(?:does|do|will)\s+{_ARTICLE_EN}{_subject(4, 2)}\s+(?:help|serve|support)"
    rf"|who\s+can\s+(?:go\s+to|use)\s+{_ARTICLE_EN}{_subject(5, 2)}))\s*[?.!]*\s*$",
    re.IGNORECASE,
)

#: What asks for a short or simple answer and says nothing of what is asked: "What is it,
#: «simple please»?", "Wat doet het, «in het kort»?".
_FILLER = re.compile(
    r",?\s*\b(?:in (?:a|one) nutshell|in short|in brief|briefly|in (?:simple|plain|easy) "
    r"(?:words|english|terms|language)|simple|simply put|please|pls|plz|kort gezegd|in het kort"
    r"|in (?:gewone|simpele|eenvoudige|makkelijke) (?:taal|woorden)|simpel gezegd"
    r"|alsjeblieft|alstublieft|graag)\b",
    re.IGNORECASE,
)

_SERVED = {
    "nl": ("doelgroepen", "doelgroep", "werkzoekenden", "werkenden"),
    "en": ("target groups", "target group", "jobseekers", "working people"),
}


def _about_the_body(question: str, agreement: Agreement) -> str:
    """``question`` with the words that answer it added, when it asks about the body the
    agreement sets up (named by the agreement's titles, or its board) what it does, what it is
    or whom it is for. The one word such a question has matches every article:

    - what it does (:data:`_DOES`, "Wat doet het Werkbedrijf?"): its tasks or role, or, of an
      agreement without a section on tasks (the Werkcentrum note), what it offers;
    - what it is (:data:`_IS`, "Wat is het Werkbedrijf?", "Is het een bedrijf?"): its form of
      cooperation, where a section says it;
    - whom it is for (:data:`_FOR_WHOM`): the people it serves, in the agreement's own words.

    Any other question, and one about something else ("Wat doet de secretaris?", "Is FNV a
    party to the covenant?"), is returned as it is."""
    asked = context_split(question)[0]
    plain = _FILLER.sub("", asked)  # "What is this Werkcentrum, simple please?"
    for_whom = _FOR_WHOM.match(plain)
    does = _DOES.match(plain)
    found = for_whom or does or _IS.match(plain)
    if found is None:
        return question
    names = {"bestuur", "board"} | {
        word
        for text in (agreement.title, agreement.short_title, agreement.board_name)
        for lang in ("nl", "en")
        for word in word_texts(text.get(lang))
    }
    subject = next((v for k, v in found.groupdict().items() if k.startswith("s") and v), "")
    if not names & set(word_texts(subject)):
        return question
    dutch = found.group("nl") is not None
    titles = {word for c in agreement.clauses for word in word_texts(c.title.nl)}
    if for_whom:
        lang = "nl" if dutch else "en"
        known = {w for c in agreement.clauses for w in word_texts(c.text.get(lang))}
        wanted = _SERVED[lang]
        words_added = " ".join(w for w in wanted if w.split()[-1] in known) or wanted[0]
    elif not does and "samenwerkingsvorm" in titles:  # what it is: its form of cooperation
        words_added = "samenwerkingsverband" if dutch else "partnership"
    elif not does and fold(asked).split()[0] == "is":
        return question  # "Is het Werkcentrum een idee van Twente zelf?": not what it offers
    elif titles & {"taak", "taken"}:
        words_added = "taken rol" if dutch else "tasks role"
    else:
        words_added = "biedt" if dutch else "offers"
    return question.replace(asked, f"{plain.rstrip(' ?.!')} {words_added}?", 1)


def _one(
    question: str,
    agreement: Agreement,
    index: ClauseIndex | Callable[[], ClauseIndex],
    t: Translator,
    today: date,
    holders: Mapping[tuple[str, str], str] | None,
) -> tuple[Lines, Cites, str]:
    """One question about one agreement: (lines, cites, kind), the kind "structured",
    "silent" (structured: the agreement has nothing on it), "clauses", "nearest" (the agreement
    does not answer it: the line that comes closest) or "nothing"."""
    # what the body is, does or is for: the clause search, with the words that answer it
    read = _about_the_body(question, agreement)
    # "hoe laat vergadert het bestuur" is not how often it meets
    # an intent accounts for the question asked, not for the remark around it
    asked = context_split(question)[0]
    clock = asked_kind(question) == "clock"
    match = detect(asked, agreement) if read == question and not clock else None
    if _asks_next_meeting(asked):  # its date or time: planned by the secretary, not agreed
        match = IntentMatch(Intent.RHYTHM, dated=True)
    question = read
    if match is not None and match.intent is Intent.PARTIES:  # the answer is a quote itself
        found = _parties(agreement, t, quote=match.listed)
        if found is not None:
            if asked_kind(asked) == "how_many":  # "hoeveel gemeenten doen mee": the count first
                counted = _party_count(asked, agreement, t)
                found = counted[0] + found[0], counted[1] + found[1]
            return *found, "structured"
        match = None  # the agreement says nowhere in so many words: the search finds what it says
    if match is not None:
        block, block_cites = _structured(match, question, agreement, t, today, holders)
        # last, the lines of the agreement the answer rests on, in their words
        quote = _quote(question, _grounds(match, block, agreement, t), agreement, block_cites, t)
        return (
            block + quote,
            block_cites,
            "silent" if _silent(match, agreement, question) else "structured",
        )
    if callable(index):
        index = index()
    return _clauses(question, agreement, index, t)


def _grounds(match: IntentMatch, block: Lines, agreement: Agreement, t: Translator) -> list[str]:
    """What each quoted line of a structured answer must bear out: the whole answer, or for a
    meeting rhythm of several rules each rule, by its reading where it has one (Achterhoek:
    "In 2015 vergadert het Werkbedrijf iedere twee maanden", then "minimaal 1 keer per
    kwartaal" from 2016: two sentences, each quoted)."""
    if match.intent is Intent.RHYTHM and len(agreement.rhythm) == len(block) > 1:
        return [
            rule.reading.get(t.language) if rule.reading else line
            for rule, line in zip(agreement.rhythm, block, strict=True)
        ]
    steps = agreement.procedure.steps
    general = not (match.casting or match.tie or match.votes)
    if match.intent is Intent.DECISIONS and general and len(steps) > 1:
        # how the board decides, step by step: each step's own lines ("Partijen streven naar
        # consensus", then "... wordt gestemd waarbij de meerderheid van stemmen
        # doorslaggevend is", then what a tie leads to)
        return [rule for step in steps for rule in step_line(step, agreement, t).split("; ")]
    return [" ".join(block)]


def _quote(
    question: str, grounds: list[str], agreement: Agreement, cites: Cites, t: Translator
) -> Lines:
    """The lines of the agreement a structured answer rests on, quoted: the one that bears out
    each of ``grounds`` best (:func:`_grounds`), each once."""
    clause_ids = [c for _, c in cites]
    # one ground: the line that bears out the answer to the question; several (a rhythm's
    # rules): the line each one reads
    asked = question if len(grounds) == 1 else ""
    found = [best_line(asked, agreement, clause_ids, t.language, ground) for ground in grounds]
    out: Lines = []
    quoted: set[FactLine] = set()
    for line, ground in zip(found, grounds, strict=True):
        if line is None or line in quoted:  # each line once, for the first ground it bears out
            continue
        quoted.add(line)
        clause = agreement.clause(line.clause_ids[0])
        original = aligned(clause, line.text, t.language, "nl") if t.language != "nl" else None
        text = line.text
        if len(text) > QUOTE_MAX:
            text, original = _sentence_of(asked, ground, agreement, line, original, t.language)
        out += _quoted(
            clause, _cut(text, QUOTE_MAX), _cut(original, QUOTE_MAX) if original else None, t
        )
    return out


def _sentence_of(
    question: str,
    ground: str,
    agreement: Agreement,
    line: FactLine,
    original: str | None,
    lang: str,
) -> tuple[str, str | None]:
    """Of a line too long to quote whole, the sentence that bears out ``ground`` best, and
    the same sentence of ``original`` (the Dutch of our translation) when both have as many:
    "Wanneer moet het jaarverslag er zijn?" quotes "Dit schriftelijke verslag ... binnen 6
    weken ...", not a cut-off first sentence on who receives it."""
    own = sentences(line.text)
    # asked when (how many, ...), the sentences that hold it: of one line, all are on its subject
    kind = asked_kind(question)
    holding = [s for s in own if kind in REQUIRED_KINDS and holds_kind(s, kind, question)]
    found = best_line(question, agreement, line.clause_ids, lang, ground, within=holding or own)
    if found is None:
        return line.text, original
    if original is None:
        return found.text, None
    theirs = sentences(original)
    if len(theirs) != len(own):
        return line.text, original
    return found.text, theirs[own.index(found.text)]


def _cut(text: str, limit: int = SNIPPET_MAX) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _quoted(clause: Clause, snippet: str, original: str | None, t: Translator) -> Lines:
    """A passage of ``clause`` quoted with the clause's label; our English translation with the
    Dutch original beneath it (``original``), the words that bind."""
    out = [
        t.gettext("{clause}: “{snippet}”").format(
            clause=clause_label(clause, t.language), snippet=snippet
        )
    ]
    if original is not None and original != unmarked(snippet):
        out.append(t.gettext("Dutch original: “{text}”").format(text=original))
    return out


def _quoted_dutch(clause: Clause, dutch: str, t: Translator) -> Lines:
    """One Dutch line of ``clause`` quoted in the asker's language: our translation of the line
    with the Dutch beneath it; the Dutch alone in Dutch, or where the two texts do not line up."""
    translated = aligned(clause, dutch, "nl", t.language) if t.language != "nl" else None
    if translated is None:
        return _quoted(clause, _cut(dutch, QUOTE_MAX), None, t)
    return _quoted(clause, _cut(translated, QUOTE_MAX), _cut(dutch, QUOTE_MAX), t)


# -- clauses ----------------------------------------------------------------------------------


def _clauses(
    question: str, agreement: Agreement, index: ClauseIndex, t: Translator
) -> tuple[Lines, Cites, str]:
    """The fact lines that answer the question, quoted with their clause ("clauses"). The best
    line answers, or a line ranking near it (:data:`SECOND`) when the best lacks what the
    question asks for. When no such line answers (it covers too little of the question, the
    question's subject is not in the agreement, the line lacks the kind of answer asked), the
    agreement does not answer it: "nearest", the line that comes closest with that said, or
    "nothing" when no line comes near."""
    titled = _titled(question, agreement, index, t.language)
    kind = asked_kind(question)
    reordered = _reordered(question, kind)
    # asked to list what a section is headed, that section's lines come first, wherever ranked;
    # asked when, how often or how much money, a line that holds it may rank below lines that
    # tie (an article's lines share its title's words)
    wide = 60 if titled is not None else WIDE if reordered else 6
    found = index.lines(question, t.language, agreement.id, k=wide)
    if not found:
        return [], [], "nothing"
    if titled is not None:  # "welke bijlagen ...": the section headed "Bijlage(n)" lists them
        own = [h for h in found if titled in h.clause_ids]
        found = own[:2] + [h for h in found[:6] if titled not in h.clause_ids]
    if reordered:
        # "how much money", "when", "how often": a line ranking near the best that holds an
        # amount, a date, a frequency answers it before one that does not
        second = KIND_SECOND if kind == "how_often" else SECOND
        near = [h for h in found if h.rank >= second * found[0].rank]
        # of those, the one that covers most of the question ("Vanaf welke datum loopt de
        # samenwerking?": the line the partnership starts in, not a line with a half-year
        # that ranks higher by the words they share besides)
        holding = sorted(
            (h for h in near if _holds(question, kind, h)), key=lambda h: h.coverage, reverse=True
        )
        found = holding[:1] + [h for h in found if h not in holding[:1]]
    # the best line may lack what the question cannot do without (a number of what is counted,
    # a date): a line ranking near it that has it answers instead
    near = [h for h in found if h.rank >= SECOND * found[0].rank]
    answers = _answering(question, kind, agreement, index, t)
    answering = next((h for h in near if answers(h)), None)
    instead = answering is not found[0]  # the best line did not answer: neither is it shown
    if answering is not None:
        found = [answering] + [h for h in found if h is not answering]
    else:
        if found[0].coverage < NEAREST or found[0].missing >= SUBJECT_MISSING:
            # nothing comes near, or what the question is about is not in the agreement at all
            # ("wat verdient die per maand?": no line on pay; the meeting rhythm is no answer)
            return [], [], "nothing"
        lines = [t.gettext("The agreement does not say this directly. Closest to your question:")]
        return lines + _lines([found[0]], agreement, t), _cites([found[0]], agreement), "nearest"
    shown = [found[0]]
    for hit in found[1:]:
        if hit.rank < SECOND * found[0].rank:
            break
        if instead and not answers(hit):
            continue
        if not _repeats(hit.snippet, found[0].snippet):
            shown.append(hit)
            break
    return _lines(shown, agreement, t), _cites(shown, agreement), "clauses"


def _titled(question: str, agreement: Agreement, index: ClauseIndex, lang: str) -> str | None:
    """The clause whose title starts with what a question asks to list ("Welke «bijlagen»
    horen bij het voorstel?": "Bijlage(n)"; "Which «tasks» ...": "Tasks"), or None."""
    subject = asked_subject(question) if asks_list(question) else None
    if subject is None:
        return None
    wanted = {term.term for term in index.terms(subject, lang) if not term.extra}
    for clause in agreement.clauses:
        title = [w.text for w in words(clause.title.get(lang)) if w.text not in STOPWORDS]
        if title and wanted & set(index.analyzer.word_terms(title[0], lang)):
            return clause.id
    return None


def _repeats(second: str, first: str) -> bool:
    """Whether quoting ``second`` beside ``first`` would repeat it: one holds the other, or
    ``second`` opens with a sentence ``first`` already quotes (``first`` quoted with the
    sentence after it, ``second`` being that sentence with its own next one). The next line
    ranked is quoted instead."""
    a, b = unmarked(first), unmarked(second)
    if a in b or b in a:
        return True
    opening = split_lines(b.strip("…"))
    return bool(opening) and opening[0].strip("…") in a


def _answering(
    question: str,
    kind: str | None,
    agreement: Agreement,
    index: ClauseIndex,
    t: Translator,
) -> Callable[[LineHit], bool]:
    """Whether a line answers the question (see :func:`_clauses`), the question's part of it
    worked out once: whether the agreement names its subject, what a number must be of."""
    # "Is there a «shared pot», or does each party pay its own?": the agreement may name the
    # other of the two, and answers it by that
    offered = alternative_split(question, t.language)[1]
    subject = asked_subject(question) if not offered else None
    if subject is not None and not index.lines(subject, t.language, agreement.id, k=1):
        return lambda hit: False  # "Wie is de wethouder van ...": the agreement names no alderman
    topics = {term.term for term in index.terms(question, t.language)} & TOPICS
    if any(not index.names(topic, agreement.id) for topic in topics):
        return lambda hit: False  # "Zijn de vergaderingen openbaar?": it sets no openness
    if asks_realised(question) or asks_opinion(question):
        # "Hoeveel mensen hebben een baan gevonden?": no results; "Wat vindt de vakbond
        # ervan?": no one party's view
        return lambda hit: False
    unit = unit_counted(question)
    what = counted(question) if kind == "how_many" else None
    # after a verb, a word no agreement knows (a word only the questions asked of them use, or
    # none) is who has or gives it, not what is counted
    # ("Hoeveel heeft het «rijk» ...": "het rijk" is the government in the whole question)
    unknown_counts = _DIRECT.search(question) is not None
    # the number must be of what is counted: "how much are «members» paid"
    terms = (
        {
            term.term
            for term in index.terms(what, t.language)
            if not term.extra and (unknown_counts or index.knows(term.term))
        }
        if what is not None
        else set()
    )

    listing = asks_list(question)
    # "What's the jobs target for 2017?": a line on 2015 and 2016 does not answer it
    asked = context_split(question)[0]
    years = _years_of(asked) if _YEAR.search(asked) else set()
    # "Wie betaalt de website?": a line that says who pays, not one that names the website
    paying = _PAYS.search(question) is not None
    # "Who chairs the officials' meeting?", "Who signed on behalf of UWV?": a line that names
    # the role (a chair, the signing), or the clause that lists who holds it
    roles = [(named, clause) for asks, named, clause in _ROLES_ASKED if asks.search(asked)]

    def answers(hit: LineHit) -> bool:
        if hit.coverage < THRESHOLD or hit.missing >= SUBJECT_MISSING:
            return False
        if not _holds(question, kind, hit):
            return False
        if listing and _counts_only(question, unmarked(hit.snippet), t.language):
            return False
        if unit is not None and unit.search(unmarked(hit.snippet)) is None:
            return False
        if paying and "@costs" not in hit.matched and not _MONEY.search(unmarked(hit.snippet)):
            return False
        if years and not years & _years_of(unmarked(hit.snippet)):
            return False
        for named, clause in roles:
            if clause not in hit.clause_ids and not named.search(unmarked(hit.snippet)):
                return False
        return not terms or bool(terms & hit.matched)

    return answers


#: "6 hoofdlijnen", "six main lines": a number and the words after it.
_COUNT = re.compile(rf"\b(?:\d+|{'|'.join(sorted(NUMBER_WORDS))})\s+([^\W\d_]+)", re.IGNORECASE)


def _counts_only(question: str, line: str, lang: str) -> bool:
    """Whether ``line`` only counts what a list question asks for ("What are the six main
    lines?": "The agenda identifies «6 main lines»"), naming none of them: the question and the
    line count the same thing, and the line holds no list (no ":" or ";")."""
    if ":" in line or ";" in line:
        return False
    asked = {
        stem(fold(m.group(1)), code)
        for m in _COUNT.finditer(question)
        for code in (lang, other(lang))
    }
    return any(
        stem(fold(m.group(1)), code) in asked
        for m in _COUNT.finditer(line)
        for code in (lang, other(lang))
    )


def _reordered(question: str, kind: str | None) -> bool:
    """Whether a line near the best that holds the answer's kind is quoted first: for "how
    much money" (an amount), "when" (a date or period) and "how often" (a frequency), not for a
    number in general (a line with another number would come first)."""
    money = kind == "how_many" and _MONEY.search(question) is not None
    return money or kind in {"when", "how_often"}


#: "Op welke datum ...", "what date", "when exactly": a day or a month, not a year alone.
_ASKS_DATE = re.compile(
    r"\b(?:welke datum|wat is de datum|op welke dag|what date|which date|which day|on what day"
    r"|exact date|when exactly|precies wanneer|wanneer precies)\b",
    re.IGNORECASE,
)
_DATE = re.compile(
    rf"\b(?:{'|'.join(MONTHS.split())})\b|\b\d{{1,2}}[-/]\d{{1,2}}[-/](?:19|20)\d\d\b"
    # a date counted from another ("binnen 6 weken na afsluiting van dat kalenderjaar")
    r"|\b\d+\s+(?:dagen|weken|maanden|days|weeks|months)\b",
    re.IGNORECASE,
)


def _holds(question: str, kind: str | None, hit: LineHit) -> bool:
    """Whether ``hit`` holds the ``kind`` of answer the question cannot do without
    (:data:`REQUIRED_KINDS`; for "how much money" an amount: a year or a count is none; for
    "op welke datum" a day or a month: a year is none)."""
    if kind == "how_many" and _MONEY.search(question) and not _AMOUNT.search(hit.snippet):
        return False
    if kind == "when" and _ASKS_DATE.search(question) and not _DATE.search(hit.snippet):
        return False
    if kind == "how_many":
        return _new_count(unmarked(hit.snippet), question, 2 if _SHARE_OF.search(question) else 1)
    return kind not in REQUIRED_KINDS or holds_kind(unmarked(hit.snippet), kind, question)


#: "Wie betaalt ...", "who pays for ...", "wie draait op voor de kosten": a question of who pays,
#: which only a line on costs, money or funding answers (the question's cost words in it, or
#: those of :data:`_MONEY`: "Wie draait op voor de uren ...": "Elke partij draagt zijn eigen
#: kosten ...").
_PAYS = re.compile(
    r"\b(?:wie\s+(?:betaalt|betalen|financiert|financieren|bekostigt|draait\s+op)"
    r"|who\s+(?:pays|funds|finances|covers|foots|picks\s+up))\b",
    re.IGNORECASE,
)
#: A year, as a pattern's text (for the spans below) and on its own.
_YEAR_TEXT = r"(?:19|20)\d\d"
_YEAR = re.compile(rf"\b{_YEAR_TEXT}\b")
#: "Wie zit ... voor", "who chairs ...", "who presides over ...": who chairs something, which
#: only a line naming a chair answers.
_CHAIRS = re.compile(
    r"\bwie\s+(?:zit|zitten)\s+(?:\w+\s+){0,4}voor\b|\bwie\s+(?:leidt|leiden)\s+de\s+vergadering"
    r"|\bwho\s+(?:chairs|presides|will chair|leads the meeting)\b",
    re.IGNORECASE,
)
_CHAIR_WORDS = re.compile(r"voorzit|voorgezeten|\bchair|presid", re.IGNORECASE)
#: "Who signed ...", "wie heeft ondertekend": who signed it, which only the signatures or a line
#: on signing answers (not "who signs off on ...": who approves).
_SIGNED = re.compile(
    r"\bwho\s+(?:(?:has|have|had|did|actually)\s+)?(?:signed|signs(?!\s+off)|sign(?!\s+(?:off|up)))\b"
    r"|\bwho\s+put\s+(?:his|her|their)\s+name\b"
    r"|\bwie\s+(?:(?:heeft|hebben|had|hadden)\s+)?(?:[\w-]+\s+){0,4}(?:tekende|tekenden"
    r"|getekend|ondertekende|ondertekenden|ondertekend)\b",
    re.IGNORECASE,
)
_SIGN_WORDS = re.compile(r"sign|tekend|tekent|handteken", re.IGNORECASE)
#: The clause that holds an agreement's signatures, where it has one.
SIGNATURES = "signatures"
#: A question of who holds a role in something, and what answers it: a line with the role's
#: words, or a line of the clause that lists who holds it (None: no such clause).
_ROLES_ASKED: tuple[tuple[re.Pattern[str], re.Pattern[str], str | None], ...] = (
    (_CHAIRS, _CHAIR_WORDS, None),  # who chairs: a line naming a chair
    (_SIGNED, _SIGN_WORDS, SIGNATURES),  # who signed: the signatures, or a line on signing
)
#: After a number, a month: the number is a day of a date ("1 januari 2026"), not a count.
_DAY_OF = re.compile(rf"\s+(?:{'|'.join(MONTHS.split())})\b", re.IGNORECASE)


#: "hoeveel «van die» banen", "how many «of the» jobs": a share of a total, which a line giving
#: the total alone does not answer.
_SHARE_OF = re.compile(
    r"\b(?:hoeveel van (?:de|die|deze|het|dat|onze)|how many of (?:the|those|these|our))\b",
    re.IGNORECASE,
)


#: A span of years in a line: "2015 tot en met 2016", "2020-2025", "2025 - 2028".
_YEARS_SPAN = re.compile(
    rf"\b({_YEAR_TEXT})\s*(?:-|–|tot en met|t/m|tot|to|until|up to and including|through)\s*"
    rf"({_YEAR_TEXT})\b",
    re.IGNORECASE,
)
#: A year and all after it, or all before it: "vanaf 2016", "since 2015"; "tot 2026", "until 2026".
_YEARS_FROM = re.compile(rf"\b(?:vanaf|sinds|from|since)\s+({_YEAR_TEXT})\b", re.I)
#: The years after a year, not the year itself: "na 2016", "after 2016", "beyond 2028".
_YEARS_AFTER = re.compile(
    rf"\b(?:na|after|beyond|past|later than|na afloop van)\s+({_YEAR_TEXT})\b", re.IGNORECASE
)
_YEARS_UNTIL = re.compile(rf"\b(?:tot|until|till|before|voor)\s+({_YEAR_TEXT})\b", re.I)


def _years_of(line: str) -> set[int]:
    """The years ``line`` is about: those it names, those in a span it names, and for a year it
    runs from or to, the twenty years after or before ("after 2016": from 2017, not 2016); all
    when it names no year (a line without a year may still hold the answer: "Het jaarverslag
    komt binnen 6 weken"). A question's years are read alike: "after 2016" asks of 2017 on."""
    if _YEAR.search(line) is None:
        return set(range(1900, 2100))
    found = {int(y) for y in _YEAR.findall(_YEARS_AFTER.sub(" ", line))}
    for m in _YEARS_AFTER.finditer(line):
        found |= set(range(int(m.group(1)) + 1, int(m.group(1)) + 21))
    for m in _YEARS_SPAN.finditer(line):
        found |= set(range(int(m.group(1)), int(m.group(2)) + 1))
    for m in _YEARS_FROM.finditer(line):
        found |= set(range(int(m.group(1)), int(m.group(1)) + 20))
    for m in _YEARS_UNTIL.finditer(line):
        found |= set(range(int(m.group(1)) - 20, int(m.group(1))))
    return found


def _new_count(line: str, question: str, least: int = 1) -> bool:
    """Whether ``line`` holds a count the question does not give itself: "How many of the
    «270» jobs should be filled in «2015»?" is not answered by the line that sets the 270 jobs
    for 2015 to 2016. A year counts nothing. A share of a total (``least`` 2) needs a count
    beside the total."""
    given = {fold(m.group(0)) for m in COUNT.finditer(question)}
    counts = {
        fold(m.group(0))
        for m in COUNT.finditer(line)
        if not _YEAR.fullmatch(m.group(0))
        and fold(m.group(0)) not in given
        and not _DAY_OF.match(line, m.end())  # "1 januari 2026" is a date, not a count
    }
    return len(counts) >= least


def _lines(shown: list[LineHit], agreement: Agreement, t: Translator) -> Lines:
    lines: Lines = []
    for hit in shown:
        lines += _quoted(agreement.clause(hit.clause_ids[0]), hit.snippet, hit.original, t)
    return lines


def _cites(shown: list[LineHit], agreement: Agreement) -> Cites:
    cites: Cites = []
    for hit in shown:
        cites += [(agreement.id, c) for c in hit.clause_ids if (agreement.id, c) not in cites]
    return cites


# -- structured -------------------------------------------------------------------------------


#: The next (or first) meeting: "de volgende vergadering", "the next board meeting", "de eerste
#: bestuursvergadering".
_NEXT_MEETING = re.compile(
    r"\b(?:volgende|eerstvolgende|komende|eerste|next|upcoming|coming|first)\s+(?:[\w-]+\s+)?"
    r"(?:vergadering|bestuursvergadering|bijeenkomst|meeting|meetings)\b",
    re.IGNORECASE,
)


def _asks_next_meeting(question: str) -> bool:
    """Whether ``question`` asks when (the date, the day, the time) the next meeting is: no
    agreement says, the secretary plans meetings. Not what the next meeting is about."""
    return _NEXT_MEETING.search(question) is not None and (
        asked_kind(question) in {"when", "clock"} or _ASKS_DATE.search(question) is not None
    )


def _silent(match: IntentMatch, agreement: Agreement, question: str) -> bool:
    """Whether the structured answer to ``match`` (asked ``question``) is that the agreement has
    nothing on it."""
    if match.intent is Intent.VICE_CHAIR:  # none at all, or who it is where the board chooses
        return _role_spec(agreement, SeatRole.VICE_CHAIR) is None and (
            agreement.vice_chair is None or _asks_who_holds(question)
        )
    if match.intent is Intent.RHYTHM:
        return not agreement.rhythm or match.dated
    if match.intent is Intent.REPORT:
        return not agreement.reports
    if match.intent is Intent.END:
        return agreement.valid_until is None
    if match.intent is Intent.SECRETARY:  # werkbot's own secretary seat is not the agreement's
        return _named_secretary(agreement) is None
    if match.intent is Intent.DECISIONS and (match.casting or match.tie or match.votes):
        rules, votes = _tie_facts(agreement)
        return not rules if match.casting else not votes  # no casting vote / no vote at all
    return False


def _pairs(agreement: Agreement, cites: Iterable[str]) -> Cites:
    ids = {c.id for c in agreement.clauses}
    out: Cites = []
    for cid in cites:
        if cid in ids and (agreement.id, cid) not in out:
            out.append((agreement.id, cid))
    return out


def _seat_name(spec: SeatSpec, t: Translator) -> str:
    """The seat's label without its role: "Chair (portfolio holder X)" -> "portfolio holder X"."""
    label = spec.label.get(t.language).replace(" {n}", "").replace("{n}", "").strip()
    m = re.fullmatch(r"(.*?)\s*\(([^()]*)\)", label)
    if m:
        outer, inner = m.group(1).strip(), m.group(2).strip()
        role = role_label(spec.role, t).casefold()
        if outer.casefold() == role:
            return inner
        if inner.casefold() == role:
            return outer
    return label


def _holder(
    agreement: Agreement,
    role: str,
    holders: Mapping[tuple[str, str], str] | None,
    t: Translator,
) -> Lines:
    if holders is None:
        return []
    name = holders.get((agreement.id, role))
    if name:
        return [t.gettext("Now: {name}.").format(name=name)]
    if role == "vice_chair":
        return [t.gettext("No one has been designated vice-chair yet.")]
    return [t.gettext("That seat is vacant now.")]


def _reading(text: Text | None, t: Translator) -> Lines:
    if text is None:
        return []
    return [t.gettext("Reading: {text}").format(text=text.get(t.language))]


def _role_spec(agreement: Agreement, role: SeatRole) -> SeatSpec | None:
    return next((s for s in agreement.seats if s.role is role), None)


def _chair(
    agreement: Agreement, t: Translator, holders: Mapping[tuple[str, str], str] | None
) -> tuple[Lines, Cites]:
    spec = _role_spec(agreement, SeatRole.CHAIR)
    if spec is None:  # the loader refuses such agreements; kept for hand-made ones
        cite = citation(agreement, (), t)
        return [t.gettext("The agreement names no chair ({cite}).").format(cite=cite)], []
    lines = [
        t.gettext("The chair is the {seat} ({cite}).").format(
            seat=_seat_name(spec, t), cite=citation(agreement, spec.cites, t)
        )
    ]
    lines += _reading(spec.reading, t)
    lines += _holder(agreement, "chair", holders, t)
    return lines, _pairs(agreement, spec.cites)


#: Who holds an office now or was chosen for it ("Wie is er inmiddels gekozen tot
#: vicevoorzitter?", "Who is the vice-chair now?", "Who was picked in the end?"): a person the
#: agreement cannot name when it leaves the choice to the board.
#: Now: "Wie is er «momenteel» vicevoorzitter", "who is the vice-chair «at the moment»".
_NOW = re.compile(
    r"\b(?:nu|momenteel|inmiddels|intussen|ondertussen|tegenwoordig|huidige|currently|now"
    r"|present|so far)\b|\bop dit moment\b|\bat the moment\b"
)
#: ... not who may be chosen, from whom or by whom ("who is the vice-chair «picked from»").
_CHOOSES = re.compile(
    r"\b(?:picked|chosen|selected|elected|appointed|gekozen|benoemd)\s+(?:from|out of|by|uit"
    r"|door)\b|\b(?:door wie|by whom|uit wie|from whom|among whom|gets to|can become|kan"
    r"|kunnen|mag|mogen)\b"
)


def _asks_who_holds(question: str) -> bool:
    """Whether ``question`` asks who holds an office now (:data:`_NOW`) or was chosen for it
    (:func:`asks_realised`, as for any result), not who chooses, who may be chosen or how."""
    asked = fold(context_split(question)[0])
    return (
        asked_kind(asked) == "who"
        and (_NOW.search(asked) is not None or asks_realised(asked))
        and _CHOOSES.search(asked) is None
    )


def _vice_chair(
    agreement: Agreement,
    t: Translator,
    holders: Mapping[tuple[str, str], str] | None,
    who: bool = False,
) -> tuple[Lines, Cites]:
    """The vice-chair's seat, or how the vice-chair is chosen. Asked who it is (``who``) of an
    agreement that leaves the choice to the board, the answer is that the agreement names no
    one, then the rule (and werkbot's record of who holds it, with ``holders``)."""
    spec = _role_spec(agreement, SeatRole.VICE_CHAIR)
    if spec is not None:
        lines = [
            t.gettext("The vice-chair is the {seat} ({cite}).").format(
                seat=_seat_name(spec, t), cite=citation(agreement, spec.cites, t)
            )
        ]
        return lines + _holder(agreement, "vice_chair", holders, t), _pairs(agreement, spec.cites)
    rule = agreement.vice_chair
    if rule is None:
        cite = citation(agreement, (), t)
        return [t.gettext("The agreement provides no vice-chair ({cite}).").format(cite=cite)], []
    template = (
        t.gettext(
            "The agreement names no one as vice-chair. "
            "How the vice-chair is chosen: {rule} ({cite})."
        )
        if who
        else t.gettext("How the vice-chair is chosen: {rule} ({cite}).")
    )
    lines = [
        template.format(
            rule=rule.chosen_by.get(t.language), cite=citation(agreement, rule.cites, t)
        )
    ]
    return lines + _holder(agreement, "vice_chair", holders, t), _pairs(agreement, rule.cites)


def _secretary(
    agreement: Agreement, t: Translator, holders: Mapping[tuple[str, str], str] | None
) -> tuple[Lines, Cites]:
    spec = _named_secretary(agreement)
    if spec is None:  # no secretary in the agreement (werkbot may add a seat of its own)
        own = _role_spec(agreement, SeatRole.SECRETARY)
        cite = citation(agreement, (), t)
        first = t.gettext("The agreement names no secretary ({cite}).").format(cite=cite)
        if own is None:
            return [first], []
        return [first, *_reading(own.reading, t), *_holder(agreement, "secretary", holders, t)], []
    cite = citation(agreement, spec.cites, t)
    if spec.party is not None:
        party = agreement.party(spec.party).name.get(t.language)
        first = t.gettext("The secretary is provided by {party} ({cite}).").format(
            party=party, cite=cite
        )
    else:
        first = t.gettext("The secretary has no vote ({cite}).").format(cite=cite)
    lines = [first, *_reading(spec.reading, t), *_holder(agreement, "secretary", holders, t)]
    return lines, _pairs(agreement, spec.cites)


def _named_secretary(agreement: Agreement) -> SeatSpec | None:
    """The secretary seat the agreement itself names (cites a clause for), else None."""
    spec = _role_spec(agreement, SeatRole.SECRETARY)
    return spec if spec is not None and spec.cites else None


def _count(specs: Sequence[SeatSpec], t: Translator) -> tuple[str, int]:
    """The seats of ``specs`` together, as text ("at least 3") and a number for the plural."""
    low = sum(s.count.min for s in specs)
    high = None if any(s.count.max is None for s in specs) else sum(s.count.max or 0 for s in specs)
    total = SeatSpec(
        id="total",
        label=Text(nl="-", en="-"),
        delegation="-",
        count=SeatCount(min=low, max=high, default=low),
    )
    return seat_count(total, t), high if high is not None else low


def _seats(agreement: Agreement, delegation: str | None, t: Translator) -> tuple[Lines, Cites]:
    voting = [s for s in agreement.seats if s.votes and s.delegation is not None]
    if delegation is not None:
        specs = [s for s in voting if s.delegation == delegation]
        cites = [c for s in specs for c in s.cites]
        count, n = _count(specs, t)
        line = t.ngettext(
            "The {delegation} have {count} seat ({cite}).",
            "The {delegation} have {count} seats ({cite}).",
            n,
        ).format(
            delegation=agreement.delegation(delegation).name.get(t.language),
            count=count,
            cite=citation(agreement, tuple(dict.fromkeys(cites)), t),
        )
        return [line], _pairs(agreement, cites)
    cites = [c for s in agreement.seats for c in s.cites]
    count, n = _count(voting, t)
    lines = [
        t.ngettext(
            "The board has {count} voting seat ({cite}).",
            "The board has {count} voting seats ({cite}).",
            n,
        ).format(count=count, cite=citation(agreement, tuple(dict.fromkeys(cites)), t))
    ]
    for group in agreement.delegations:
        specs = [s for s in voting if s.delegation == group.id]
        if specs:
            name = group.name.get(t.language)
            lines.append(
                t.gettext("{delegation}: {count}").format(
                    delegation=name[:1].upper() + name[1:], count=_count(specs, t)[0]
                )
            )
    silent = [s for s in agreement.seats if not s.votes]
    if silent:
        names = ", ".join(
            f"{s.label.get(t.language).replace(' {n}', '').replace('{n}', '')} ({seat_count(s, t)})"
            for s in silent
        )
        lines.append(t.gettext("Without a vote: {seats}.").format(seats=names))
    return lines, _pairs(agreement, cites)


_ASKS_WHAT = re.compile(
    r"\b(?:wie|wiens|wat|welke|welk|hoe|hoeveel|wanneer|waar|waarom|who|whom|whose|what|which"
    r"|how|when|where|why)\b",
    re.IGNORECASE,
)


def _yes_no(question: str) -> bool:
    """Whether ``question`` asks yes or no ("Heeft de voorzitter ...?"), not who or how ("If the
    votes are tied, who has the casting vote?")."""
    return _ASKS_WHAT.search(question) is None


#: A vote a tie can decide, and the subjects it is for (None: the agreement's own procedure).
TieRule = tuple[str | None, VotingStep]


def _tie_facts(agreement: Agreement, lang: str = "nl") -> tuple[list[TieRule], bool]:
    """The votes of the agreement's procedures (its own, then per subject) where a tie can
    occur, and whether it has any vote at all (unanimity, no objection, a veto included)."""
    procedures: list[tuple[str | None, Procedure]] = [(None, agreement.procedure)]
    for entry in agreement.by_subject:
        names = ", ".join(agreement.subject(s).name.get(lang) for s in entry.subjects)
        procedures.append((names, entry.procedure))
    rules = [
        (names, step)
        for names, procedure in procedures
        for step in procedure.steps
        if isinstance(step, VotingStep) and can_tie(step)
    ]
    votes = any(
        isinstance(step, VotingStep | UnanimityStep | NoObjectionStep | VetoStep)
        for _, procedure in procedures
        for step in procedure.steps
    )
    return rules, votes


def _tie_lines(rules: Sequence[TieRule], agreement: Agreement, t: Translator) -> Lines:
    """What a tie leads to in each of ``rules``, a sentence each, with its article."""
    lines = []
    for names, step in rules:
        rule = t.gettext("{rule} ({cite}).").format(
            rule=tie_rule_text(step, t), cite=citation(agreement, step.cites, t)
        )
        if names is not None:  # "Over begroting: staken de stemmen, ..."
            rule = t.gettext("On {subjects}: {procedure}").format(subjects=names, procedure=rule)
        lines.append(capitalized(rule))
    return lines


def _casting_lines(agreement: Agreement, t: Translator, yes_no: bool, vice: bool = False) -> Lines:
    """Whether anyone has a casting vote (``vice``: the vice-chair, when the chair is absent):
    "Ja." or "Nee." first for a question that asks yes or no, then what a tie leads to in
    each vote a tie can decide."""
    rules, _ = _tie_facts(agreement, t.language)
    if not rules:
        return (
            [t.gettext("No. The agreement gives no one a casting vote.")]
            if yes_no
            else [t.gettext("The agreement gives no one a casting vote.")]
        )
    lines = _tie_lines(rules, agreement, t)
    if yes_no:
        casting = any(
            "casting_vote" in (step.tie, step.tie_again)
            and (not vice or "vice_chair" in step.tie_break)
            for _, step in rules
        )
        answer = t.gettext("Yes. {text}") if casting else t.gettext("No. {text}")
        lines[0] = answer.format(text=lines[0])
    return lines


def _tied_lines(agreement: Agreement, t: Translator) -> Lines:
    """What a tie leads to; that a tie cannot decide where every vote needs more than half;
    that no vote can be tied where the agreement has none."""
    rules, votes = _tie_facts(agreement, t.language)
    if rules:
        return _tie_lines(rules, agreement, t)
    if votes:
        return [
            t.gettext(
                "Equal votes do not reach what the agreement requires for a decision, so such a "
                "vote does not adopt the proposal."
            )
        ]
    return [t.gettext("The agreement provides no vote, so votes cannot be tied.")]


def _decisions(
    agreement: Agreement,
    t: Translator,
    casting: bool | None,
    tie: bool = False,
    vice: bool = False,
    votes: bool = False,
) -> tuple[Lines, Cites]:
    """How the board decides. Asked about the casting vote, whether there is one first:
    ``casting`` True for a question that asks yes or no ("Has the chair a casting vote?"),
    False for one that asks who or how. Asked about a tie (``tie``), what a tie leads to first;
    about votes (``votes``) where the agreement has none, that it has none."""
    lines: Lines = []
    if casting is not None:
        lines += _casting_lines(agreement, t, casting, vice)
    elif tie:
        lines += _tied_lines(agreement, t)
    elif (
        votes
        and not _tie_facts(agreement, t.language)[1]
        # a procedure whose last word is "no decision: no vote" says so already
        and not any(isinstance(step, NoDecisionStep) for step in agreement.procedure.steps)
    ):
        lines.append(t.gettext("The agreement provides no vote."))
    lines.append(t.gettext("How the board decides:"))
    lines += [step_line(step, agreement, t) + "." for step in agreement.procedure.steps]
    lines.append(quorum_rule_sentence(agreement, t))
    return lines, _pairs(agreement, [c for s in agreement.procedure.steps for c in s.cites])


def _rhythm(agreement: Agreement, t: Translator) -> tuple[Lines, Cites]:
    if not agreement.rhythm:
        cite = citation(agreement, (), t)
        return [t.gettext("The agreement sets no meeting rhythm ({cite}).").format(cite=cite)], []
    lines: Lines = []
    for rule in agreement.rhythm:
        when = ""
        if rule.starts and rule.ends:
            when = t.gettext("from {start} to {end}").format(
                start=long_date(rule.starts, t), end=long_date(rule.ends, t)
            )
        elif rule.starts:
            when = t.gettext("from {start}").format(start=long_date(rule.starts, t))
        elif rule.ends:
            when = t.gettext("until {end}").format(end=long_date(rule.ends, t))
        n = rule.min_meetings
        lines.append(
            t.ngettext(
                "The board meets at least once {period}{when} ({cite}).",
                "The board meets at least {n} times {period}{when} ({cite}).",
                n,
            ).format(
                n=n,
                period=period_label(rule.period, t),
                when=" " + when if when else "",
                cite=citation(agreement, rule.cites, t),
            )
        )
    return lines, _pairs(agreement, [c for r in agreement.rhythm for c in r.cites])


def _report(agreement: Agreement, t: Translator, today: date) -> tuple[Lines, Cites]:
    if not agreement.reports:
        cite = citation(agreement, (), t)
        return [t.gettext("The agreement sets no yearly report ({cite}).").format(cite=cite)], []
    lines: Lines = []
    for duty in agreement.reports:
        year = today.year - 1
        if report_due(duty, year) < today:
            year += 1
        last = agreement.valid_until
        if not reports_for(agreement, year) and last is not None:
            year = last.year  # the last year it asks a report on
            lines.append(
                t.gettext(
                    "The agreement ended on {date}: it asks no report on a later year."
                ).format(date=long_date(last, t))
            )
        lines.append(
            t.ngettext(
                "{report} on {year}: due by {due}, {weeks} week after the end of the year, "
                "to {recipients} ({cite}).",
                "{report} on {year}: due by {due}, {weeks} weeks after the end of the year, "
                "to {recipients} ({cite}).",
                duty.due_weeks_after_year,
            ).format(
                report=duty.name.get(t.language),
                year=year,
                due=long_date(report_due(duty, year), t),
                weeks=duty.due_weeks_after_year,
                recipients=duty.recipients.get(t.language),
                cite=citation(agreement, duty.cites, t),
            )
        )
        if duty.includes is not None:
            lines.append(
                t.gettext("It includes {includes}.").format(includes=duty.includes.get(t.language))
            )
    return lines, _pairs(agreement, [c for d in agreement.reports for c in d.cites])


def _end(agreement: Agreement, t: Translator, today: date) -> tuple[Lines, Cites]:
    cite = citation(agreement, agreement.dates_cites, t)
    last = agreement.valid_until
    if last is None:
        lines = [t.gettext("The agreement names no end date ({cite}).").format(cite=cite)]
    elif today > last:
        lines = [
            t.gettext("The agreement ran until {date} ({cite}).").format(
                date=long_date(last, t), cite=cite
            )
        ]
    else:
        lines = [
            t.gettext("The agreement runs until {date} ({cite}).").format(
                date=long_date(last, t), cite=cite
            )
        ]
    return lines + _reading(agreement.dates_reading, t), _pairs(agreement, agreement.dates_cites)


#: The clause that names an agreement's parties, where it has one (Achterhoek's "Partijen").
PARTIES_CLAUSE = "parties"


#: The parties a question counts (the glossary's concept), by the word the agreements' Dutch
#: counts them with.
_PARTY_NOUNS = {"@municipality": "gemeenten", "@parties": "partijen"}
_A_NUMBER_OF = r"(?:\d+|" + "|".join(sorted(NUMBER_WORDS)) + r")\s+(?:\w+\s+)?"


def _party_count(question: str, agreement: Agreement, t: Translator) -> tuple[Lines, Cites]:
    """The first line of ``agreement`` that counts the parties ``question`` asks how many of
    ("De 14 Twentse Gemeenten", "De 8 gemeenten hebben ..."), quoted; none when no line does
    (the line naming the parties is then the answer, to be counted)."""
    nouns = {_PARTY_NOUNS[c] for c in features(question).concepts if c in _PARTY_NOUNS}
    if not nouns:
        return [], []
    counted = re.compile(rf"\b{_A_NUMBER_OF}(?:{'|'.join(sorted(nouns))})\b", re.IGNORECASE)
    for clause in agreement.clauses:
        for dutch in split_lines(clause.text.nl):
            if counted.search(dutch) is None:
                continue
            return _quoted_dutch(clause, dutch, t), [(agreement.id, clause.id)]
    return [], []


def _parties(agreement: Agreement, t: Translator, quote: bool) -> tuple[Lines, Cites] | None:
    """Who the parties are, quoted from the agreement's section naming them, or else (for a
    question that asks who the parties are, ``quote``) from the line that says so
    (:attr:`Agreement.parties_quote`); None when it has neither: the clause search then finds
    where the text names one of them ("Which schools are involved?")."""
    if any(c.id == PARTIES_CLAUSE for c in agreement.clauses):  # the whole section, uncut
        clause = agreement.clause(PARTIES_CLAUSE)
        listed, dutch_list = (
            "; ".join(split_lines(clause.text.get(lang))) for lang in (t.language, "nl")
        )
        lines = _quoted(clause, listed, dutch_list if t.language != "nl" else None, t)
        return lines, [(agreement.id, clause.id)]
    if agreement.parties_quote is None or not quote:
        return None
    where = agreement.parties_quote
    clause = agreement.clause(where.clause)
    wanted = folded(where.words)  # as the validator finds them in the clause's Dutch text
    # the line holding them; the words themselves when they run over two lines
    texts = split_lines(clause.text.nl)
    dutch = next((line for line in texts if wanted in folded(line)), where.words)
    return _quoted_dutch(clause, dutch, t), [(agreement.id, clause.id)]


def _structured(
    match: IntentMatch,
    question: str,
    agreement: Agreement,
    t: Translator,
    today: date,
    holders: Mapping[tuple[str, str], str] | None,
) -> tuple[Lines, Cites]:
    intent = match.intent
    if intent is Intent.CHAIR:
        return _chair(agreement, t, holders)
    if intent is Intent.VICE_CHAIR:
        return _vice_chair(agreement, t, holders, _asks_who_holds(question))
    if intent is Intent.SECRETARY:
        return _secretary(agreement, t, holders)
    if intent is Intent.SEATS:
        return _seats(agreement, match.delegation, t)
    if intent is Intent.DECISIONS:
        casting = _yes_no(question) if match.casting else None
        return _decisions(agreement, t, casting, match.tie, match.vice, match.votes)
    if intent is Intent.RHYTHM:
        lines, cites = _rhythm(agreement, t)
        if match.dated:
            dates = t.gettext(
                "The agreement sets no dates for meetings: the secretary plans them, and "
                "board members see those planned with /meetings."
            )
            return [dates, *lines], cites
        return lines, cites
    if intent is Intent.REPORT:
        return _report(agreement, t, today)
    return _end(agreement, t, today)
