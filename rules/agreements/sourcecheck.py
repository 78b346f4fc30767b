"""Check that clause texts reproduce their source document word for word.

The Dutch clause texts of an agreement are the seed text with PDF line breaks, page numbers and
bullet glyphs repaired and nothing else. This module proves that: after the agreement's declared
``repairs`` (each a documented regular-expression substitution that must match), the headings
and Dutch texts of all clauses, in order, yield exactly the token sequence of the source.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

BULLET_GLYPHS = "\uf0b7\u2022\uf0a7"
_TOKEN = re.compile(r"\w+|[^\w\s]")


@dataclass(frozen=True)
class Repair:
    """A documented substitution applied to the source before comparison."""

    pattern: str
    replace: str
    why: str


@dataclass(frozen=True)
class ClauseText:
    """What the comparison needs of a clause: its id, verbatim heading and Dutch text."""

    id: str
    heading: str
    text: str


@dataclass(frozen=True)
class Mismatch:
    """The first place where clauses and source part ways."""

    clause_id: str
    position: int
    expected: tuple[str, ...]
    found: tuple[str, ...]

    def __str__(self) -> str:
        return (
            f"clause {self.clause_id!r}, token {self.position}: source has "
            f"{' '.join(self.expected)!r}, clause has {' '.join(self.found)!r}"
        )


def tokens(text: str) -> list[str]:
    """Words and punctuation marks of ``text``; bullet glyphs count as a dash."""
    for glyph in BULLET_GLYPHS:
        text = text.replace(glyph, "-")
    return _TOKEN.findall(text)


def apply_repairs(source: str, repairs: Sequence[Repair]) -> str:
    """Apply each repair; a repair that matches nothing is an error (it documents nothing)."""
    for repair in repairs:
        source, count = re.subn(repair.pattern, repair.replace, source, flags=re.MULTILINE)
        if count == 0:
            raise ValueError(f"repair {repair.pattern!r} matches nothing in the source")
    return source


def compare(
    source: str, repairs: Sequence[Repair], clauses: Sequence[ClauseText]
) -> Mismatch | None:
    """Return the first mismatch between the repaired source and the clauses, or None."""
    expected = tokens(apply_repairs(source, repairs))
    position = 0
    for clause in clauses:
        found = tokens(clause.heading) + tokens(clause.text)
        window = tuple(expected[position : position + len(found)])
        if window != tuple(found):
            offset = next(
                (i for i, (a, b) in enumerate(zip(window, found, strict=False)) if a != b),
                min(len(window), len(found)),
            )
            at = position + offset
            return Mismatch(
                clause.id,
                at,
                tuple(expected[max(at - 3, 0) : at + 6]),
                tuple(found[max(offset - 3, 0) : offset + 6]),
            )
        position += len(found)
    if position != len(expected):
        return Mismatch(
            "(after the last clause)", position, tuple(expected[position : position + 9]), ()
        )
    return None
