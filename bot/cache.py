"""werkbot's own files kept between processes: the compiled catalogs and the clause index.

They live in the user's own cache folder (not a shared temporary one, where another user could
leave a file of their own under the expected name): ``WERKBOT_CACHE_DIR``, else
``$XDG_CACHE_HOME/werkbot`` or ``~/.cache/werkbot``. ``WERKBOT_CACHE_DIR=off`` keeps nothing.
A place that cannot be written is skipped: the work is done again in the next process.
"""

from __future__ import annotations

import os
from pathlib import Path

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
