"""werkbot's own files kept between processes: the compiled catalogs, the clause index and the
glossary.

They live in the user's own cache folder (not a shared temporary one, where another user could
leave a file of their own under the expected name): ``WERKBOT_CACHE_DIR``, else
``$XDG_CACHE_HOME/werkbot`` or ``~/.cache/werkbot``. ``WERKBOT_CACHE_DIR=off`` keeps nothing.
A place that cannot be written is skipped: the work is done again in the next process.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

CACHE_ENV = "WERKBOT_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where werkbot keeps its files, or None (``WERKBOT_CACHE_DIR=off``)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return None if chosen.strip().lower() in {"", "off", "none", "0"} else Path(chosen)
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "werkbot"


def keep(path: Path, data: bytes) -> bool:
    """Write ``data`` to ``path`` whole or not at all, whichever process writes it (the folder
    made for this user alone); False when the place cannot be written."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(data)
        partial.replace(path)
    except OSError:
        return False
    return True


def kept(name: str, key: str, build: Callable[[], T], kind: type[T], log: logging.Logger) -> T:
    """What ``build`` makes, kept as ``NAME-KEY.pickle`` in the cache folder: a process whose
    ``key`` (a digest of what it is made from) matches loads it, and older files of ``name`` are
    removed. A file that cannot be read back is built again (with a warning); a place that
    cannot be written keeps nothing. Never an error."""
    folder = cache_dir()
    path = folder / f"{name}-{key}.pickle" if folder is not None else None
    if path is not None and path.exists():
        try:  # our own file, written below; any failure to read it back means: build anew
            loaded = _unpickled(path.read_bytes())
        except Exception:
            loaded = None
        if isinstance(loaded, kind):
            return loaded
        log.warning("the kept %s %s could not be read; building it again", name, path)
    made = build()
    if path is None:
        return made
    if not keep(path, pickle.dumps(made, protocol=pickle.HIGHEST_PROTOCOL)):
        log.info("the %s was not kept in %s", name, path.parent)
        return made
    for old in path.parent.glob(f"{name}-*.pickle"):
        if old != path:
            old.unlink(missing_ok=True)
    return made


def _unpickled(data: bytes) -> object:
    """``pickle.loads`` with the cyclic garbage collector paused: reading back the clause
    index makes some 100,000 objects, and the collections they set off took two thirds of
    the time (35 ms of 50 for the shipped index). The objects are all kept, so there is
    nothing for the collector to find."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(data)
    finally:
        if enabled:
            gc.enable()
