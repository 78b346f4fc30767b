"""The clause index of the shipped agreements, built once per process (they never change)
and kept on disk between processes.

Building it takes about 1 s (bm25s, the analysis of every clause and of the questions asked
of them, and their fact lines prepared); a ``werkbot ask`` from a cold start must answer in
under 0.4 s. So the built index is pickled into the cache
directory, under a key that changes with the agreements' data, the code that reads them and
builds the index, Python and numpy: a process whose key matches loads it (numpy only, about
0.07 s). It is kept where the compiled catalogs are (:mod:`bot.cache`, ``WERKBOT_CACHE_DIR``).
A file that cannot be read or written is rebuilt or skipped, never an error.
"""

from __future__ import annotations

import hashlib
import logging
import sys
from contextlib import suppress
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import TYPE_CHECKING

from bot.ask.intents import detect, speller
from bot.cache import kept
from rules.agreements.loader import ASKED_DIR, DATA_DIR, shipped_agreements, shipped_asked

if TYPE_CHECKING:
    from bot.ask.index import ClauseIndex

log = logging.getLogger(__name__)


def index_sources() -> list[Path]:
    """What the index is made from: the agreements, the questions asked of them and the code
    that reads and indexes them (listed when a key is asked for, not on import)."""
    here = Path(__file__).resolve().parent
    return [
        *sorted(DATA_DIR.glob("*.yaml")),
        *sorted(ASKED_DIR.glob("*.yaml")),
        *sorted(here.glob("*.py")),
        *sorted((here.parents[1] / "rules" / "agreements").glob("*.py")),
    ]


def index_key() -> str:
    """A digest of everything the index is made from (and the versions that read it back)."""
    digest = hashlib.sha256()
    for path in index_sources():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    digest.update(sys.version.encode())
    for package in ("numpy", "bm25s", "simplemma", "PyStemmer"):
        with suppress(PackageNotFoundError):
            digest.update(f"{package}={version(package)}".encode())
    return digest.hexdigest()[:24]


@cache
def shipped_index() -> ClauseIndex:
    # numpy (and, to build, bm25s): only when a question needs the index
    from bot.ask.index import ClauseIndex

    return kept("index", index_key(), _build, ClauseIndex, log).attach(shipped_agreements())


def _build() -> ClauseIndex:
    from bot.ask.index import ClauseIndex

    index = ClauseIndex.build(shipped_agreements().values(), shipped_asked())
    index.prepare()
    return index


def warm_up_questions(*, lemmas: bool = True) -> None:
    """Build the index and the intent speller now rather than on the first question (and the
    lemma lists, with ``lemmas``)."""
    index = shipped_index()
    agreement = next(iter(shipped_agreements().values()))
    detect("wie is de voorzitter", agreement)
    index.search("voorzitter", "nl", k=1)
    # the spellers group their words, and the lemmas load, on the first unknown word: do
    # that now too
    speller().warm_up()
    if lemmas:
        index.analyzer.warm_up()
