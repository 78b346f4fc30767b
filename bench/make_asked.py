"""Write the questions partners asked (rules/agreements/data/asked/) from the question sets read.

    python bench/make_asked.py

Every answerable question of the sets in :data:`ask_dev.QUESTIONS` (the development set and the
sets written since and read, never a set held back for an honest figure) becomes an entry of
its agreement's file: the question as typed, the clauses that answer it and the Dutch words of
the line that does (its ``fact``). The answers read them as other words for that line (see
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
from rules.agreements.loader import ASKED_DIR, shipped_agreements, shipped_asked

HEADER = """\
# The questions partners asked about {agreement}, with where it answers them: the clause(s)
# and a few words of the line that does, in Dutch or in our English translation. The answers read each question as
# other words for that line. Written by bench/make_asked.py from the question sets under
# bench/ that were read (docs/asking.md, "Questions asked"); a secretary may add the
# questions of their own board in the same form.
agreement: {agreement}
questions:
"""


def entries() -> dict[str, list[str]]:
    """{agreement id: its entries, one flow mapping per line}, in the sets' order."""
    out: dict[str, list[str]] = {a: [] for a in shipped_agreements()}
    seen: set[tuple[str, str, str]] = set()
    for path in QUESTIONS:
        for item in load(path):
            if item["expect"] == "none" or str(item["expect"]).startswith("chat-"):
                continue
            key = (item["agreement"], item["lang"], item["q"])
            if key in seen or not item.get("fact"):
                continue
            seen.add(key)
            clauses = ", ".join(sorted(expected(item)))
            out[item["agreement"]].append(
                f"  - {{lang: {item['lang']}, q: {json.dumps(item['q'], ensure_ascii=False)},"
                f" clauses: [{clauses}], fact: {json.dumps(item['fact'], ensure_ascii=False)}}}"
            )
    return out


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
