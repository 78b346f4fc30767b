"""What the tests that ask the shipped agreements questions share: the agreements' ids, one
date, and asking one agreement in one language as a private chat does."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterable
from datetime import date
from pathlib import Path

from bot.ask.answer import Answer, answer
from bot.ask.index import ClauseIndex
from bot.ask.lines import unmarked
from bot.i18n import translator
from rules.agreements.loader import shipped_agreements

ACHTERHOEK, TWENTE, WERKCENTRUM = "achterhoek-2014", "twente-2020", "werkcentrum-twente-2025"
TODAY = date(2026, 3, 1)


def ask(question: str, index: ClauseIndex, agreement_id: str, lang: str) -> Answer:
    """``question`` asked of one shipped agreement, answered in ``lang``."""
    return answer(question, [shipped_agreements()[agreement_id]], index, translator(lang), TODAY)


def text_of(result: Answer) -> str:
    """An answer's lines as one text, without the marks around matched words."""
    return unmarked(" ".join(result.lines))


def assert_quotes(
    result: Answer, agreement_id: str, clause_id: str, fact: str, note: str = ""
) -> None:
    """The answer quotes the agreement ("clauses"), cites ``clause_id`` first and holds
    ``fact``; ``note`` (the question) says which one failed."""
    assert result.kind == "clauses", note
    assert result.clauses[0] == (agreement_id, clause_id), note
    assert fact in text_of(result), note


def assert_refused(index: ClauseIndex, cases: Iterable[tuple[str, str, str]]) -> None:
    """Each (question, agreement id, language) of ``cases`` is told that the agreement does not
    say (:func:`refuses`); a failure names the question."""
    for question, agreement_id, lang in cases:
        assert refuses(ask(question, index, agreement_id, lang)), question


def assert_says(result: Answer, fact: str, note: str = "") -> None:
    """The answer quotes the agreement ("clauses") and holds ``fact``, whichever clause it
    cites; ``note`` (the question) says which one failed."""
    assert result.kind == "clauses", note
    assert fact in text_of(result), note


def refuses(result: Answer) -> bool:
    """The answer says the agreement does not answer the question: "nothing matches", or that
    with the line that comes closest ("nearest")."""
    return result.kind == "nothing" or (result.kind == "nearest" and result.silent)


def in_a_new_process(script: str) -> str:
    """What ``script`` prints to stdout and stderr, run by a fresh Python in the project (for
    what only a cold start shows: a module imported, a logger's level on first import)."""
    done = subprocess.run(
        [sys.executable, "-c", script],
        cwd=Path(__file__).resolve().parents[2],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout + done.stderr
