"""Accuracy, refusals and speed of free questions on the development set.

    python bench/ask_dev.py [--verbose] [--rounds 5] [--questions bench/dev_questions.yaml]

Every question of bench/dev_questions.yaml is answered as a private chat answers it (``answer()``
on the one agreement it is about, in the question's language). Per language it prints:

* top-1: the clause the answer cites first (when it refuses: the clause search's first hit) is
  one of the expected clauses, over the questions the agreement answers;
* answered: the answer is not a refusal and cites an expected clause first;
* fact: the expected fact (folded: case and accents do not matter) occurs in the answer;
* refusal precision (refusals that were right) and recall (questions the agreement does not
  answer that were refused);
* p50/p99 latency of ``answer()`` (index built beforehand, caches warm).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import yaml

from bot.ask.answer import Answer, answer
from bot.ask.index import ClauseIndex
from bot.ask.text import fold
from bot.i18n import translator
from rules.agreements.loader import shipped_agreements

QUESTIONS = Path(__file__).resolve().parent / "dev_questions.yaml"
TODAY = date(2026, 3, 1)


@dataclass
class Tally:
    answerable: int = 0
    top1: int = 0
    answered: int = 0
    fact: int = 0
    unanswerable: int = 0
    refused: int = 0
    refused_right: int = 0
    misses: list[str] = field(default_factory=list)


def load(path: Path) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return items


def _plain(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text.replace("«", "").replace("»", "")))


def expected(item: dict[str, Any]) -> set[str]:
    expect = item["expect"]
    return set(expect) if isinstance(expect, list) else {expect}


def score(item: dict[str, Any], result: Answer, index: ClauseIndex, tally: Tally) -> str | None:
    """Add one question to ``tally``; a note when it went wrong."""
    refused = result.kind == "nothing"
    tally.refused += refused
    if item["expect"] == "none":
        tally.unanswerable += 1
        tally.refused_right += refused
        return None if refused else f"answered {result.clauses[:1]}: {result.lines[:1]}"
    tally.answerable += 1
    wanted = expected(item)
    if refused:
        hits = index.search(item["q"], item["lang"], agreements=[item["agreement"]], k=1)
        first = hits[0].clause_id if hits else None
    else:
        first = result.clauses[0][1] if result.clauses else None
    tally.top1 += first in wanted
    tally.answered += (not refused) and first in wanted
    has_fact = not refused and _plain(item["fact"]) in _plain(" ".join(result.lines))
    tally.fact += has_fact
    if refused:
        return f"refused (search first: {first})"
    if first not in wanted or not has_fact:
        return f"cites {first}, fact {'yes' if has_fact else 'NO'}: {' | '.join(result.lines)}"
    return None


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--verbose", action="store_true", help="show every miss")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    args = parser.parse_args()

    agreements = shipped_agreements()
    index = ClauseIndex.build(agreements.values())
    items = load(args.questions)
    tallies: dict[str, Tally] = {"nl": Tally(), "en": Tally(), "all": Tally()}
    for item in items:
        result = answer(
            item["q"], [agreements[item["agreement"]]], index, translator(item["lang"]), TODAY
        )
        for key in (item["lang"], "all"):
            note = score(item, result, index, tallies[key])
        if note is not None and args.verbose:
            print(f"  [{item['agreement']} {item['lang']}] {item['q']!r} expect {item['expect']}")
            print(f"      {note}")

    print(f"{len(items)} questions ({args.questions.name})")
    print(
        f"  {'':5} {'n':>4} {'top-1':>6} {'answered':>9} {'fact':>6}"
        f" {'none':>5} {'refused':>8} {'ref.prec':>9} {'ref.rec':>8}"
    )
    for key, t in tallies.items():
        precision = t.refused_right / t.refused if t.refused else 1.0
        recall = t.refused_right / t.unanswerable if t.unanswerable else 1.0
        n = t.answerable
        print(
            f"  {key:5} {n + t.unanswerable:4d} {t.top1 / n:6.0%} {t.answered / n:9.0%}"
            f" {t.fact / n:6.0%} {t.unanswerable:5d} {t.refused:8d} {precision:9.0%} {recall:8.0%}"
        )

    samples = []
    calls = [(item, agreements[item["agreement"]], translator(item["lang"])) for item in items]
    for item, agreement, tr in calls:  # warm the caches
        answer(item["q"], [agreement], index, tr, TODAY)
    for _ in range(args.rounds):
        for item, agreement, tr in calls:
            started = time.perf_counter()
            answer(item["q"], [agreement], index, tr, TODAY)
            samples.append((time.perf_counter() - started) * 1000)
    cuts = statistics.quantiles(samples, n=100)
    print(
        f"\nanswer() latency over {args.rounds} rounds: p50 {cuts[49]:.2f} ms, p99 {cuts[98]:.2f} ms"
    )


if __name__ == "__main__":
    main()
