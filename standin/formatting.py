"""Formatted text: parsing a text or caption argument, cleaning it, the entities Telegram adds."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import dataclass
from typing import Any, Final

from standin.errors import BotAPIError, EntityParseError, _bad_request
from standin.html import _PARSERS, _sorted_entities
from standin.limits import _MAX_RAW_TEXT_BYTES, JSONDict, _clamp, utf16_length
from standin.params import _Params

_BOT_COMMAND_RE: Final = re.compile(
    r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>@])"
)


def _bot_command_entities(text: str) -> list[JSONDict]:
    """The ``bot_command`` entities Telegram attaches to an incoming message."""
    return [
        {
            "type": "bot_command",
            "offset": utf16_length(text[: match.start()]),
            "length": utf16_length(match.group()),
        }
        for match in _BOT_COMMAND_RE.finditer(text)
    ]


_TRIM_CHARS: Final = frozenset(" \t\n")
_USER_ENTITY_TYPES: Final = frozenset(
    {
        "bold",
        "italic",
        "underline",
        "strikethrough",
        "spoiler",
        "code",
        "pre",
        "text_link",
        "text_mention",
        "custom_emoji",
        "blockquote",
        "expandable_blockquote",
        "date_time",
    }
)
_AUTO_ENTITY_TYPES: Final = frozenset(
    {
        "mention",
        "hashtag",
        "cashtag",
        "bot_command",
        "url",
        "email",
        "phone_number",
        "bank_card_number",
    }
)


def _parse_formatting(text: str, parse_mode: str, raw_entities: Any) -> tuple[str, list[JSONDict]]:
    """Parse a text or caption argument; errors are the Bot API's parse errors."""
    if len(text.encode("utf-8", "surrogatepass")) > _MAX_RAW_TEXT_BYTES:
        raise _bad_request("text is too long")
    mode = parse_mode.lower()
    if not text or not mode or mode == "none":
        return text, _input_entities(raw_entities)
    if mode not in _PARSERS:
        raise _bad_request("unsupported parse_mode")
    try:
        return _PARSERS[mode](text)
    except EntityParseError as exc:
        raise _bad_request(f"can't parse entities: {exc}") from exc


def _input_entities(raw: Any) -> list[JSONDict]:
    """Explicit ``entities`` / ``caption_entities``; unparsable JSON is ignored like Telegram."""
    if isinstance(raw, str):
        try:
            raw = json.loads(raw)
        except ValueError:
            return []
    if not isinstance(raw, list):
        return []
    entities: list[JSONDict] = []
    for item in raw:
        entity = _input_entity(item)
        if entity is not None:
            entities.append(entity)
    return _sorted_entities(entities)


def _input_entity(item: Any) -> JSONDict | None:
    def invalid(reason: str) -> BotAPIError:
        return _bad_request(f"can't parse MessageEntity: {reason}")

    if not isinstance(item, dict):
        raise invalid("expected an Object")
    for key in ("offset", "length"):
        if key not in item:
            raise invalid(f'Can\'t find field "{key}"')
        if not isinstance(item[key], int) or isinstance(item[key], bool):
            raise invalid(f'Field "{key}" must be of type Number')
    kind = item.get("type")
    if not isinstance(kind, str) or not kind:
        raise invalid("Type is not specified")
    if kind in _AUTO_ENTITY_TYPES:
        return None
    if kind not in _USER_ENTITY_TYPES:
        raise invalid("Unsupported type specified")
    return copy.deepcopy(item)


#: What :func:`_normalise_text` removes or replaces: control characters but tab and newline.
_CHANGED = re.compile("[\\x00-\\x08\\x0b-\\x1f]")


def _normalise_text(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Clean text as TDLib does before sending.

    "\\r" is removed, other control characters become spaces, leading and trailing whitespace
    is trimmed; entities are moved along and clipped, empty ones dropped.
    """
    if not _CHANGED.search(text) and not (text[:1] in _TRIM_CHARS or text[-1:] in _TRIM_CHARS):
        # nothing to remove, replace or trim (most texts): the offsets stay as they are
        limit = utf16_length(text)
        clipped: list[JSONDict] = []
        for entity in entities:
            start = _clamp(entity["offset"], 0, limit)
            end = _clamp(entity["offset"] + entity["length"], 0, limit)
            if end > start:
                clipped.append({**entity, "offset": start, "length": end - start})
        return text, clipped
    chars = ["" if c == "\r" else (" " if ord(c) < 32 and c not in "\t\n" else c) for c in text]
    visible = [i for i, c in enumerate(chars) if c and c not in _TRIM_CHARS]
    if not visible:
        return "", []
    for i in range(len(chars)):
        if i < visible[0] or i > visible[-1]:
            chars[i] = ""
    new_offset = [0]
    position = 0
    for original, kept in zip(text, chars, strict=True):
        if ord(original) > 0xFFFF:
            new_offset.append(position)
        position += utf16_length(kept)
        new_offset.append(position)
    limit = len(new_offset) - 1
    moved: list[JSONDict] = []
    for entity in entities:
        start = new_offset[_clamp(entity["offset"], 0, limit)]
        end = new_offset[_clamp(entity["offset"] + entity["length"], 0, limit)]
        if end > start:
            moved.append({**entity, "offset": start, "length": end - start})
    return "".join(chars), moved


@dataclass
class _Formatted:
    """A parsed text or caption argument, before the chat-dependent checks."""

    raw: str
    parse_mode: str | None
    plain: str
    entities: list[JSONDict]


def _read_formatted(params: _Params, text_key: str, entities_key: str) -> _Formatted:
    raw = params.text(text_key)
    parse_mode = params.text("parse_mode")
    plain, entities = _parse_formatting(raw, parse_mode, params.json_lenient(entities_key))
    return _Formatted(raw, parse_mode or None, plain, entities)
