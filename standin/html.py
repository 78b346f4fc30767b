"""Telegram's HTML parse mode: a port of TDLib's ``parse_html``.

:func:`parse_entities` turns HTML text into the visible text and its entities, or raises
:class:`~standin.errors.EntityParseError` with TDLib's message. The bot sends HTML only, so
TDLib's MarkdownV2 and legacy Markdown parsers are not ported: where Telegram would parse
them, the stand-in answers "Bad Request: unsupported parse_mode", as Telegram answers a
parse mode it does not know.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from standin.errors import EntityParseError
from standin.limits import JSONDict, _byte_offset, utf16_length
from standin.links import _link_user_id, checked_link

_SPACE_CHARS: Final = frozenset(" \t\r\n\0\v")
_DIGITS: Final = frozenset("0123456789")
_HEX_DIGITS: Final = frozenset("0123456789abcdefABCDEF")
_NAMED_ENTITIES: Final = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_HTML_TAGS: Final = frozenset(
    {
        "a",
        "b",
        "strong",
        "i",
        "em",
        "s",
        "strike",
        "del",
        "u",
        "ins",
        "tg-spoiler",
        "tg-emoji",
        "span",
        "pre",
        "code",
        "blockquote",
    }
)
_HTML_SIMPLE_TAGS: Final = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_ENTITY_PRIORITY: Final = {
    "blockquote": 0,
    "expandable_blockquote": 0,
    "pre": 11,
    "code": 20,
    "text_link": 49,
    "text_mention": 49,
    "bold": 90,
    "italic": 91,
    "underline": 92,
    "strikethrough": 93,
    "spoiler": 94,
    "custom_emoji": 99,
}


def _sorted_entities(entities: list[JSONDict]) -> list[JSONDict]:
    """Order entities as TDLib does: by offset, longer first, then by type priority."""
    return sorted(
        entities,
        key=lambda e: (e["offset"], -e["length"], _ENTITY_PRIORITY.get(e["type"], 50)),
    )


def _decode_html_entity(text: str, pos: int) -> tuple[str, int] | None:
    """Decode the character reference starting with the "&" at ``text[pos]``.

    Returns the character and the index after the reference, or None when TDLib would keep
    the "&" as a literal character (an unknown or malformed reference is not an error).
    """
    size = len(text)
    end = pos + 1
    if end < size and text[end] == "#":
        end += 1
        value = 0
        if end < size and text[end] == "x":
            end += 1
            while end < size and text[end] in _HEX_DIGITS:
                value = value * 16 + int(text[end], 16)
                end += 1
        else:
            while end < size and text[end] in _DIGITS:
                value = value * 10 + int(text[end])
                end += 1
        if value == 0 or value >= 0x10FFFF or end - pos >= 10:
            return None
        char = chr(value)
    else:
        while end < size and text[end].isascii() and text[end].isalpha():
            end += 1
        named = _NAMED_ENTITIES.get(text[pos + 1 : end])
        if named is None:
            return None
        char = named
    if end < size and text[end] == ";":
        end += 1
    return char, end


#: Where plain text ends: a tag or a character reference.
_MARKUP = re.compile("[<&]")


class _Output:
    """The visible text being built, with its length in UTF-16 code units."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.utf16 = 0

    def add(self, text: str) -> None:
        """Append visible text."""
        self.parts.append(text)
        self.utf16 += utf16_length(text)

    def mark(self) -> int:
        """A position to read the text back from with :meth:`since`."""
        return len(self.parts)

    def since(self, mark: int) -> str:
        """The text added after ``mark``."""
        return "".join(self.parts[mark:])

    def text(self) -> str:
        """All visible text."""
        return "".join(self.parts)


class _Scanner:
    """A parser's state: the source, a cursor, the output and the entities."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._pos = 0
        self._out = _Output()
        self._entities: list[JSONDict] = []

    def _at(self, index: int) -> str:
        """The character at ``index``, or NUL past the end (TDLib reads C strings)."""
        return self._text[index] if index < len(self._text) else "\0"

    def _is_space(self, index: int) -> bool:
        """TDLib's ``is_space`` on the character at ``index`` (the end counts as a space)."""
        return self._at(index) in _SPACE_CHARS

    def _byte(self, index: int) -> int:
        """The byte offset of ``index`` for error messages."""
        return _byte_offset(self._text, index)

    def _add_entity(self, kind: str, offset: int, **extra: Any) -> None:
        """Record an entity from ``offset`` to the current end of the output."""
        self._entities.append(
            {"type": kind, "offset": offset, "length": self._out.utf16 - offset, **extra}
        )

    def _result(self) -> tuple[str, list[JSONDict]]:
        return self._out.text(), _sorted_entities(self._entities)


@dataclass
class _OpenTag:
    """An HTML start tag waiting for its end tag."""

    name: str
    argument: str
    offset: int
    mark: int


class _HtmlParser(_Scanner):
    """Telegram's HTML parse mode (TDLib ``parse_html``)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._open: list[_OpenTag] = []
        self._has_surrogate = False

    def parse(self) -> tuple[str, list[JSONDict]]:
        """Return the visible text and its entities, or raise :class:`EntityParseError`."""
        size = len(self._text)
        while self._pos < size:
            char = self._text[self._pos]
            if char == "&" and self._character_reference():
                continue
            if char != "<":  # plain text (or a literal "&") up to the next tag or reference
                found = _MARKUP.search(self._text, self._pos + 1)
                end = found.start() if found else size
                self._out.add(self._text[self._pos : end])
                self._pos = end
            elif self._at(self._pos + 1) == "/":
                self._end_tag()
            else:
                self._start_tag()
        if self._open:
            name = self._open[-1].name
            raise EntityParseError(f'Can\'t find end tag corresponding to start tag "{name}"')
        if self._has_surrogate:
            raise EntityParseError(
                "Text contains invalid Unicode characters after decoding HTML entities, "
                "check for unmatched surrogate code units"
            )
        for entity in self._entities:
            if entity["type"] == "code":
                entity.pop("language", None)
        return self._result()

    def _character_reference(self) -> bool:
        decoded = _decode_html_entity(self._text, self._pos)
        if decoded is None:
            return False
        char, self._pos = decoded
        self._has_surrogate |= 0xD800 <= ord(char) <= 0xDFFF
        self._out.add(char)
        return True

    def _start_tag(self) -> None:
        begin = self._pos
        i = begin + 1
        while not self._is_space(i) and self._at(i) != ">":
            i += 1
        if self._at(i) == "\0":
            raise EntityParseError(f"Unclosed start tag at byte offset {self._byte(begin)}")
        name = self._text[begin + 1 : i].lower()
        if name not in _HTML_TAGS:
            raise EntityParseError(
                f'Unsupported start tag "{name}" at byte offset {self._byte(begin)}'
            )
        argument, i = self._attributes(name, begin, i)
        if name == "span" and argument != "spoiler":
            raise EntityParseError(
                f'Tag "span" must have class "tg-spoiler" at byte offset {self._byte(begin)}'
            )
        self._open.append(_OpenTag(name, argument, self._out.utf16, self._out.mark()))
        self._pos = i + 1

    def _skip_spaces(self, i: int) -> int:
        while self._at(i) != "\0" and self._is_space(i):
            i += 1
        return i

    def _attributes(self, name: str, begin: int, i: int) -> tuple[str, int]:
        """Read the attributes of a start tag; return the tag's argument and the ">" index."""
        argument = ""
        where = f'the tag "{name}" at byte offset {self._byte(begin)}'
        while self._at(i) != ">":
            i = self._skip_spaces(i)
            if self._at(i) == ">":
                break
            attribute_begin = i
            while not self._is_space(i) and self._at(i) not in "=>":
                i += 1
            attribute = self._text[attribute_begin:i]
            if not attribute:
                raise EntityParseError(f"Empty attribute name in {where}")
            i = self._skip_spaces(i)
            if self._at(i) != "=":
                if name == "blockquote" and attribute == "expandable":
                    argument = "expandable"
                    continue
                raise EntityParseError(
                    f"Expected equal sign in declaration of an attribute of {where}"
                )
            i = self._skip_spaces(i + 1)
            if self._at(i) == "\0":
                raise EntityParseError(f"Unclosed start tag {where.removeprefix('the tag ')}")
            value, i = self._attribute_value(i)
            if self._at(i) == "\0":
                raise EntityParseError(f"Unclosed start tag at byte offset {self._byte(begin)}")
            argument = _tag_argument(name, attribute, value, argument)
        return argument, i

    def _attribute_value(self, i: int) -> tuple[str, int]:
        quote = self._at(i)
        if quote not in ("'", '"'):
            begin = i
            while self._at(i).isascii() and (self._at(i).isalnum() or self._at(i) in ".-"):
                i += 1
            if not self._is_space(i) and self._at(i) != ">":
                raise EntityParseError(
                    f"Unexpected end of name token at byte offset {self._byte(begin)}"
                )
            return self._text[begin:i].lower(), i
        i += 1
        chars: list[str] = []
        while self._at(i) not in (quote, "\0"):
            decoded = _decode_html_entity(self._text, i) if self._at(i) == "&" else None
            if decoded is not None:
                chars.append(decoded[0])
                i = decoded[1]
                continue
            chars.append(self._text[i])
            i += 1
        if self._at(i) == quote:
            i += 1
        return "".join(chars), i

    def _end_tag(self) -> None:
        begin = self._pos
        if not self._open:
            raise EntityParseError(f"Unexpected end tag at byte offset {self._byte(begin)}")
        i = begin + 2
        while not self._is_space(i) and self._at(i) != ">":
            i += 1
        end_name = self._text[begin + 2 : i].lower()
        i = self._skip_spaces(i)
        if self._at(i) != ">":
            raise EntityParseError(f"Unclosed end tag at byte offset {self._byte(begin)}")
        tag = self._open[-1]
        if end_name and end_name != tag.name:
            raise EntityParseError(
                f"Unmatched end tag at byte offset {self._byte(begin)}, "
                f'expected "</{tag.name}>", found "</{end_name}>"'
            )
        if self._out.utf16 > tag.offset:
            self._close(tag)
        self._open.pop()
        self._pos = i + 1

    def _close(self, tag: _OpenTag) -> None:
        """Turn a closed, non-empty tag into its entity."""
        if tag.name in _HTML_SIMPLE_TAGS:
            self._add_entity(_HTML_SIMPLE_TAGS[tag.name], tag.offset)
        elif tag.name == "tg-emoji":
            self._add_entity(
                "custom_emoji", tag.offset, custom_emoji_id=_custom_emoji_id(tag.argument)
            )
        elif tag.name == "a":
            self._close_link(tag)
        elif tag.name == "blockquote":
            kind = "expandable_blockquote" if tag.argument else "blockquote"
            self._add_entity(kind, tag.offset)
        else:
            self._close_code(tag)

    def _close_link(self, tag: _OpenTag) -> None:
        url = tag.argument or self._out.since(tag.mark)
        user_id = _link_user_id(url)
        if user_id is not None:
            self._add_entity("text_mention", tag.offset, user={"id": user_id})
            return
        link = checked_link(url)
        if link is not None:
            self._add_entity("text_link", tag.offset, url=link)

    def _close_code(self, tag: _OpenTag) -> None:
        """``pre`` and ``code``; ``<pre><code class="language-x">`` becomes one pre entity."""
        length = self._out.utf16 - tag.offset
        last = self._entities[-1] if self._entities else None
        same_span = last is not None and (last["offset"], last["length"]) == (tag.offset, length)
        if tag.name == "pre":
            if last is not None and same_span and last["type"] == "code" and last.get("language"):
                last["type"] = "pre"
            else:
                self._add_entity("pre", tag.offset)
        elif last is not None and same_span and last["type"] == "pre" and tag.argument:
            last["language"] = tag.argument
        elif tag.argument:
            self._add_entity("code", tag.offset, language=tag.argument)
        else:
            self._add_entity("code", tag.offset)


def _tag_argument(tag: str, attribute: str, value: str, current: str) -> str:
    """The attribute values TDLib keeps for each tag; all other attributes are ignored."""
    if tag == "a" and attribute == "href":
        return value
    if tag == "code" and attribute == "class" and value.startswith("language-"):
        return value.removeprefix("language-")
    if tag == "span" and attribute == "class" and value.startswith("tg-"):
        return value.removeprefix("tg-")
    if tag == "tg-emoji" and attribute == "emoji-id":
        return value
    return current


def _custom_emoji_id(argument: str) -> str:
    """Validate a custom emoji identifier as TDLib does and return it."""
    if not re.fullmatch(r"-?\d{1,19}", argument) or int(argument) == 0:
        raise EntityParseError("Invalid custom emoji identifier specified")
    if not -(1 << 63) <= int(argument) < (1 << 63):
        raise EntityParseError("Invalid custom emoji identifier specified")
    return argument


_PARSERS: Final[Mapping[str, Callable[[str], tuple[str, list[JSONDict]]]]] = {
    "html": lambda text: _HtmlParser(text).parse(),
}


def parse_entities(text: str, parse_mode: str) -> tuple[str, list[JSONDict]]:
    """Parse ``text`` in ``parse_mode`` as Telegram does; HTML is the only mode supported.

    Returns the visible text and its entities (offsets and lengths in UTF-16 code units).
    Raises :class:`EntityParseError` with TDLib's message, or :class:`ValueError` for an
    unsupported parse mode. Text mentions carry only ``{"user": {"id": ...}}``.
    """
    parser = _PARSERS.get(parse_mode.lower())
    if parser is None:
        raise ValueError(f"unsupported parse_mode {parse_mode!r}")
    return parser(text)
