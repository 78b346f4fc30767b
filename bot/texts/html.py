"""Telegram HTML helpers: escaping and splitting within the message limit."""

from __future__ import annotations

import html

MESSAGE_LIMIT = 4096


def telegram_length(text: str) -> int:
    """The length Telegram counts: UTF-16 code units (an emoji outside the BMP counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def _fitting(line: str, limit: int) -> int:
    """How many characters of ``line`` fit in ``limit`` UTF-16 units (at least one)."""
    used = 0
    for index, char in enumerate(line):
        used += 2 if ord(char) > 0xFFFF else 1
        if used > limit:
            return max(index, 1)
    return len(line)


def capitalized(text: str) -> str:
    """The text with its first letter upper case: a sentence or line that starts with a
    weekday ("vrijdag 4 december ...") or another lower-case word from a placeholder."""
    return text[:1].upper() + text[1:]


def esc(text: str) -> str:
    """Escape user- or data-supplied text for Telegram's HTML parse mode."""
    return html.escape(text, quote=False)


def split_message(text: str, limit: int = MESSAGE_LIMIT) -> list[str]:
    """Split at line breaks so every part fits (in UTF-16 units, as Telegram counts); a
    single over-long line is cut hard.

    Callers only split between whole lines of HTML, so no tag is ever cut in two unless a
    single line is longer than the limit (the builders never produce such lines with tags).
    """
    parts: list[str] = []
    current = ""
    for line in text.split("\n"):
        while telegram_length(line) > limit:
            if current:
                parts.append(current)
                current = ""
            cut = _fitting(line, limit)
            parts.append(line[:cut])
            line = line[cut:]
        candidate = f"{current}\n{line}" if current else line
        if telegram_length(candidate) > limit:
            parts.append(current)
            current = line
        else:
            current = candidate
    if current or not parts:
        parts.append(current)
    return parts
