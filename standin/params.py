"""Request parameters, read the way the Bot API server reads its string arguments; uploads."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

_INT_PREFIX_RE: Final = re.compile(r"[-+]?\d+")


@dataclass(frozen=True)
class Upload:
    """A file that arrived as a multipart part."""

    file_name: str
    content: bytes
    mime_type: str = "application/octet-stream"


class _Params:
    """Request parameters, read the way the Bot API server reads its string arguments.

    Values may be wire strings (as in a form post) or already-decoded JSON values.
    """

    def __init__(self, raw: Mapping[str, Any], files: Mapping[str, Upload]) -> None:
        self._raw = raw
        self.files = files

    def text(self, name: str) -> str:
        """The argument as a string ("" when absent)."""
        value = self._raw.get(name)
        if value is None:
            return ""
        if isinstance(value, str):
            return value
        if isinstance(value, bool):
            return "true" if value else "false"
        if isinstance(value, int | float):
            return str(value)
        return json.dumps(value)

    def integer(self, name: str, default: int = 0) -> int:
        """The argument as an integer, parsed like TDLib's ``to_integer`` (garbage is 0)."""
        text = self.text(name).strip()
        if not text:
            return default
        match = _INT_PREFIX_RE.match(text)
        return int(match.group()) if match else 0

    def flag(self, name: str) -> bool:
        """The argument as a boolean: "true", "yes" and "1" are true."""
        return self.text(name).strip().lower() in ("true", "yes", "1")

    def json(self, name: str) -> Any:
        """The argument as a JSON value; None when absent. Raises ValueError on bad JSON."""
        value = self._raw.get(name)
        if value is None or value == "":
            return None
        if isinstance(value, str):
            return json.loads(value)
        return value

    def raw(self, name: str) -> Any:
        """The argument exactly as given (None when absent)."""
        return self._raw.get(name)

    def json_lenient(self, name: str) -> Any:
        """Like :meth:`json`, but bad JSON counts as absent (as Telegram treats entities)."""
        try:
            return self.json(name)
        except ValueError:
            return None


def _normalise_uploads(
    files: Mapping[str, Upload | tuple[str, bytes, str]] | None,
) -> dict[str, Upload]:
    return {
        name: item if isinstance(item, Upload) else Upload(*item)
        for name, item in (files or {}).items()
    }


def _to_int(text: str) -> int:
    """TDLib's ``to_integer``: a leading integer, or 0 when there is none."""
    match = _INT_PREFIX_RE.match(text.strip())
    return int(match.group()) if match else 0
