"""Accuracy and speed of /ask on the questions in bench/questions.yaml.

    python bench/ask.py [--verbose] [--rounds 20] [--copies 35]

For every question it checks what the bot would do with it:

* a clause question (``expect: art-7``) must get no intent, and the clause search restricted to
  the agreement must rank that clause first (top-1) or among the first three (top-3); "sure"
  counts the questions ``answer()`` answers with the right clause among those it quotes (the
  clauses of the fact lines it quotes), "WRONG" those it answers without it (keep it low);
* a structured question (``expect: {intent: chair}``) must get that intent (and delegation);
* a question the agreements do not answer (``expect: nothing``) must get the "nothing" answer.

It prints top-1 and top-3 accuracy per language, then p50/p99 latency of ``answer()`` on the
three agreements, of ``search`` on them, and of ``search`` on a corpus of ``--copies`` times the
agreements (replicated under other ids), unrestricted.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from bot.ask.answer import answer
from bot.ask.index import ClauseIndex
from bot.ask.intents import detect
from bot.i18n import translator
from rules.agreements.loader import shipped_agreements
from rules.agreements.model import Agreement

QUESTIONS = Path(__file__).resolve().parent / "questions.yaml"
TODAY = date(2026, 3, 1)


@dataclass
class Tally:
    total: int = 0
    top1: int = 0
    top3: int = 0
    sure: int = 0
    wrong: int = 0

    def add(self, top1: bool, top3: bool, sure: bool = False, wrong: bool = False) -> None:
        self.total += 1
        self.top1 += top1
        self.top3 += top3
        self.sure += sure
        self.wrong += wrong


def load(path: Path = QUESTIONS) -> list[dict[str, Any]]:
    questions: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return questions


def check(
    item: dict[str, Any], agreements: dict[str, Agreement], index: ClauseIndex
) -> tuple[str, bool, bool, bool, bool, str]:
    """(kind, top-1, top-3, answered with it, answered wrongly, what happened)."""
    agreement = agreements[item["agreement"]]
    question, lang, expect = item["q"], item["lang"], item["expect"]
    match = detect(question, agreement)
    if isinstance(expect, dict):
        ok = match is not None and match.intent.value == expect["intent"]
        if ok and "delegation" in expect:
            ok = match is not None and match.delegation == expect["delegation"]
        return "intent", ok, ok, ok, match is not None and not ok, f"detect -> {match}"
    if expect == "nothing":
        result = answer(question, [agreement], index, translator(lang), TODAY)
        ok = result.kind == "nothing"
        return "nothing", ok, ok, ok, not ok, f"{result.kind}: {result.clauses}"
    hits = index.search(question, lang, agreements=[agreement.id], k=3)
    ids = [h.clause_id for h in hits]
    scores = ", ".join(f"{h.clause_id} {h.score:.2f}" for h in hits)
    if match is not None:
        return "clause", False, False, False, True, f"intent {match.intent} ({scores})"
    top1 = bool(ids) and ids[0] == expect
    result = answer(question, [agreement], index, translator(lang), TODAY)
    sure = result.kind != "nothing"
    shown = [c for _, c in result.clauses]  # what answer() quotes
    return (
        "clause",
        top1,
        expect in ids,
        sure and expect in shown,
        sure and expect not in shown,
        f"{scores}; answer quotes {shown}",
    )


def quantiles(samples: list[float]) -> tuple[float, float]:
    cuts = statistics.quantiles(samples, n=100)
    return cuts[49], cuts[98]


def timed(calls: list[Callable[[], object]], rounds: int) -> tuple[float, float]:
    samples = []
    for _ in range(rounds):
        for call in calls:
            started = time.perf_counter()
            call()
            samples.append((time.perf_counter() - started) * 1000)
    return quantiles(samples)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verbose", action="store_true", help="show every miss")
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--copies", type=int, default=35)
    args = parser.parse_args()

    agreements = shipped_agreements()
    started = time.perf_counter()
    index = ClauseIndex.build(agreements.values())
    build_ms = (time.perf_counter() - started) * 1000
    items = load()

    tallies: dict[tuple[str, str], Tally] = {}
    for item in items:
        kind, top1, top3, sure, wrong, note = check(item, agreements, index)
        for key in ((item["lang"], kind), (item["lang"], "all")):
            tallies.setdefault(key, Tally()).add(top1, top3, sure, wrong)
        if args.verbose and not (top1 and not wrong):
            print(f"  miss [{item['agreement']} {item['lang']}] {item['q']!r}")
            print(f"       expected {item['expect']}; {note}")

    print(f"{len(items)} questions, index built in {build_ms:.0f} ms")
    print(f"  {'':12} {'n':>4} {'top-1':>7} {'top-3':>7} {'sure':>7} {'WRONG':>6}")
    for lang in ("nl", "en"):
        for kind in ("clause", "intent", "nothing", "all"):
            tally = tallies.get((lang, kind))
            if tally is None:
                continue
            print(
                f"  {lang + ' ' + kind:12} {tally.total:4d} {tally.top1 / tally.total:7.0%} "
                f"{tally.top3 / tally.total:7.0%} {tally.sure / tally.total:7.0%} {tally.wrong:6d}"
            )

    holders = {(a, "chair"): "Anna de Vries" for a in agreements}
    answer_calls: list[Callable[[], object]] = [
        partial(
            answer,
            item["q"],
            [agreements[item["agreement"]]],
            index,
            translator(item["lang"]),
            TODAY,
            holders,
        )
        for item in items
    ]
    search_calls: list[Callable[[], object]] = [
        partial(index.search, item["q"], item["lang"], agreements=[item["agreement"]])
        for item in items
    ]
    copies = [
        a.model_copy(update={"id": f"{a.id}-copy{n}"})
        for n in range(1, args.copies)
        for a in agreements.values()
    ]
    started = time.perf_counter()
    big = ClauseIndex.build([*agreements.values(), *copies])
    big_build_ms = (time.perf_counter() - started) * 1000
    big_calls: list[Callable[[], object]] = [
        partial(big.search, item["q"], item["lang"]) for item in items
    ]
    timed(answer_calls + search_calls + big_calls, 1)  # warm the caches
    print(f"\nlatency over {args.rounds} rounds (ms)  {'p50':>7} {'p99':>7}")
    for name, calls in (
        ("answer()", answer_calls),
        ("search, 3 agreements", search_calls),
        (f"search, {args.copies}x corpus", big_calls),
    ):
        p50, p99 = timed(calls, args.rounds)
        print(f"  {name:30} {p50:7.2f} {p99:7.2f}")
    print(f"  ({args.copies}x corpus: {len(big)} clauses, built in {big_build_ms:.0f} ms)")


if __name__ == "__main__":
    main()
