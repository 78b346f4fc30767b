"""Write the questions partners asked (rules/agreements/data/asked/) from the question sets read.

    python bench/make_asked.py

Every answerable question of the sets in :data:`ask_dev.QUESTIONS` (the development set and the
sets written since and read, never a set held back for an honest figure) becomes an entry of
its agreement's file: the question as typed, the clauses that answer it and the words of the
line that does (its ``fact``). Then the questions of bench/line_questions.yaml: for every fact
line of the agreements, questions in the partners' own words that it answers, written by
helpers from the lines alone. The answers read them as other words for that line (see
docs/asking.md, "Questions asked"). Questions the agreement does not answer and questions
about the bot itself are left out. bench/ask_dev.py scores each set with an index that leaves
that set's own questions out, so its figures stay those of questions the index never saw.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.ask_dev import QUESTIONS, expected, load
from rules.agreements.loader import ASKED_DIR, folded, shipped_agreements, shipped_asked

HEADER = """\
# The questions partners asked about {agreement}, with where it answers them: the clause(s)
# and a few words of the line that does, in Dutch or in our English translation. The answers read each question as
# other words for that line. Written by bench/make_asked.py from the question sets under
# bench/ that were read (docs/asking.md, "Questions asked"); a secretary may add the
# questions of their own board in the same form.
agreement: {agreement}
questions:
"""


LINE_QUESTIONS = Path(__file__).resolve().parent / "line_questions.yaml"


def entries() -> dict[str, list[str]]:
    """{agreement id: its entries, one flow mapping per line}, in the sets' order."""
    out: dict[str, list[str]] = {a: [] for a in shipped_agreements()}
    texts = {
        a.id: {
            c.id: folded(f"{c.text.nl}\n{c.text.en}\n{c.title.nl}\n{c.title.en}\n{c.heading}")
            for c in a.clauses
        }
        for a in shipped_agreements().values()
    }
    seen: set[tuple[str, str, str]] = set()
    for path in (*QUESTIONS, LINE_QUESTIONS):
        for item in load(path):
            expect = str(item.get("expect", ""))
            if expect == "none" or expect.startswith("chat-"):
                continue
            key = (item["agreement"], item["lang"], item["q"])
            if key in seen or not item.get("fact"):
                continue
            seen.add(key)
            ids = sorted(item["clauses"] if "clauses" in item else expected(item))
            fact = _in_text(item["fact"], [texts[item["agreement"]][c] for c in ids])
            if fact is None:
                print(f"left out ({item['agreement']}): {item['q']!r}, fact {item['fact']!r}")
                continue
            clauses = ", ".join(ids)
            out[item["agreement"]].append(
                f"  - {{lang: {item['lang']}, q: {json.dumps(item['q'], ensure_ascii=False)},"
                f" clauses: [{clauses}], fact: {json.dumps(fact, ensure_ascii=False)}}}"
            )
    return out


def _in_text(fact: str, texts: list[str]) -> str | None:
    """``fact`` as the clauses' texts hold it: a fact a line joins from a list's lead-in and
    an item ("Vaste leden: De regiomanager") is the item's words; None when not there."""
    for candidate in (fact, fact.rsplit(": ", 1)[-1]):
        if any(folded(candidate) in text for text in texts):
            return candidate
    return None


def main() -> None:
    ASKED_DIR.mkdir(exist_ok=True)
    for agreement, lines in entries().items():
        path = ASKED_DIR / f"{agreement}.yaml"
        path.write_text(HEADER.format(agreement=agreement) + "\n".join(lines) + "\n", "utf-8")
        print(
            f"{path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path}:"
            f" {len(lines)} questions"
        )
    shipped_asked.cache_clear()
    shipped_asked()  # every file reads back and every fact is in its clause


if __name__ == "__main__":
    main()
