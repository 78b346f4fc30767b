"""The clause index: BM25 over every clause of every agreement, in both languages at once.

One clause is one document. Its terms are those of its Dutch title (twice), heading and text and
of its English title (twice) and text (see :mod:`bot.ask.text`: glossary concepts are shared by
the languages, other stems carry their language). An English question therefore finds a Dutch
clause through its English translation and through the shared concepts, and a question mixing
the languages still finds the clause.

BM25 comes from bm25s (Lucene variant, numpy backend): its matrix holds, for every term and
clause, ``idf * tf / (tf + k1 * norm)``. A search adds up the rows of the question's terms, each
times the term's weight (1 for a word, 0.7 for a corrected typo, 0.5 for extras such as a word's
own stem beside its concept or the parts of a compound), so it costs a few numpy slices. The idf
is recomputed among the clauses searched: restricted to one agreement, a word that occurs in
every clause of that agreement tells nothing, however rare it is in the others.

``Hit.score`` is the share of the question the clause covers: the score of the question's main
terms (extras left out) divided by the most they could score, their summed idf, where a word no
clause searched contains counts ``UNKNOWN`` times the idf of a word in one clause, and at least
``FLOOR`` (``KIND_FLOOR`` when the question asks a kind of answer a line must hold). It lies
between 0 and 1 whatever the length of the question or the size of the corpus, which lets
:meth:`ClauseIndex.confident` use fixed thresholds, calibrated with bench/ask.py so that no
question of bench/questions.yaml gets a confident wrong clause.
"""

from __future__ import annotations

import logging
import math
import re
from collections import OrderedDict
from collections.abc import Callable, Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

import numpy as np
import numpy.typing as npt

from bot.ask.lines import (
    REQUIRED_KINDS,
    FactLine,
    abbreviated,
    agreement_lines,
    aligned,
    asked_kind,
    asks_list,
    holds_kind,
    is_heading,
    leans_back,
    refers_back,
    split_lines,
    unmarked,
    without_kind,
)
from bot.ask.text import Analyzer, Term, Unit, Word, context_split, fold, other, words
from rules.agreements.loader import fact_pattern, folded
from rules.agreements.model import Agreement, AskedQuestion, Clause

SNIPPET_MAX = 300
#: A sentence holding the kind of answer asked is quoted instead of the line's best sentence
#: when it matches this share of the question's weight that the best one matches (see
#: :func:`snippet`).
KIND_SENTENCE = 0.3
#: A word no clause searched has counts this many times as much as a rare word that one has.
UNKNOWN = 1.5
#: A word of the question found only in the line quoted after a line (:attr:`_Line.quoted`)
#: counts this much of a word of the line itself.
FOLLOWING = 0.5
#: The least a question's best possible score is taken to be, so that a question of only common
#: words (low idf) cannot look well covered. 2.0 until the sixth session refused short questions
#: of one subject the agreement names in several clauses ("Which schools are involved?"); no
#: question of the read sets changed between 2.0 and 0.5.
FLOOR = 1.25
#: ... and of a question that asks for a kind of answer a line must hold (a date for "wanneer",
#: a number for "hoeveel": :data:`bot.ask.lines.REQUIRED_KINDS`): the question word narrows
#: what answers it ("Vanaf wanneer loopt het samenwerkingsverband?" has one common word
#: besides, and the line that starts it holds the date).
#: 1.0: over the read sets, each left out, 8 more Dutch answers and no more answers where the
#: agreement is silent; 0.75 scored the same. 0.75 since the fourteenth session: with its three
#: sets asked, "samenwerking" weighed less again and the start line fell under the threshold;
#: over the 37 read sets, each left out, 0.75 gives 10 more Dutch answers than 1.0 and refuses
#: as many.
KIND_FLOOR = 0.75
#: The top hit must score this much ...
CONFIDENT = 0.35
#: ... and the first hit not shown at most this share of it.
MARGIN = 0.7
#: A runner-up scoring this share of the top hit is shown beside it.
CLOSE = 0.8

#: How many questions keep their terms (:meth:`ClauseIndex.terms`).
QUESTION_CACHE = 256
#: How many shown lines keep their analysis (the shipped agreements have about 600 per language).
LINE_CACHE = 4096

#: A word of the question that a line holds only through the questions asked of it
#: (:class:`rules.agreements.model.AskedQuestion`) counts this much of a word of the line itself.
#: Chosen by leaving each read question set out in turn (bench/ask_dev.py): 0.7 and 1.0 scored
#: alike, 0.5 lower in English.
ASKED_SHARE = 0.7
#: Line coverage's share of a fact line's coverage, the rest is its clause's.
LINE_SHARE = 0.6
#: What a line that holds the kind of answer asked (a date for "when", ...) gains in rank.
KIND_BONUS = 0.12
#: A short line is quoted with the line after it in its clause when both fit in this many
#: characters: the answer is often the sentence after the one the question's words are in.
FOLLOW_MAX = 300
#: The glossary's concept of a place ("gevestigd", "locatie", "based"), which a question where
#: something is asks for.
LOCATION = "@location"
#: A question that asks for a list ("welke maatregelen ...") is answered with the whole list the
#: best line is an item of, when it fits in this many characters.
LIST_MAX = 700
#: What the words of a question that carry no subject add to a line's rank, as a share.
EXTRA_SHARE = 0.3

# a passage is never cut at ":" or ";": a list stays with its lead-in
_WHY = re.compile(r"^\W*(?:why|waarom)\b|\b(?:how come|hoezo)\b", re.IGNORECASE)
#: What giving a reason adds to a line's rank when the question asks why (see :data:`_REASON`).
REASON_BONUS = 0.3
#: A line that gives a reason: one that says why ("omdat", "zodat", "because", "so that"), or
#: an argument for a proposal or a remark on it ("Argument 4.1: Het is belangrijk om de
#: gemeenteraad te informeren"). Asked why, it ranks first among equals.
#: How the titles of the clauses that give reasons open: a proposal's arguments and remarks, an
#: agreement's recitals ("Overwegingen", "Aanhef": "dat arbeidsmarktuitdagingen zich niet
#: houden aan gemeentegrenzen").
RECITALS = ("argument", "kanttekening", "overweging", "aanhef")
_REASON = re.compile(
    r"\b(?:omdat|want|daarom|zodat|doordat|waardoor|hierdoor|daardoor|teneinde|om die reden"
    r"|because|therefore|so that|in order to|as a result|for this reason|this is why)\b",
    re.IGNORECASE,
)
_SEGMENT_END = re.compile(r"\n+|(?<=[^\s.]{2}[.!?])\s+")


@dataclass(frozen=True)
class Hit:
    """A clause that matches a question.

    ``score`` is the share of the question the clause covers (0..1, see the module docstring);
    ``snippet`` is plain text of at most 300 characters around the best-matching passage of the
    clause text, in the asker's language, the matched words marked «so», a cut marked "…".
    """

    agreement_id: str
    clause_id: str
    score: float
    snippet: str


@dataclass(frozen=True)
class LineHit:
    """A fact line that answers a question (see :meth:`ClauseIndex.lines`).

    ``coverage`` (0..1) fuses the share of the question the line covers with the share its
    clause covers (:data:`LINE_SHARE`); ``rank`` adds what orders lines of equal coverage: the
    words that carry no subject, and whether the line holds the kind of answer asked.
    """

    agreement_id: str
    clause_ids: tuple[str, ...]
    coverage: float
    rank: float
    missing: float  # the share of the question (by weight) the agreement has no word for
    #: The question's terms the line holds (its clause's title counting for it).
    matched: frozenset[str]
    language: str  # the language the passage is shown in
    #: The passage in a language, its matched words «marked»: worked out only when shown (an
    #: answer shows one or two of the lines it ranks). ``strict``: "" rather than the clause's
    #: best passage when the line has no counterpart in that language.
    passage: Callable[..., str] = field(repr=False, compare=False)

    @cached_property
    def snippet(self) -> str:
        """The passage an answer quotes, in :attr:`language`."""
        return self.passage(self.language)

    @cached_property
    def original(self) -> str | None:
        """The same passage in the Dutch original, when :attr:`snippet` is our translation;
        None when the clause's two texts do not line up (no other passage passes for it)."""
        if self.language == "nl":
            return None
        return unmarked(self.passage("nl", strict=True)) or None


@dataclass(frozen=True)
class _Scored:
    scores: npt.NDArray[np.float32]  # ranks the clauses
    core: npt.NDArray[np.float32]  # the question's main terms each clause covers
    total: float  # the most the question could score
    weights: dict[str, float]  # term -> weight * idf, for the terms found
    main: frozenset[str]  # the question's main terms found (not its extras)
    missing: float  # the share of ``total`` of main terms found nowhere


@dataclass(frozen=True)
class _Line:
    line: FactLine
    terms: frozenset[str]
    #: The terms of what an answer quotes of the line: the line with the line after it when
    #: that one is quoted too (:meth:`ClauseIndex._following`: "Hameland is that for the SDOA
    #: municipalities and Aalten" after "Wedeo is the sheltered employment company for ...").
    quoted: frozenset[str] = frozenset()
    #: The terms of the questions partners asked that this line answers, that it lacks itself.
    asked: frozenset[str] = frozenset()

    @cached_property
    def reach(self) -> frozenset[str]:
        """Every term a question may meet the line by: its quote's and its questions'."""
        return self.quoted | self.asked

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without :attr:`reach` (a kept index is smaller; it is joined again)."""
        state = self.__dict__.copy()
        state.pop("reach", None)
        return state


@dataclass(frozen=True)
class _Doc:
    agreement_id: str
    clause: Clause
    agreement: Agreement


def _texts(clause: Clause, lang: str) -> list[str]:
    """The texts indexed for a clause in one language: title twice, heading when new, text."""
    title = clause.title.get(lang)
    out = [title, title]
    if (
        lang == "nl"
        and clause.heading
        and fold(clause.heading).strip(" .0123456789") not in fold(title)
    ):
        out.append(clause.heading)
    out.append(clause.text.get(lang))
    return out


def _same_list(line: str, other: str) -> bool:
    """Whether two lines are items of one list: they open with the same lead-in ("De basis
    van deze hervorming zijn de volgende maatregelen: ...")."""
    lead = _lead_of(line, [line, other])
    return lead is not None and other.startswith(lead)


def _lead_of(line: str, lines: Sequence[str]) -> str | None:
    """The lead-in ``line`` shares with the other items of its list ("... taken:"), or None."""
    for cut in (m.end() for m in reversed(list(re.finditer(r"[:;](?=\s)", line)))):
        lead = line[:cut]
        if sum(1 for other in lines if other.startswith(lead)) >= 2:
            return lead
    return None


@dataclass(frozen=True)
class _Asked:
    """A question asked of an agreement (:class:`rules.agreements.model.AskedQuestion`), as the
    index reads it: the terms of the question without what is said around it, and where a line
    holds its fact (:func:`rules.agreements.loader.fact_pattern`: "6" is not the 6 of "2026",
    "leden" not those of "bestuurleden")."""

    clause_ids: frozenset[str]
    fact: re.Pattern[str]
    terms: tuple[str, ...]

    @classmethod
    def of(cls, asked: AskedQuestion, analyzer: Analyzer) -> _Asked:
        fact = fact_pattern(asked.fact)
        terms = analyzer.terms(context_split(asked.q)[0], asked.lang)
        return cls(frozenset(asked.clauses), fact, tuple(terms))


class ClauseIndex:
    """BM25 over the clauses of a set of agreements; see the module docstring."""

    def __init__(self, docs: list[_Doc], analyzer: Analyzer, retriever: Any) -> None:
        """``retriever``: a bm25s.BM25 that has indexed the clauses (only its scores and
        vocabulary are kept)."""
        self._docs = docs
        self._analyzer = analyzer
        scores = retriever.scores
        self._data: npt.NDArray[np.float32] = np.asarray(scores["data"], dtype=np.float32)
        self._indices: npt.NDArray[np.int64] = np.asarray(scores["indices"], dtype=np.int64)
        self._indptr: npt.NDArray[np.int64] = np.asarray(scores["indptr"], dtype=np.int64)
        self._vocab: dict[str, int] = {
            term: i
            for term, i in retriever.vocab_dict.items()
            if term and i < len(self._indptr) - 1
        }
        n = len(docs)
        df = np.diff(self._indptr).astype(np.float64)
        self._idf = np.log1p((n - df + 0.5) / (df + 0.5))
        by_agreement: dict[str, list[int]] = {}
        for i, doc in enumerate(docs):
            by_agreement.setdefault(doc.agreement_id, []).append(i)
        self._by_agreement = {a: np.asarray(ix, dtype=np.int64) for a, ix in by_agreement.items()}
        self._analysed: OrderedDict[tuple[int, str], tuple[list[Word], list[Unit]]] = OrderedDict()
        self._agreement_of = {d.agreement_id: d.agreement for d in docs}
        self._lines: dict[tuple[str, str], list[_Line]] = {}
        self._holding: dict[tuple[str, str], dict[str, tuple[int, ...]]] = {}
        self._following_lines: dict[tuple[str, str, str, str], FactLine | None] = {}
        # the words and terms of lines shown, by (text, language): a line is analysed once
        self._line_units: OrderedDict[tuple[str, str], tuple[list[Word], list[Unit]]] = (
            OrderedDict()
        )
        # the terms of the questions asked last: an answer reads its question several times
        # (the lines, its subject, the subjects it may not settle)
        self._query_terms: OrderedDict[tuple[str, str, str | None], tuple[Term, ...]] = (
            OrderedDict()
        )
        #: (agreement id, language) -> the questions asked of it in that language
        self._asked_of: dict[tuple[str, str], list[_Asked]] = {}
        #: agreement id -> the glossary concepts its own clauses name (:meth:`names`)
        self._named: dict[str, frozenset[str]] = {}
        #: the terms of the agreements' own texts (a question is read knowing these; the
        #: index's other terms are those of the questions asked of them)
        self._own: Container[str] = self._vocab

    @classmethod
    def build(
        cls,
        agreements: Iterable[Agreement],
        asked: Mapping[str, Sequence[AskedQuestion]] | None = None,
    ) -> ClauseIndex:
        """The index of ``agreements``; ``asked``: the questions partners asked of them, by
        agreement id (:func:`rules.agreements.loader.shipped_asked`). A clause is indexed with
        the questions it answers beside its text, and a fact line with those it answers: a
        question in other words than the agreement's finds the line a question like it found.
        The vocabulary the questions are read with stays the agreements' own."""
        docs = [_Doc(a.id, c, a) for a in agreements for c in a.clauses]
        analyzer = Analyzer(
            {lang: [t for d in docs for t in _texts(d.clause, lang)] for lang in ("nl", "en")}
        )
        asked_of: dict[tuple[str, str], list[_Asked]] = {}
        for agreement_id, questions in (asked or {}).items():
            for q in questions:
                read = _Asked.of(q, analyzer)
                asked_of.setdefault((agreement_id, q.lang), []).append(read)
        # each clause's own terms, then those of the questions asked of it
        own_terms = [
            [
                term
                for lang in ("nl", "en")
                for t in _texts(d.clause, lang)
                for term in analyzer.terms(t, lang)
            ]
            for d in docs
        ]
        corpus = [
            own
            + [
                term
                for lang in ("nl", "en")
                for q in asked_of.get((d.agreement_id, lang), ())
                if d.clause.id in q.clause_ids
                for term in q.terms
            ]
            or ["\x00"]
            for d, own in zip(docs, own_terms, strict=True)
        ]
        # bm25s sets its logger to DEBUG when first imported, undoing the level the logging
        # set-up gave it ("Building index from tokens" in the offline chat): keep that level
        configured = logging.getLogger("bm25s").level
        import bm25s  # type: ignore[import-untyped]  # only to build: a loaded index needs numpy

        logging.getLogger("bm25s").setLevel(configured)

        retriever = bm25s.BM25(k1=1.2, b=0.75)
        if docs:
            retriever.index(corpus, show_progress=False)
        else:
            retriever.scores = {"data": [], "indices": [], "indptr": [0], "num_docs": 0}
            retriever.vocab_dict = {}
        index = cls(docs, analyzer, retriever)
        index._asked_of = asked_of
        # the terms of each agreement's own words, the questions asked of it left out
        own: dict[str, set[str]] = {}
        for d, terms in zip(docs, own_terms, strict=True):
            own.setdefault(d.agreement_id, set()).update(terms)
        index._own = frozenset().union(*own.values())
        index._named = {a: frozenset(t for t in terms if t[0] == "@") for a, terms in own.items()}
        return index

    def prepare(self) -> None:
        """Analyse every agreement's fact lines now (about 0.3 s for the shipped ones and the
        questions asked of them) rather
        than on the first question about each: an index kept on disk then holds them."""
        for agreement_id in self._agreement_of:
            for language in ("nl", "en"):
                self._lines_holding(agreement_id, language)

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the agreements: reading their models back took half the load of a
        kept index (the loader reads them anyway); :meth:`attach` links them again."""
        state = self.__dict__.copy()
        state["_docs"], state["_agreement_of"] = [], {}
        state["_query_terms"] = OrderedDict()  # the last questions' terms: this process's alone
        if all((a, lang) in self._lines for a in self._agreement_of for lang in ("nl", "en")):
            state["_asked_of"] = {}  # read into every agreement's lines already (prepare())
        state["_clause_refs"] = [(d.agreement_id, d.clause.id) for d in self._docs]
        return state

    def attach(self, agreements: Mapping[str, Agreement]) -> ClauseIndex:
        """This index, linked to ``agreements`` (by id: those it was built from) if it was read
        back from a pickle; an index that holds its agreements is returned as it is."""
        refs: list[tuple[str, str]] | None = self.__dict__.pop("_clause_refs", None)
        if refs is not None:
            self._docs = [_Doc(a, agreements[a].clause(c), agreements[a]) for a, c in refs]
            self._agreement_of = {d.agreement_id: d.agreement for d in self._docs}
        return self

    def __len__(self) -> int:
        """The number of clauses indexed."""
        return len(self._docs)

    @property
    def analyzer(self) -> Analyzer:
        return self._analyzer

    def terms(self, query: str, language: str, context: str | None = None) -> list[Term]:
        """The weighted terms the index makes of a question (``context``: what is said around
        it, when already split off; see :meth:`Analyzer.query`)."""
        key = (query, language, context)
        found = self._query_terms.get(key)
        if found is None:
            found = tuple(
                self._analyzer.query(query, language, self._own, context, asked_terms=self._vocab)
            )
            self._query_terms[key] = found
            if len(self._query_terms) > QUESTION_CACHE:
                self._query_terms.popitem(last=False)
        else:
            self._query_terms.move_to_end(key)
        return list(found)

    def search(
        self,
        query: str,
        language: str,
        *,
        agreements: Collection[str] | None = None,
        k: int = 3,
    ) -> list[Hit]:
        """The ``k`` clauses that match ``query`` best, best first (none that match nothing).

        ``language`` is the asker's ("nl" or "en"): the snippets are in it, and the question's
        words are read in it first when the question itself does not show its language.
        """
        candidates = self._candidates(agreements)
        if candidates is not None and len(candidates) == 0:
            return []
        scored = self._score(query, language, candidates)
        if scored is None:
            return []
        scores, core, total, weights = scored.scores, scored.core, scored.total, scored.weights
        pool = scores if candidates is None else scores[candidates]
        if k < len(pool):
            best = np.argpartition(-pool, k)[:k]
            best = best[np.argsort(-pool[best], kind="stable")]
        else:
            best = np.argsort(-pool, kind="stable")
        hits = []
        for i in best:
            if pool[i] <= 0:
                break
            doc_index = int(i) if candidates is None else int(candidates[i])
            doc = self._docs[doc_index]
            hits.append(
                Hit(
                    agreement_id=doc.agreement_id,
                    clause_id=doc.clause.id,
                    score=min(1.0, float(core[doc_index]) / total),
                    snippet=self._snippet(doc_index, language, weights),
                )
            )
        return hits

    def knows(self, term: str) -> bool:
        """Whether an agreement's own text holds ``term`` (not only a question asked of it)."""
        return term in self._own

    def names(self, term: str, agreement_id: str) -> bool:
        """Whether a clause of the agreement holds the glossary concept ``term`` ("@quorum") in
        its own words (False for any other term): a question asked of it that names a subject
        does not make it name that."""
        return term in self._named.get(agreement_id, ())

    def _candidates(self, agreements: Collection[str] | None) -> npt.NDArray[np.int64] | None:
        """The documents of ``agreements`` (None: all; empty when none of them is indexed)."""
        if agreements is None:
            return None
        parts = [self._by_agreement[a] for a in agreements if a in self._by_agreement]
        if not parts:
            return np.zeros(0, dtype=np.int64)
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def _score(
        self,
        query: str,
        language: str,
        candidates: npt.NDArray[np.int64] | None,
        context: str | None = None,
        floor: float = 0.0,
    ) -> _Scored | None:
        """The clauses' scores for a question, or None when no term of it is indexed."""
        terms = self.terms(query, language, context)
        scores = np.zeros(len(self._docs), dtype=np.float32)  # ranks the clauses
        core = np.zeros(len(self._docs), dtype=np.float32)  # what the question asks, covered
        if candidates is None:
            mask = None
            n = len(self._docs)
        else:
            mask = np.zeros(len(self._docs), dtype=bool)
            mask[candidates] = True
            n = len(candidates)
        unknown = math.log1p((n - 0.5) / 1.5)  # the idf of a term in one clause
        total = 0.0
        missing = 0.0
        weights: dict[str, float] = {}
        main: set[str] = set()
        for term in terms:
            tid = self._vocab.get(term.term)
            start, end = (self._indptr[tid], self._indptr[tid + 1]) if tid is not None else (0, 0)
            docs, values = self._indices[start:end], self._data[start:end]
            if mask is not None and end > start:
                inside = mask[docs]
                docs, values = docs[inside], values[inside]
            df = len(docs)
            if df == 0:
                if not term.extra and not self._analyzer.is_verb(term):
                    total += term.weight * unknown * UNKNOWN
                    missing += term.weight * unknown * UNKNOWN
                continue
            # the idf among the clauses searched: a word in every clause of the agreement asked
            # about tells nothing, however rare it is in the other agreements
            idf = math.log1p((n - df + 0.5) / (df + 0.5))
            if not term.extra:
                total += term.weight * idf
                main.add(term.term)
            weights[term.term] = term.weight * idf
            assert tid is not None
            factor = np.float32(term.weight * idf / float(self._idf[tid]))
            scores[docs] += factor * values
            if not term.extra:
                core[docs] += factor * values
        if not weights:
            return None
        total = max(total, floor or FLOOR)
        return _Scored(scores, core, total, weights, frozenset(main), missing / total)

    def lines(self, query: str, language: str, agreement_id: str, k: int = 3) -> list[LineHit]:
        """The ``k`` fact lines of one agreement that answer ``query`` best, in ``language``.

        Lines come from :func:`bot.ask.lines.agreement_lines` (a sentence, or a list item with its
        lead-in; a line two sections share is one line). A line's coverage fuses the share of the
        question's main terms it holds (weighted by their idf among the agreement's clauses) with
        its clause's BM25 coverage; lines holding the kind of answer the question word asks for
        (a date for "wanneer", a number for "hoeveel", ...) rank first among equals.
        """
        candidates = self._candidates([agreement_id])
        if candidates is not None and len(candidates) == 0:
            return []
        kind = asked_kind(query)
        # "waar zit het UWV" asks for its location: a line that gives one covers that part
        # the kind's words are left out of the question asked, not of its context ("Ik ben
        # nieuw. «Hoe vaak» vergadert het bestuur")
        question, context = context_split(query)
        asked = without_kind(question) if kind is not None else question
        asked = f"{asked} locatie" if kind == "where" else asked  # "locatie" is LOCATION
        floor = KIND_FLOOR if kind in REQUIRED_KINDS else FLOOR
        scored = self._score(asked, language, candidates, context, floor)
        if scored is None:
            return []
        covered = {
            self._docs[int(i)].clause.id: min(1.0, float(scored.core[int(i)]) / scored.total)
            for i in (candidates if candidates is not None else range(len(self._docs)))
        }
        # the lines of the language the question is written in (an English speaker may type
        # Dutch); the answer shows the matching line in the asker's language
        asked_in = self._analyzer.language([w.text for w in words(query)], language)
        # "why ...": the reason often comes just before what the question names ("... do not
        # stop at municipal boundaries. Regional issues call for a regional approach."): the
        # line quoted after a line counts for it in full
        why = _WHY.search(question) is not None
        after_share = 1.0 if why else FOLLOWING
        found: list[tuple[float, float, int, _Line, frozenset[str]]] = []
        items = self._agreement_lines(agreement_id, asked_in)
        holding = self._lines_holding(agreement_id, asked_in)
        wanted = frozenset(scored.weights)
        # only the lines that hold a term of the question, in their order
        for i in sorted({i for term in wanted for i in holding.get(term, ())}):
            item = items[i]
            matched = item.reach & wanted
            if kind == "where" and not matched & scored.main - {LOCATION}:
                continue  # a location of something else does not say where this is
            main = rest = 0.0
            for t in matched:
                # the line's own word counts in full; one of the line quoted after it, or of
                # the questions asked of it, as much as the more of the two allows
                if t in item.terms:
                    share = 1.0
                elif t in item.asked:
                    more = t in item.quoted and after_share > ASKED_SHARE
                    share = after_share if more else ASKED_SHARE
                else:
                    share = after_share
                weight = scored.weights[t] * share
                if t in scored.main:
                    main += weight
                else:
                    rest += weight
            main /= scored.total
            rest /= scored.total
            ids = item.line.clause_ids
            clause = (
                covered.get(ids[0], 0.0) if len(ids) == 1 else max(covered.get(c, 0.0) for c in ids)
            )
            coverage = min(1.0, LINE_SHARE * min(1.0, main) + (1 - LINE_SHARE) * clause)
            rank = (
                coverage
                + EXTRA_SHARE * rest
                + (KIND_BONUS if holds_kind(item.line.text, kind) else 0.0)
                + (REASON_BONUS if why and self._reason(agreement_id, item.line) else 0.0)
            )
            found.append((rank, coverage, -i, item, matched))
        found.sort(key=lambda f: (f[0], f[2]), reverse=True)
        # "Wanneer moet het jaarverslag er zijn?": of a long line, the sentence with the date
        holds = partial(holds_kind, kind=kind, question=query) if kind in REQUIRED_KINDS else None
        out = []
        listing = asks_list(query)
        for rank, coverage, _, item, matched in found[:k]:
            following = self._following(agreement_id, item.line, asked_in)
            out.append(
                LineHit(
                    agreement_id=agreement_id,
                    clause_ids=item.line.clause_ids,
                    coverage=coverage,
                    rank=rank,
                    missing=scored.missing,
                    matched=matched,
                    language=language,
                    passage=partial(
                        self._passage,
                        agreement_id,
                        item.line,
                        following,
                        listing,
                        asked_in,
                        weights=scored.weights,
                        holds=holds,
                    ),
                )
            )
        return out

    def _reason(self, agreement_id: str, line: FactLine) -> bool:
        """Whether ``line`` gives a reason (:data:`_REASON`): it says why, or its clause is an
        argument for the proposal, a remark on it or the recitals the parties agree by (its
        title says so: :data:`RECITALS`)."""
        if _REASON.search(line.text):
            return True
        agreement = self._agreement_of[agreement_id]
        return any(fold(agreement.clause(c).title.nl).startswith(RECITALS) for c in line.clause_ids)

    def _passage(
        self,
        agreement_id: str,
        line: FactLine,
        following: FactLine | None,
        listing: bool,
        asked_in: str,
        lang: str,
        *,
        weights: dict[str, float],
        strict: bool = False,
        holds: Callable[[str], bool] | None = None,
    ) -> str:
        """What an answer quotes of ``line`` in ``lang``: the whole list it is an item of (for
        a question asking for a list), or the line with the line after it (``following``), or
        the line alone. ``holds``: whether a sentence holds the kind of answer the question
        asks for (see :func:`snippet`)."""
        whole = self._list_of(agreement_id, line, asked_in, lang) if listing else None
        if whole is not None:  # "welke maatregelen ...": the list, not its first item
            return self._line_snippet(whole, lang, weights, whole=True)
        shown = self._shown(agreement_id, line, asked_in, lang, weights, strict, holds)
        if not shown:
            return ""
        before = self._preceding(agreement_id, line, asked_in)
        if before is not None:  # "Daarmee heeft de gemeente invloed ...": what it points at
            first = self._shown(agreement_id, before, asked_in, lang, weights, strict)
            shown = f"{first} {shown}" if first else shown
        if following is not None and _same_list(line.text, following.text):
            following = None  # the next item of a list: one thing asked, one item quoted
        if following is not None:  # "Dit overleg adviseert ...": the rest of the answer
            rest = self._list_of(agreement_id, following, asked_in, lang) if listing else None
            if rest is not None:  # "... werkt aan een hervorming." and the list after it
                return f"{shown} {self._line_snippet(rest, lang, weights, whole=True)}"
            after = self._shown(agreement_id, following, asked_in, lang, weights, strict)
            shown = f"{shown} {after}" if after else shown
        return shown

    def _list_of(self, agreement_id: str, line: FactLine, asked_in: str, lang: str) -> str | None:
        """The whole list ``line`` is an item of, in ``lang``: its lead-in once, then its items
        ("De basis ... zijn de volgende maatregelen: Creëren van één regionaal loket; ...");
        None when the line is no list item or the list is too long to quote."""
        clause = self._agreement_of[agreement_id].clause(line.clause_ids[0])
        text = aligned(clause, line.text, asked_in, lang)
        if text is None:
            return None
        there = split_lines(clause.text.get(lang))
        lead = _lead_of(text, there)
        if lead is None:
            return None
        items = [t[len(lead) :].strip() for t in there if t.startswith(lead)]
        whole = " ".join(
            [lead, *(i if i.endswith((";", ",", ".")) else f"{i};" for i in items[:-1]), items[-1]]
        )
        return whole if len(whole) <= LIST_MAX else None

    def _preceding(self, agreement_id: str, line: FactLine, language: str) -> FactLine | None:
        """The line before ``line`` in its clause when ``line`` opens by pointing back at it
        with "Daarmee", "Hiermee", "Thereby" (:func:`bot.ask.lines.leans_back`), else None."""
        if not leans_back(line.text):
            return None
        clause = self._agreement_of[agreement_id].clause(line.clause_ids[0])
        texts = split_lines(clause.text.get(language))
        at = texts.index(line.text) if line.text in texts else 0
        return FactLine(line.clause_ids[:1], texts[at - 1]) if at > 0 else None

    def _following(self, agreement_id: str, line: FactLine, language: str) -> FactLine | None:
        """The line after ``line`` in its clause when it is about what ``line`` says
        (:func:`bot.ask.lines.refers_back`), follows a heading, or both are short
        (:data:`FOLLOW_MAX`), else None; worked out once per line."""
        key = (agreement_id, line.clause_ids[0], line.text, language)
        if key in self._following_lines:
            return self._following_lines[key]
        clause = self._agreement_of[agreement_id].clause(line.clause_ids[0])
        texts = split_lines(clause.text.get(language))
        at = texts.index(line.text) if line.text in texts else len(texts)
        found = None
        lead = _lead_of(line.text, texts)  # the next item of its list is another fact
        if at + 1 < len(texts) and (
            is_heading(line.text)
            or refers_back(texts[at + 1], f"{clause.title.get(language)} {line.text}")
            or (
                len(line.text) + len(texts[at + 1]) <= FOLLOW_MAX
                and (lead is None or not texts[at + 1].startswith(lead))
            )
        ):
            found = FactLine(line.clause_ids[:1], texts[at + 1])
        self._following_lines[key] = found
        return found

    def _lines_holding(self, agreement_id: str, language: str) -> dict[str, tuple[int, ...]]:
        """{term: the positions of the lines of :meth:`_agreement_lines` whose quote holds it}."""
        key = (agreement_id, language)
        found = self._holding.get(key)
        if found is None:
            positions: dict[str, list[int]] = {}
            for i, item in enumerate(self._agreement_lines(agreement_id, language)):
                for term in item.reach:
                    positions.setdefault(term, []).append(i)
            found = {term: tuple(at) for term, at in positions.items()}
            self._holding[key] = found
        return found

    def _agreement_lines(self, agreement_id: str, language: str) -> list[_Line]:
        key = (agreement_id, language)
        found = self._lines.get(key)
        if found is None:
            agreement = self._agreement_of[agreement_id]
            titles = {
                c.id: set(self._analyzer.terms(c.title.get(language), language))
                for c in agreement.clauses
            }
            # a line is about what its section's title says ("Loonwaardebepaling")
            found = [
                _Line(
                    line,
                    frozenset(self._analyzer.terms(line.text, language)).union(
                        *(titles[c] for c in line.clause_ids)
                    ),
                )
                for line in agreement_lines(agreement, language)
            ]
            found = self._with_asked(agreement, language, found)
            terms_of = {(item.line.clause_ids[0], item.line.text): item.terms for item in found}
            for i, item in enumerate(found):
                following = self._following(agreement_id, item.line, language)
                extra: frozenset[str] = frozenset()
                if following is not None:
                    extra = terms_of.get((following.clause_ids[0], following.text), frozenset())
                found[i] = _Line(item.line, item.terms, item.terms | extra, item.asked)
            self._lines[key] = found
        return found

    def _with_asked(self, agreement: Agreement, language: str, found: list[_Line]) -> list[_Line]:
        """``found`` with the terms of the questions asked of each line (:attr:`_Line.asked`):
        a question answers the lines of its clauses that hold its fact as whole words, in the
        language asked or in the other (a Dutch fact of an English question). A question whose
        fact only a title or heading holds answers no line: its clause holds it
        (:meth:`build`)."""
        asked = self._asked_of.get((agreement.id, language))
        if not asked:
            return found
        by_clause: dict[str, list[tuple[int, str]]] = {}
        for i, item in enumerate(found):
            clause = agreement.clause(item.line.clause_ids[0])
            counterpart = aligned(clause, item.line.text, language, other(language)) or ""
            text = f"{folded(item.line.text)}\n{folded(counterpart)}"
            for clause_id in item.line.clause_ids:
                by_clause.setdefault(clause_id, []).append((i, text))
        extra: dict[int, set[str]] = {}
        for q in asked:
            lines = {
                i for c in q.clause_ids for i, text in by_clause.get(c, ()) if q.fact.search(text)
            }
            for i in lines:
                extra.setdefault(i, set()).update(q.terms)
        return [
            _Line(item.line, item.terms, item.quoted, frozenset(extra[i]) - item.terms)
            if i in extra
            else item
            for i, item in enumerate(found)
        ]

    def _shown(
        self,
        agreement_id: str,
        line: FactLine,
        asked_in: str,
        lang: str,
        weights: dict[str, float],
        strict: bool = False,
        holds: Callable[[str], bool] | None = None,
    ) -> str:
        """The line as shown to someone reading ``lang``: itself, or the same line of the other
        language (the clause's lines in the same place), or else the clause's best passage
        (``strict``: "")."""
        if asked_in == lang:
            return self._line_snippet(line.text, lang, weights, holds=holds)
        clause = self._agreement_of[agreement_id].clause(line.clause_ids[0])
        text = aligned(clause, line.text, asked_in, lang)
        if text is not None:
            return self._line_snippet(text, lang, weights, holds=holds)
        if strict:
            return ""
        doc = next(i for i, d in enumerate(self._docs) if d.clause is clause)
        return self._snippet(doc, lang, weights)

    def _line_snippet(
        self,
        text: str,
        lang: str,
        weights: dict[str, float],
        whole: bool = False,
        holds: Callable[[str], bool] | None = None,
    ) -> str:
        """``text`` with its matched words marked: the best passage of it, or all of it."""
        key = (text, lang)
        analysed = self._line_units.get(key)
        if analysed is None:
            analysed = (words(text), self._analyzer.units(text, lang))
            self._line_units[key] = analysed
            if len(self._line_units) > LINE_CACHE:
                self._line_units.popitem(last=False)
        else:
            self._line_units.move_to_end(key)
        found, units = analysed
        spans = []
        for unit in units:
            matched = frozenset(t for t in unit.terms if t in weights)
            if matched:
                spans.append((found[unit.first].start, found[unit.last].end, matched))
        if whole:
            return re.sub(r"\s+", " ", _render(text, 0, len(text), spans)).strip()
        return snippet(text, spans, weights, holds=holds)

    def confident(self, hits: Sequence[Hit]) -> bool:
        """Whether the top hit is good enough to answer with.

        The top hit must cover at least ``CONFIDENT`` of the question, and clearly beat the
        first hit that would not be shown: the runner-up, or the third hit when the runner-up
        is :meth:`close` and shown beside the top hit.
        """
        if not hits:
            return False
        top = hits[0].score
        shown = 2 if self.close(hits) else 1
        following = hits[shown].score if len(hits) > shown else 0.0
        return top >= CONFIDENT and following <= MARGIN * top

    def close(self, hits: Sequence[Hit]) -> bool:
        """Whether the runner-up scores nearly as well as the top hit (then show both)."""
        return len(hits) > 1 and hits[1].score >= CLOSE * hits[0].score

    # -- snippets ----------------------------------------------------------------------------

    def _analyse(self, doc_index: int, lang: str) -> tuple[list[Word], list[Unit]]:
        key = (doc_index, lang)
        found = self._analysed.get(key)
        if found is None:
            text = self._docs[doc_index].clause.text.get(lang)
            found = (words(text), self._analyzer.units(text, lang))
            self._analysed[key] = found
            if len(self._analysed) > 512:
                self._analysed.popitem(last=False)
        else:
            self._analysed.move_to_end(key)
        return found

    def _snippet(self, doc_index: int, lang: str, weights: dict[str, float]) -> str:
        text = self._docs[doc_index].clause.text.get(lang)
        found, units = self._analyse(doc_index, lang)
        spans = []  # (start, end, terms matched) of the matched words, in order
        for unit in units:
            matched = frozenset(t for t in unit.terms if t in weights)
            if matched:
                spans.append((found[unit.first].start, found[unit.last].end, matched))
        return snippet(text, spans, weights)


def _segments(text: str) -> list[tuple[int, int]]:
    out = []
    start = 0
    for m in _SEGMENT_END.finditer(text):
        # the word before the break is enough to look at: the abbreviations are short
        if "\n" not in m.group() and abbreviated(text[max(0, m.start() - 12) : m.start()]):
            continue  # "(excl. Enschede)", "o.a. de gemeenten": no sentence ends
        if m.start() > start:
            out.append((start, m.start()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _render(
    text: str, start: int, end: int, spans: Sequence[tuple[int, int, frozenset[str]]]
) -> str:
    out = []
    at = start
    for s, e, _ in spans:
        if s < start or e > end:
            continue
        out += [text[at:s], "«", text[s:e], "»"]
        at = e
    out.append(text[at:end])
    return re.sub(r"\s+", " ", "".join(out)).strip()


def snippet(
    text: str,
    spans: Sequence[tuple[int, int, frozenset[str]]],
    weights: dict[str, float],
    limit: int = SNIPPET_MAX,
    holds: Callable[[str], bool] | None = None,
) -> str:
    """The passage of ``text`` with the most matched weight, matched words marked «so».

    ``holds`` tells whether a sentence holds the kind of answer the question asks for (a date
    for "when"): when the best sentence does not, a sentence that does and matches at least
    :data:`KIND_SENTENCE` as much of the question is the passage ("Wanneer moet het verslag er
    zijn?": "Dit schriftelijke verslag ... binnen 6 weken na afsluiting ...", not the sentence
    before it that says who it goes to).

    ``spans`` are the matched words (start, end, terms) in order; the passage is the best
    sentence (or line), continued while short or while the next sentence is about it
    (:func:`bot.ask.lines.refers_back`), cut around its matches when long, at most
    ``limit`` characters with the marks and the "…" of a cut.
    """
    segments = _segments(text) or [(0, len(text))]

    def value(seg: tuple[int, int]) -> float:
        terms = {t for s, e, ts in spans if s >= seg[0] and e <= seg[1] for t in ts}
        return sum(weights[t] for t in terms)

    values = [value(seg) for seg in segments]
    best = max(range(len(segments)), key=lambda i: (values[i], -i))
    if holds is not None and not holds(text[segments[best][0] : segments[best][1]]):
        holding = [
            i
            for i, (a, b) in enumerate(segments)
            if values[i] > 0 and values[i] >= KIND_SENTENCE * values[best] and holds(text[a:b])
        ]
        best = max(holding, key=lambda i: (values[i], -i)) if holding else best
    start, end = segments[best]
    room = limit - 2
    nxt = best + 1
    while nxt < len(segments):
        if segments[nxt][1] - start > room - 40:
            break
        # "Hierbij wordt ... gebruik gemaakt van de systemen WBS en Sonar.": the rest of it
        following = text[segments[nxt][0] : segments[nxt][1]]
        if end - start >= room * 0.5 and not refers_back(following, text[start:end]):
            break
        end = segments[nxt][1]
        nxt += 1
    inside = [sp for sp in spans if sp[0] >= start and sp[1] <= end]
    if end - start > room - 2 * len(inside):
        anchor = max(inside, key=lambda sp: sum(weights[t] for t in sp[2]))[0] if inside else start
        cut = max(start, anchor - 80)
        if cut > start:
            space = text.rfind(" ", start, cut)
            cut = space + 1 if space >= 0 and space + 1 > start else cut
        start = cut
    head = "…" if start > segments[best][0] else ""
    stop = min(end, start + room)
    while True:
        if stop < end:
            space = text.rfind(" ", start, stop)
            stop = space if space > start else stop
        tail = "…" if stop < end else ""
        rendered = head + _render(text, start, stop, spans) + tail
        if len(rendered) <= limit or stop <= start:
            return rendered[:limit]
        stop -= len(rendered) - limit
