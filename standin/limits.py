"""Telegram's limits, how it measures text, and the JSON object type the stand-in passes around."""

from __future__ import annotations

from typing import Any, Final

JSONDict = dict[str, Any]

MAX_MESSAGE_LENGTH: Final = 4096
MAX_CAPTION_LENGTH: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_CALLBACK_ANSWER_LENGTH: Final = 200
MAX_COMMANDS: Final = 100
MAX_COMMAND_DESCRIPTION_LENGTH: Final = 256
LONG_POLL_MAX_TIMEOUT: Final = 50
_MAX_RAW_TEXT_BYTES: Final = 1 << 15


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram counts lengths in."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def _byte_offset(text: str, index: int) -> int:
    """The UTF-8 byte offset of ``text[index]``, as TDLib reports positions."""
    return len(text[:index].encode("utf-8", "surrogatepass"))


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))
