"""An in-process stand-in for the Telegram Bot API.

:class:`BotAPIStandin` answers Bot API methods the way ``api.telegram.org`` does: the same
HTTP status codes, the same ``description`` strings and the same JSON objects.
:class:`StandinRequest` plugs it into python-telegram-bot as the HTTP layer, so a real
``telegram.Bot`` or ``telegram.ext.Application`` runs end to end with no network at all.
Nothing in this module opens a socket.

The behaviour is modelled on the open-source Bot API server (tdlib/telegram-bot-api) and on
TDLib's text-entity parsers (HTML, MarkdownV2 and legacy Markdown), so that what fails here
fails on Telegram with the same message, and what passes here passes there.
"""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final
from urllib.parse import urlsplit

from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

__all__ = [
    "BotAPIError",
    "BotAPIStandin",
    "EntityParseError",
    "FakeChat",
    "FakeUser",
    "SentMessage",
    "StandinRequest",
    "Upload",
    "checked_link",
    "parse_entities",
    "utf16_length",
]

JSONDict = dict[str, Any]

MAX_MESSAGE_LENGTH: Final = 4096
MAX_CAPTION_LENGTH: Final = 1024
MAX_CALLBACK_DATA_BYTES: Final = 64
MAX_CALLBACK_ANSWER_LENGTH: Final = 200
MAX_COMMANDS: Final = 100
MAX_COMMAND_DESCRIPTION_LENGTH: Final = 256
LONG_POLL_MAX_TIMEOUT: Final = 50
_MAX_RAW_TEXT_BYTES: Final = 1 << 15

_COMMAND_RE: Final = re.compile(r"[a-z0-9_]{1,32}")
_INT_PREFIX_RE: Final = re.compile(r"[-+]?\d+")
_BOT_COMMAND_RE: Final = re.compile(
    r"(?<![\w/<>])/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,32})?(?![\w/<>@])"
)
_USER_LINK_RE: Final = re.compile(r"tg:(?://)?user\?id=(\d+)", re.IGNORECASE)
_EMOJI_LINK_RE: Final = re.compile(r"tg://emoji\?id=(\d+)", re.IGNORECASE)
_SCHEME_RE: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://(.*)", re.DOTALL)
_DOMAIN_RE: Final = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?::\d{1,5})?(?:[/?#].*)?",
    re.DOTALL,
)

_CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_GLOBAL_SCOPES: Final = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
)
_CHAT_SCOPES: Final = frozenset({"chat", "chat_administrators", "chat_member"})
# Update types Telegram leaves out unless they are asked for explicitly.
_OPT_IN_UPDATES: Final = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_WEBHOOK_PORTS: Final = frozenset({None, 80, 88, 443, 8443})
_STATUS_PHRASES: Final = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
}
# Every method the real Bot API server routes (lower-cased, as it matches them); the ones the
# stand-in does not implement answer 501 rather than a misleading 404 "Not Found".
_KNOWN_METHOD_NAMES: Final = """
    getme getmycommands setmycommands deletemycommands getmydefaultadministratorrights
    setmydefaultadministratorrights getmyname setmyname setmyprofilephoto removemyprofilephoto
    getmydescription setmydescription getmyshortdescription setmyshortdescription
    getchatmenubutton setchatmenubutton getuserprofilephotos getuserprofileaudios sendmessage
    sendanimation sendaudio senddice senddocument sendlivephoto sendphoto sendsticker sendvideo
    sendvideonote sendvoice sendpaidmedia sendgame sendinvoice sendlocation sendvenue sendcontact
    sendpoll stoppoll sendchecklist copymessage copymessages forwardmessage forwardmessages
    sendmediagroup sendchataction sendmessagedraft setmessagereaction editmessagetext
    editmessagelivelocation stopmessagelivelocation editmessagemedia editmessagecaption
    editmessagechecklist editmessagereplymarkup deletemessage deletemessages deletemessagereaction
    deleteallmessagereactions poststory repoststory editstory deletestory createinvoicelink
    getmystarbalance getstartransactions refundstarpayment edituserstarsubscription
    getavailablegifts sendgift giftpremiumsubscription getmanagedbottoken
    getmanagedbotaccesssettings setmanagedbotaccesssettings replacemanagedbottoken verifyuser
    verifychat removeuserverification removechatverification setgamescore getgamehighscores
    answerwebappquery answerguestquery answerinlinequery savepreparedinlinemessage
    savepreparedkeyboardbutton answercallbackquery answershippingquery answerprecheckoutquery
    exportchatinvitelink createchatinvitelink createchatsubscriptioninvitelink editchatinvitelink
    editchatsubscriptioninvitelink revokechatinvitelink getbusinessconnection readbusinessmessage
    deletebusinessmessages setbusinessaccountname setbusinessaccountusername setbusinessaccountbio
    setbusinessaccountprofilephoto removebusinessaccountprofilephoto
    setbusinessaccountgiftsettings getbusinessaccountstarbalance transferbusinessaccountstars
    getbusinessaccountgifts getusergifts getchatgifts convertgifttostars upgradegift transfergift
    setuseremojistatus getchat getuserpersonalchatmessages setchatphoto deletechatphoto
    setchattitle setchatpermissions setchatdescription pinchatmessage unpinchatmessage
    unpinallchatmessages approvesuggestedpost declinesuggestedpost setchatstickerset
    deletechatstickerset getforumtopiciconstickers createforumtopic editforumtopic closeforumtopic
    reopenforumtopic deleteforumtopic unpinallforumtopicmessages editgeneralforumtopic
    closegeneralforumtopic reopengeneralforumtopic hidegeneralforumtopic unhidegeneralforumtopic
    unpinallgeneralforumtopicmessages getchatmember getchatadministrators getchatmembercount
    getchatmemberscount leavechat promotechatmember setchatadministratorcustomtitle
    setchatmembertag banchatmember kickchatmember restrictchatmember unbanchatmember
    banchatsenderchat unbanchatsenderchat approvechatjoinrequest declinechatjoinrequest
    getuserchatboosts getstickerset getcustomemojistickers uploadstickerfile createnewstickerset
    addstickertoset replacestickerinset setstickersettitle setstickersetthumb
    setstickersetthumbnail setcustomemojistickersetthumbnail deletestickerset
    setstickerpositioninset deletestickerfromset setstickeremojilist setstickerkeywords
    setstickermaskposition setpassportdataerrors sendcustomrequest answercustomquery getupdates
    setwebhook deletewebhook getwebhookinfo getfile close logout
"""
_KNOWN_METHODS: Final = frozenset(_KNOWN_METHOD_NAMES.split())


# --------------------------------------------------------------------------------------------
# Errors
# --------------------------------------------------------------------------------------------


class BotAPIError(Exception):
    """An error answer of the Bot API: the HTTP status and Telegram's ``description``."""

    def __init__(
        self, description: str, status: int = 400, parameters: JSONDict | None = None
    ) -> None:
        super().__init__(description)
        self.description = description
        self.status = status
        self.parameters = parameters

    def body(self) -> JSONDict:
        """The JSON body Telegram sends with this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def _bad_request(message: str) -> BotAPIError:
    """A 400 answer; ``message`` is what follows Telegram's "Bad Request: " prefix."""
    return BotAPIError(f"Bad Request: {message}")


def _forbidden(message: str) -> BotAPIError:
    """A 403 answer; ``message`` is what follows Telegram's "Forbidden: " prefix."""
    return BotAPIError(f"Forbidden: {message}", status=403)


def _conflict(message: str) -> BotAPIError:
    """A 409 answer; ``message`` is what follows Telegram's "Conflict: " prefix."""
    return BotAPIError(f"Conflict: {message}", status=409)


_NOT_MODIFIED: Final = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_QUERY_INVALID: Final = "query is too old and response timeout expired or query ID is invalid"
_GET_UPDATES_CONFLICT: Final = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)


class EntityParseError(ValueError):
    """Formatted text could not be parsed; the message is TDLib's, word for word."""


# --------------------------------------------------------------------------------------------
# Text measuring and links
# --------------------------------------------------------------------------------------------


def utf16_length(text: str) -> int:
    """Length of ``text`` in UTF-16 code units, the unit Telegram counts lengths in."""
    return sum(2 if ord(char) > 0xFFFF else 1 for char in text)


def _byte_offset(text: str, index: int) -> int:
    """The UTF-8 byte offset of ``text[index]``, as TDLib reports positions."""
    return len(text[:index].encode("utf-8", "surrogatepass"))


def checked_link(url: str) -> str | None:
    """The URL a text link gets on Telegram, or None when Telegram drops the link.

    An approximation of TDLib's ``LinkManager::get_checked_link``: http(s), tg and ton URLs are
    kept (a bare http(s) host gets its trailing slash), a scheme-less domain gets ``http://``.
    """
    url = url.strip()
    if not url:
        return None
    match = _SCHEME_RE.fullmatch(url)
    if match is None:
        if url.lower().startswith("tg:"):
            return url
        if _DOMAIN_RE.fullmatch(url):
            return _with_root_path(f"http://{url}")
        return None
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme in ("tg", "ton"):
        return url if rest else None
    if scheme not in ("http", "https") or not re.split(r"[/?#]", rest, maxsplit=1)[0]:
        return None
    return _with_root_path(url)


def _with_root_path(url: str) -> str:
    """Add the "/" path Telegram shows after a bare host."""
    host_and_rest = url.split("://", 1)[1]
    return url if re.search(r"[/?#]", host_and_rest) else f"{url}/"


def _link_user_id(url: str) -> int | None:
    """The user id of a ``tg://user?id=`` link (a text mention), if ``url`` is one."""
    match = _USER_LINK_RE.fullmatch(url.strip())
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None


def _custom_emoji_id(argument: str) -> str:
    """Validate a custom emoji identifier as TDLib does and return it."""
    if not re.fullmatch(r"-?\d{1,19}", argument) or int(argument) == 0:
        raise EntityParseError("Invalid custom emoji identifier specified")
    if not -(1 << 63) <= int(argument) < (1 << 63):
        raise EntityParseError("Invalid custom emoji identifier specified")
    return argument


# --------------------------------------------------------------------------------------------
# Entity parsers (ports of TDLib's parse_html, parse_markdown_v2 and parse_markdown)
# --------------------------------------------------------------------------------------------

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
_MDV2_RESERVED: Final = frozenset("_*[]()~`>#+-=|{}.!\n")
_MDV2_CODE_KINDS: Final = frozenset({"Code", "Pre", "PreCode"})
_MD_KIND_TYPES: Final = {
    "Bold": "bold",
    "Italic": "italic",
    "Underline": "underline",
    "Strikethrough": "strikethrough",
    "Spoiler": "spoiler",
    "Code": "code",
    "Pre": "pre",
    "PreCode": "pre",
    "TextUrl": "text_link",
    "CustomEmoji": "custom_emoji",
    "BlockQuote": "blockquote",
}
_MD_V1_MARKERS: Final = frozenset("_*`[")
_MD_V1_TYPES: Final = {"_": "italic", "*": "bold"}


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
    """Shared state of the entity parsers: the source, a cursor, the output and entities."""

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
            if char != "<":
                self._out.add(char)
                self._pos += 1
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


@dataclass
class _MdOpen:
    """A MarkdownV2 entity waiting for its closing marker."""

    kind: str
    argument: str
    offset: int
    index: int
    mark: int


class _MarkdownV2Parser(_Scanner):
    """Telegram's MarkdownV2 parse mode (TDLib ``parse_markdown_v2``)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self._open: list[_MdOpen] = []
        self._in_blockquote = False

    def parse(self) -> tuple[str, list[JSONDict]]:
        """Return the visible text and its entities, or raise :class:`EntityParseError`."""
        while self._pos < len(self._text):
            char = self._text[self._pos]
            following = self._at(self._pos + 1)
            if char == "\\" and "\0" < following <= "~":
                self._out.add(following)
                self._pos += 2
            elif char not in self._reserved():
                self._out.add(char)
                self._pos += 1
            elif self._open and self._ends_entity(char):
                self._close(char)
            else:
                self._begin(char)
        self._finish()
        return self._result()

    def _reserved(self) -> frozenset[str]:
        if self._open and self._open[-1].kind in _MDV2_CODE_KINDS:
            return frozenset("`")
        return _MDV2_RESERVED

    def _reserved_error(self, char: str) -> EntityParseError:
        return EntityParseError(
            f"Character '{char}' is reserved and must be escaped with the preceding '\\'"
        )

    def _begin(self, char: str) -> None:
        i = self._pos
        argument = ""
        kind: str | None
        if char == "_":
            kind = "Underline" if self._at(i + 1) == "_" else "Italic"
            i += kind == "Underline"
        elif char in "*~[":
            kind = {"*": "Bold", "~": "Strikethrough", "[": "TextUrl"}[char]
        elif char in "|!" and self._at(i + 1) == ("|" if char == "|" else "["):
            kind = "Spoiler" if char == "|" else "CustomEmoji"
            i += 1
        elif char == "`":
            kind, argument, i = self._code_start(i)
        elif char == "\n":
            self._out.add("\n")
            kind = None
            if self._at(i + 1) == ">" and i + 1 < len(self._text):
                i += 1
                kind = None if self._in_blockquote else "BlockQuote"
                self._in_blockquote = True
        elif char == ">" and i == 0:
            kind = "BlockQuote"
            self._in_blockquote = True
        else:
            raise self._reserved_error(char)
        if kind is not None:
            self._open.append(_MdOpen(kind, argument, self._out.utf16, self._pos, self._out.mark()))
        self._pos = i + 1

    def _code_start(self, i: int) -> tuple[str, str, int]:
        """Open ``code`` or a ``pre`` block (with its language); return the last index used."""
        if not (self._at(i + 1) == "`" and self._at(i + 2) == "`"):
            return "Code", "", i
        i += 3
        kind, argument = "Pre", ""
        language_end = i
        while not self._is_space(language_end) and self._at(language_end) != "`":
            language_end += 1
        if i != language_end and language_end < len(self._text) and self._at(language_end) != "`":
            kind, argument = "PreCode", self._text[i:language_end]
            i = language_end
        return kind, argument, self._skip_one_newline(i) - 1

    def _skip_one_newline(self, i: int) -> int:
        if self._at(i) in ("\n", "\r"):
            pair = self._at(i + 1) in ("\n", "\r") and self._at(i) != self._at(i + 1)
            return i + 2 if pair else i + 1
        return i

    def _ends_entity(self, char: str) -> bool:
        i = self._pos
        if self._in_blockquote and char == "\n" and self._at(i + 1) != ">":
            return True
        following = self._at(i + 1)
        ends = {
            "Bold": char == "*",
            "Italic": char == "_" and following != "_",
            "Underline": char == "_" and following == "_",
            "Strikethrough": char == "~",
            "Spoiler": char == "|" and following == "|",
            "Code": char == "`",
            "Pre": char == "`" and following == "`" and self._at(i + 2) == "`",
            "TextUrl": char == "]",
            "CustomEmoji": char == "]",
            "BlockQuote": False,
        }
        ends["PreCode"] = ends["Pre"]
        return ends[self._open[-1].kind]

    def _close(self, char: str) -> None:
        top = self._open[-1]
        if char == "\n" and top.kind != "BlockQuote":
            raise self._missing_end(top)
        i = self._pos
        kind = _MD_KIND_TYPES[top.kind]
        extra: JSONDict = {}
        skip = self._out.utf16 == top.offset
        if top.kind in ("Underline", "Spoiler"):
            i += 1
        elif top.kind in ("Pre", "PreCode"):
            i += 2
            if top.argument:
                extra["language"] = top.argument
        elif top.kind == "TextUrl":
            url, i = self._link_target(i, top)
            user_id = _link_user_id(url)
            link = checked_link(url)
            if user_id is not None:
                kind, extra = "text_mention", {"user": {"id": user_id}}
            elif link is None:
                skip = True
            else:
                extra["url"] = link
        elif top.kind == "CustomEmoji":
            if self._at(i + 1) != "(":
                raise EntityParseError("Custom emoji entity must contain a tg://emoji URL")
            url, i = self._parenthesised(i + 2, "Can't find end of a custom emoji URL")
            extra["custom_emoji_id"] = self._emoji_id(url)
        elif top.kind == "BlockQuote":
            self._in_blockquote = False
            self._out.add(self._text[i])
        if not skip:
            self._add_entity(kind, top.offset, **extra)
        self._open.pop()
        self._pos = i + 1

    def _link_target(self, i: int, top: _MdOpen) -> tuple[str, int]:
        if self._at(i + 1) != "(":
            return self._out.since(top.mark), i
        return self._parenthesised(i + 2, "Can't find end of a URL")

    def _parenthesised(self, begin: int, error: str) -> tuple[str, int]:
        """Read a "(...)" target with backslash escapes; return it and the ")" index."""
        i = begin
        chars: list[str] = []
        while i < len(self._text) and self._text[i] != ")":
            if self._text[i] == "\\" and "\0" < self._at(i + 1) <= "~":
                chars.append(self._text[i + 1])
                i += 2
                continue
            chars.append(self._text[i])
            i += 1
        if self._at(i) != ")":
            raise EntityParseError(f"{error} at byte offset {self._byte(begin)}")
        return "".join(chars), i

    @staticmethod
    def _emoji_id(url: str) -> str:
        match = _EMOJI_LINK_RE.fullmatch(url)
        if match is None:
            raise EntityParseError("Custom emoji URL must have an emoji identifier")
        return _custom_emoji_id(match.group(1))

    def _missing_end(self, top: _MdOpen) -> EntityParseError:
        return EntityParseError(
            f"Can't find end of {top.kind} entity at byte offset {self._byte(top.index)}"
        )

    def _finish(self) -> None:
        if self._in_blockquote and self._open and self._open[-1].kind == "BlockQuote":
            top = self._open.pop()
            if self._out.utf16 > top.offset:
                self._add_entity("blockquote", top.offset)
        if self._open:
            raise self._missing_end(self._open[-1])


class _MarkdownParser(_Scanner):
    """Telegram's legacy Markdown parse mode (TDLib ``parse_markdown``): no nesting."""

    def parse(self) -> tuple[str, list[JSONDict]]:
        """Return the visible text and its entities, or raise :class:`EntityParseError`."""
        while self._pos < len(self._text):
            char = self._text[self._pos]
            if char == "\\" and self._at(self._pos + 1) in _MD_V1_MARKERS:
                self._out.add(self._text[self._pos + 1])
                self._pos += 2
            elif char in _MD_V1_MARKERS:
                self._entity(char)
            else:
                self._out.add(char)
                self._pos += 1
        return self._result()

    def _entity(self, marker: str) -> None:
        begin = self._pos
        i = begin + 1
        is_pre = marker == "`" and self._at(i) == "`" and self._at(i + 1) == "`"
        language = ""
        if is_pre:
            language, i = self._pre_header(i + 2)
        end_char = "]" if marker == "[" else marker
        offset, mark = self._out.utf16, self._out.mark()
        while i < len(self._text) and (
            self._text[i] != end_char
            or (is_pre and not (self._at(i + 1) == "`" and self._at(i + 2) == "`"))
        ):
            self._out.add(self._text[i])
            i += 1
        if i == len(self._text):
            raise EntityParseError(
                f"Can't find end of the entity starting at byte offset {self._byte(begin)}"
            )
        if self._out.utf16 != offset:
            i = self._record(marker, offset, mark, i, is_pre, language)
        self._pos = i + (3 if is_pre else 1)

    def _pre_header(self, i: int) -> tuple[str, int]:
        language = ""
        language_end = i
        while not self._is_space(language_end) and self._at(language_end) != "`":
            language_end += 1
        if i != language_end and language_end < len(self._text) and self._at(language_end) != "`":
            language, i = self._text[i:language_end], language_end
        if self._at(i) in ("\n", "\r"):
            pair = self._at(i + 1) in ("\n", "\r") and self._at(i) != self._at(i + 1)
            i += 2 if pair else 1
        return language, i

    def _record(
        self, marker: str, offset: int, mark: int, i: int, is_pre: bool, language: str
    ) -> int:
        """Add the entity for a closed marker; return the index of its last character."""
        if marker in _MD_V1_TYPES:
            self._add_entity(_MD_V1_TYPES[marker], offset)
        elif marker == "`":
            if is_pre and language:
                self._add_entity("pre", offset, language=language)
            else:
                self._add_entity("pre" if is_pre else "code", offset)
        else:
            url = self._out.since(mark)
            if self._at(i + 1) == "(":
                url_begin = i = i + 2
                while i < len(self._text) and self._text[i] != ")":
                    i += 1
                if self._at(i) != ")":
                    raise EntityParseError(
                        f"Can't find end of a URL at byte offset {self._byte(url_begin)}"
                    )
                url = self._text[url_begin:i]
            self._add_link(offset, url)
        return i

    def _add_link(self, offset: int, url: str) -> None:
        user_id = _link_user_id(url)
        link = checked_link(url)
        if user_id is not None:
            self._add_entity("text_mention", offset, user={"id": user_id})
        elif link is not None:
            self._add_entity("text_link", offset, url=link)


_PARSERS: Final[Mapping[str, Callable[[str], tuple[str, list[JSONDict]]]]] = {
    "html": lambda text: _HtmlParser(text).parse(),
    "markdownv2": lambda text: _MarkdownV2Parser(text).parse(),
    "markdown": lambda text: _MarkdownParser(text).parse(),
}


def parse_entities(text: str, parse_mode: str) -> tuple[str, list[JSONDict]]:
    """Parse ``text`` in ``parse_mode`` (HTML, MarkdownV2 or Markdown) as Telegram does.

    Returns the visible text and its entities (offsets and lengths in UTF-16 code units).
    Raises :class:`EntityParseError` with TDLib's message, or :class:`ValueError` for an
    unknown parse mode. Text mentions carry only ``{"user": {"id": ...}}``.
    """
    parser = _PARSERS.get(parse_mode.lower())
    if parser is None:
        raise ValueError(f"unsupported parse_mode {parse_mode!r}")
    return parser(text)


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


# --------------------------------------------------------------------------------------------
# Request parameters
# --------------------------------------------------------------------------------------------


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


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


# --------------------------------------------------------------------------------------------
# Formatted text: parsing, cleaning, limits
# --------------------------------------------------------------------------------------------

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


def _normalise_text(text: str, entities: list[JSONDict]) -> tuple[str, list[JSONDict]]:
    """Clean text as TDLib does before sending.

    "\\r" is removed, other control characters become spaces, leading and trailing whitespace
    is trimmed; entities are moved along and clipped, empty ones dropped.
    """
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


def _to_int(text: str) -> int:
    """TDLib's ``to_integer``: a leading integer, or 0 when there is none."""
    match = _INT_PREFIX_RE.match(text.strip())
    return int(match.group()) if match else 0


# --------------------------------------------------------------------------------------------
# Reply markup
# --------------------------------------------------------------------------------------------

_INLINE_ACTIONS: Final = (
    "callback_game",
    "pay",
    "switch_inline_query",
    "switch_inline_query_chosen_chat",
    "switch_inline_query_current_chat",
    "login_url",
    "web_app",
    "copy_text",
)


class _InvalidButton(Exception):
    """A keyboard button the Bot API server cannot parse."""


@dataclass
class _Markup:
    """A parsed ``reply_markup``: an inline keyboard, or another kind of markup."""

    inline: JSONDict | None = None
    other: JSONDict | None = None


def _parse_reply_markup(raw: Any) -> _Markup:
    """Parse ``reply_markup`` the way the Bot API server does (structure only)."""
    if raw is None or raw == "":
        return _Markup()
    value = raw
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise _bad_request("can't parse reply keyboard markup JSON object") from exc
    if not isinstance(value, dict):
        raise _bad_request("object expected as reply markup")
    keyboard = _keyboard_rows(value)
    inline = _inline_rows(value)
    if keyboard:
        other = {
            key: copy.deepcopy(item) for key, item in value.items() if key != "inline_keyboard"
        }
        return _Markup(other={**other, "keyboard": keyboard})
    if inline:
        return _Markup(inline={"inline_keyboard": inline})
    if value.get("remove_keyboard") or value.get("hide_keyboard") or value.get("force_reply"):
        return _Markup(other=copy.deepcopy(value))
    return _Markup()


def _array_field(value: JSONDict, name: str) -> list[Any]:
    if name not in value:
        return []
    rows = value[name]
    if not isinstance(rows, list):
        raise _bad_request(f'field "{name}" must be of type Array')
    return rows


def _inline_rows(value: JSONDict) -> list[list[JSONDict]]:
    rows: list[list[JSONDict]] = []
    for row in _array_field(value, "inline_keyboard"):
        if not isinstance(row, list):
            raise _bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        try:
            buttons = [_inline_button(button) for button in row]
        except _InvalidButton as exc:
            raise _bad_request(f"can't parse inline keyboard button: {exc}") from exc
        if buttons:
            rows.append(buttons)
    return rows


def _keyboard_rows(value: JSONDict) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for row in _array_field(value, "keyboard"):
        if not isinstance(row, list):
            raise _bad_request('field "keyboard" must be an Array of Arrays')
        try:
            buttons = [_keyboard_button(button) for button in row]
        except _InvalidButton as exc:
            raise _bad_request(f"can't parse keyboard button: {exc}") from exc
        if buttons:
            rows.append(buttons)
    return rows


def _keyboard_button(button: Any) -> Any:
    if isinstance(button, str):
        return button
    if not isinstance(button, dict):
        raise _InvalidButton("KeyboardButton must be a String or an Object")
    _string_field(button, "text", required=True)
    return copy.deepcopy(button)


def _string_field(value: JSONDict, name: str, *, required: bool = False) -> str:
    """A string field of a JSON object, read like TDLib's JSON helpers (numbers are allowed)."""
    if name not in value:
        if required:
            raise _InvalidButton(f'Can\'t find field "{name}"')
        return ""
    field_value = value[name]
    if isinstance(field_value, str):
        return field_value
    if isinstance(field_value, int | float) and not isinstance(field_value, bool):
        return json.dumps(field_value)
    raise _InvalidButton(f'Field "{name}" must be of type String')


def _inline_button(button: Any) -> JSONDict:
    """An inline button reduced to its text and the one action Telegram keeps."""
    if not isinstance(button, dict):
        raise _InvalidButton("InlineKeyboardButton must be an Object")
    text = _string_field(button, "text", required=True)
    for key in ("url", "callback_data"):
        value = _string_field(button, key)
        if value:
            return {"text": text, key: value}
    for key in _INLINE_ACTIONS:
        if key in button:
            return {"text": text, key: copy.deepcopy(button[key])}
    raise _InvalidButton("Text buttons are unallowed in the inline keyboard")


def _check_inline_buttons(markup: JSONDict | None) -> None:
    """The checks Telegram's servers make on button contents when the message is sent."""
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if not button["text"]:
                raise _bad_request("BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and len(data.encode("utf-8", "surrogatepass")) > (
                MAX_CALLBACK_DATA_BYTES
            ):
                raise _bad_request("BUTTON_DATA_INVALID")
            url = button.get("url")
            if url is not None and not _valid_button_url(url):
                raise _bad_request("BUTTON_URL_INVALID")


def _valid_button_url(url: str) -> bool:
    link = checked_link(url)
    if link is None:
        return False
    return urlsplit(link).hostname != "localhost"


# --------------------------------------------------------------------------------------------
# Users, chats and recorded messages
# --------------------------------------------------------------------------------------------


@dataclass
class FakeUser:
    """A Telegram user talking to the bot."""

    id: int
    first_name: str
    last_name: str | None = None
    username: str | None = None
    language_code: str | None = "nl"

    def to_dict(self) -> JSONDict:
        """The Bot API ``User`` object."""
        data: JSONDict = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        for key in ("last_name", "username", "language_code"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data

    def private_chat(self) -> JSONDict:
        """The Bot API ``Chat`` object of the bot's private chat with this user."""
        data: JSONDict = {"id": self.id, "type": "private", "first_name": self.first_name}
        for key in ("last_name", "username"):
            value = getattr(self, key)
            if value is not None:
                data[key] = value
        return data


@dataclass
class FakeChat:
    """A group or supergroup (ids are negative on Telegram, e.g. -100123 for supergroups)."""

    id: int
    type: str
    title: str | None = None

    def to_dict(self) -> JSONDict:
        """The Bot API ``Chat`` object."""
        data: JSONDict = {"id": self.id, "type": self.type}
        if self.title is not None:
            data["title"] = self.title
        return data


@dataclass
class SentMessage:
    """One message as the bot sent it; edits update it in place.

    ``text`` and ``parse_mode`` are what the bot sent (markup included); ``plain_text`` and
    ``entities`` are what Telegram shows (for a document: its caption).
    """

    chat_id: int
    message_id: int
    text: str | None
    parse_mode: str | None
    reply_markup: JSONDict | None
    date: int
    edited: bool = False
    document: JSONDict | None = None
    plain_text: str | None = None
    entities: list[JSONDict] = field(default_factory=list)
    edit_date: int | None = None
    reply_to_message_id: int | None = None
    reply_keyboard: JSONDict | None = None
    deleted: bool = False

    def buttons(self) -> list[JSONDict]:
        """The inline keyboard's buttons, row by row, as one list."""
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]

    def button(self, text: str) -> JSONDict:
        """The inline button labelled ``text``; LookupError if there is none."""
        for button in self.buttons():
            if button["text"] == text:
                return button
        labels = [button["text"] for button in self.buttons()]
        raise LookupError(f"no button {text!r} on message {self.message_id}; buttons: {labels}")


@dataclass
class _Group:
    chat: FakeChat
    members: dict[int, str] = field(default_factory=dict)
    bot_status: str = "member"


@dataclass
class _StoredFile:
    file_id: str
    file_unique_id: str
    file_path: str
    upload: Upload

    def document(self) -> JSONDict:
        """The Bot API ``Document`` object."""
        return {
            "file_name": self.upload.file_name,
            "mime_type": self.upload.mime_type,
            "file_id": self.file_id,
            "file_unique_id": self.file_unique_id,
            "file_size": len(self.upload.content),
        }


@dataclass
class _Waiter:
    """A getUpdates long poll waiting for an update."""

    loop: asyncio.AbstractEventLoop
    event: asyncio.Event
    conflict: BotAPIError | None = None

    def wake(self) -> None:
        """Wake the poll; safe to call from any thread."""
        with contextlib.suppress(RuntimeError):  # a closed loop has nobody waiting
            self.loop.call_soon_threadsafe(self.event.set)


@dataclass
class _Described:
    """A successful answer that also carries a ``description`` (as setWebhook's does)."""

    result: Any
    description: str


_ADMIN_RIGHTS: Final = {
    "can_be_edited": False,
    "is_anonymous": False,
    "can_manage_chat": True,
    "can_delete_messages": True,
    "can_manage_video_chats": True,
    "can_restrict_members": True,
    "can_promote_members": False,
    "can_change_info": True,
    "can_invite_users": True,
    "can_post_stories": False,
    "can_edit_stories": False,
    "can_delete_stories": False,
    "can_pin_messages": True,
}
_ACCEPTED_GIFT_TYPES: Final = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}
_MEMBER_STATUSES: Final = frozenset({"creator", "administrator", "member", "restricted"})


def _chat_member(status: str, user: JSONDict) -> JSONDict:
    """A Bot API ``ChatMember`` object with the fields its status requires."""
    member: JSONDict = {"status": status, "user": user}
    if status == "administrator":
        member.update(_ADMIN_RIGHTS)
    elif status == "creator":
        member["is_anonymous"] = False
    elif status == "kicked":
        member["until_date"] = 0
    return member


def _status_of(description: str | None) -> int:
    """The HTTP status that goes with a Bot API description's prefix."""
    if description is None:
        return 500
    for status, phrase in _STATUS_PHRASES.items():
        if description.startswith(phrase):
            return status
    return 400


def _normalise_uploads(
    files: Mapping[str, Upload | tuple[str, bytes, str]] | None,
) -> dict[str, Upload]:
    return {
        name: item if isinstance(item, Upload) else Upload(*item)
        for name, item in (files or {}).items()
    }


# --------------------------------------------------------------------------------------------
# The API
# --------------------------------------------------------------------------------------------


class BotAPIStandin:
    """An in-memory Telegram Bot API: chats, users, messages, updates and their errors.

    Use :meth:`handle` directly, or :class:`StandinRequest` to put a real ``telegram.Bot``
    on top of it. All state is kept on the instance; one instance is one bot.
    """

    def __init__(
        self,
        *,
        bot_id: int = 7000000001,
        bot_username: str = "werkbot_demo_bot",
        bot_first_name: str = "werkbot",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.token = f"{bot_id}:AAstandin{'0' * 26}"
        self.base_url = "http://127.0.0.1:0/bot"
        self.base_file_url = "http://127.0.0.1:0/file/bot"
        self.messages: list[SentMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.callback_answers: list[JSONDict] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.webhook: JSONDict | None = None
        self._clock = clock
        self._lock = threading.RLock()
        self._users: dict[int, FakeUser] = {}
        self._private_chats: set[int] = set()
        self._groups: dict[int, _Group] = {}
        self._blocked: set[int] = set()
        self._failures: dict[str, list[BotAPIError]] = {}
        self._updates: list[JSONDict] = []
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._waiters: list[_Waiter] = []
        self._next_message_ids: dict[int, int] = {}
        self._sent: dict[tuple[int, int], SentMessage] = {}
        self._incoming: dict[tuple[int, int], JSONDict] = {}
        self._callback_queries: dict[str, bool] = {}
        self._next_callback_id = 1
        self._files: dict[str, _StoredFile] = {}
        self._menu_buttons: dict[int | None, JSONDict] = {}
        self._bot_texts: dict[tuple[str, str], str] = {}
        self._handlers: dict[str, Callable[[_Params], Any]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagecaption": self._edit_message_caption,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "senddocument": self._send_document,
            "getfile": self._get_file,
            "sendchataction": self._send_chat_action,
            "getchat": self._get_chat,
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
            "getchatmembercount": self._get_chat_member_count,
            "getchatmemberscount": self._get_chat_member_count,
            "leavechat": self._leave_chat,
            "setchatmenubutton": self._set_chat_menu_button,
            "getchatmenubutton": self._get_chat_menu_button,
            "setmydescription": self._bot_text_setter("description"),
            "getmydescription": self._bot_text_getter("description"),
            "setmyshortdescription": self._bot_text_setter("short_description"),
            "getmyshortdescription": self._bot_text_getter("short_description"),
            "setmyname": self._bot_text_setter("name"),
            "getmyname": self._bot_text_getter("name"),
            "close": lambda params: True,
            "logout": lambda params: True,
        }

    # ---- the core ------------------------------------------------------------------------

    def handle(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, Upload | tuple[str, bytes, str]] | None = None,
    ) -> tuple[int, JSONDict]:
        """Answer one Bot API call: ``(HTTP status, JSON body)``, exactly as Telegram would.

        ``params`` may hold wire strings (as in a form post) or decoded JSON values; ``files``
        maps multipart part names to uploads. Method names are case-insensitive, as on
        Telegram. getUpdates answers at once here; :meth:`long_poll` honours its timeout.
        """
        with self._lock:
            self.calls.append((method, dict(params)))
            try:
                result = self._dispatch(method, _Params(params, _normalise_uploads(files)))
            except BotAPIError as error:
                return error.status, error.body()
        if isinstance(result, _Described):
            return 200, {"ok": True, "result": result.result, "description": result.description}
        return 200, {"ok": True, "result": result}

    def _dispatch(self, method: str, params: _Params) -> Any:
        failures = self._failures.get(method.lower())
        if failures:
            raise failures.pop(0)
        handler = self._handlers.get(method.lower())
        if handler is None:
            if method.lower() in _KNOWN_METHODS:
                raise BotAPIError(
                    f"Not Implemented: the Bot API stand-in does not implement {method}", 501
                )
            raise BotAPIError("Not Found", status=404)
        return handler(params)

    async def long_poll(self, params: Mapping[str, Any]) -> tuple[int, JSONDict]:
        """getUpdates with its ``timeout``: wait without blocking the loop for an update.

        A newer long poll ends an older one with 409 Conflict, as on Telegram.
        """
        self._abort_long_polls(_conflict(_GET_UPDATES_CONFLICT))
        loop = asyncio.get_running_loop()
        waiter = _Waiter(loop, asyncio.Event())
        with self._lock:
            self._waiters.append(waiter)
        try:
            status, body = self.handle("getUpdates", params)
            timeout = _clamp(_Params(params, {}).integer("timeout"), 0, LONG_POLL_MAX_TIMEOUT)
            if status != 200 or body["result"] or timeout == 0:
                return status, body
            return await self._wait_for_updates(waiter, params, loop.time() + timeout)
        finally:
            with self._lock:
                self._waiters.remove(waiter)

    async def _wait_for_updates(
        self, waiter: _Waiter, params: Mapping[str, Any], deadline: float
    ) -> tuple[int, JSONDict]:
        while (remaining := deadline - waiter.loop.time()) > 0:
            try:
                await asyncio.wait_for(waiter.event.wait(), remaining)
            except TimeoutError:
                break
            waiter.event.clear()
            if waiter.conflict is not None:
                return waiter.conflict.status, waiter.conflict.body()
            with self._lock:
                try:
                    updates = self._get_updates(_Params(params, {}))
                except BotAPIError as error:
                    return error.status, error.body()
            if updates:
                return 200, {"ok": True, "result": updates}
        return 200, {"ok": True, "result": []}

    def _abort_long_polls(self, error: BotAPIError) -> None:
        with self._lock:
            waiters = list(self._waiters)
            for waiter in waiters:
                waiter.conflict = waiter.conflict or error
        for waiter in waiters:
            waiter.wake()

    def download(self, url: str) -> tuple[int, bytes]:
        """Answer a file download (``base_file_url`` + token + file_path) like Telegram."""
        path = url.split("/file/bot", 1)[-1].split("/", 1)[-1]
        with self._lock:
            for stored in self._files.values():
                if stored.file_path == path:
                    return 200, stored.upload.content
        return 404, json.dumps(BotAPIError("Not Found", status=404).body()).encode()

    # ---- simulating Telegram's side ------------------------------------------------------

    def add_user(self, user: FakeUser) -> None:
        """The user has started the bot: their private chat is known."""
        with self._lock:
            self._users[user.id] = user
            self._private_chats.add(user.id)

    def add_group(
        self,
        chat: FakeChat,
        members: Iterable[FakeUser] = (),
        *,
        admins: Iterable[FakeUser] = (),
    ) -> None:
        """The bot was added to ``chat`` (a group or supergroup) with these members."""
        if chat.type not in ("group", "supergroup"):
            raise ValueError(f"add_group needs a group or supergroup, not {chat.type!r}")
        with self._lock:
            group = _Group(chat)
            for status, users in (("member", members), ("administrator", admins)):
                for user in users:
                    self._users[user.id] = user
                    group.members[user.id] = status
            self._groups[chat.id] = group

    def block(self, user_id: int) -> None:
        """The user blocked the bot: sending to their private chat answers 403."""
        with self._lock:
            self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user unblocked the bot (writing to the bot does this too)."""
        with self._lock:
            self._blocked.discard(user_id)

    def fail_next(
        self,
        method: str,
        *,
        retry_after: int | None = None,
        status: int | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next call of ``method`` fail.

        With ``retry_after`` it is Telegram's flood-control answer (429 with
        ``parameters.retry_after``); otherwise ``status``/``description`` (defaults: 500, or the
        status implied by the description's prefix, and the status's own phrase).
        """
        if retry_after is not None:
            error = BotAPIError(
                f"Too Many Requests: retry after {retry_after}", 429, {"retry_after": retry_after}
            )
        else:
            code = status or _status_of(description)
            error = BotAPIError(description or _STATUS_PHRASES.get(code, "Error"), code)
        with self._lock:
            self._failures.setdefault(method.lower(), []).append(error)

    def message_update(self, user: FakeUser, text: str, chat: FakeChat | None = None) -> JSONDict:
        """An Update with a text message from ``user`` (private chat unless ``chat`` is given).

        Commands get their ``bot_command`` entities, as Telegram adds them. Writing in a
        private chat makes the chat known and lifts a block; in a group the bot must have
        been added with :meth:`add_group`. The update is not queued: see :meth:`push_update`.
        """
        if not text:
            raise ValueError("Telegram does not deliver empty text messages")
        with self._lock:
            chat_id, chat_object = self._incoming_chat(user, chat)
            message: JSONDict = {
                "message_id": self._take_message_id(chat_id),
                "from": user.to_dict(),
                "chat": chat_object,
                "date": self._now(),
                "text": text,
            }
            entities = _bot_command_entities(text)
            if entities:
                message["entities"] = entities
            self._incoming[(chat_id, message["message_id"])] = message
            return {"update_id": self._take_update_id(), "message": copy.deepcopy(message)}

    def callback_update(self, user: FakeUser, message: SentMessage, data: str) -> JSONDict:
        """An Update for ``user`` pressing a button with ``data`` on a message the bot sent.

        ``data`` is not checked against the keyboard, so tests can forge any payload. The
        query id must be answered once with answerCallbackQuery.
        """
        with self._lock:
            sent = self._sent.get((message.chat_id, message.message_id))
            if sent is None or sent.deleted:
                raise ValueError(f"the bot has no message {message.message_id} in that chat")
            self._check_can_press(user, sent.chat_id)
            query_id = str(4_000_000_000_000_000_000 + self._next_callback_id)
            self._next_callback_id += 1
            self._callback_queries[query_id] = False
            query = {
                "id": query_id,
                "from": user.to_dict(),
                "message": self._message_object(sent),
                "chat_instance": str((sent.chat_id * 2654435761 ^ self.bot_id) % (1 << 63)),
                "data": data,
            }
            return {"update_id": self._take_update_id(), "callback_query": query}

    def push_update(self, update: Mapping[str, Any]) -> None:
        """Queue ``update`` for getUpdates (an ``update_id`` is assigned if it has none)."""
        with self._lock:
            queued = copy.deepcopy(dict(update))
            if "update_id" in queued:
                self._next_update_id = max(self._next_update_id, int(queued["update_id"]) + 1)
            else:
                queued["update_id"] = self._take_update_id()
            self._updates.append(queued)
            waiters = list(self._waiters)
        for waiter in waiters:
            waiter.wake()

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """The messages the bot sent to ``chat_id`` and has not deleted, oldest first."""
        with self._lock:
            return [m for m in self.messages if m.chat_id == chat_id and not m.deleted]

    def last_message(self, chat_id: int) -> SentMessage:
        """The newest message the bot sent to ``chat_id``; LookupError if there is none."""
        messages = self.messages_to(chat_id)
        if not messages:
            raise LookupError(f"the bot has sent nothing to chat {chat_id}")
        return messages[-1]

    def _incoming_chat(self, user: FakeUser, chat: FakeChat | None) -> tuple[int, JSONDict]:
        self._users[user.id] = user
        if chat is None or chat.type == "private":
            if chat is not None and chat.id != user.id:
                raise ValueError("a private chat has the id of its user")
            self._private_chats.add(user.id)
            self._blocked.discard(user.id)
            return user.id, user.private_chat()
        group = self._groups.get(chat.id)
        if group is None or group.bot_status not in _MEMBER_STATUSES:
            raise ValueError(f"the bot is not in chat {chat.id}: call add_group first")
        group.members.setdefault(user.id, "member")
        return chat.id, group.chat.to_dict()

    def _check_can_press(self, user: FakeUser, chat_id: int) -> None:
        group = self._groups.get(chat_id)
        if group is None and user.id != chat_id:
            raise ValueError("only the user of a private chat can press its buttons")
        self._users[user.id] = user
        if group is not None:
            group.members.setdefault(user.id, "member")

    # ---- helpers -------------------------------------------------------------------------

    def _now(self) -> int:
        return int(self._clock())

    def continue_after(self, update_id: int) -> None:
        """Number the next updates after ``update_id`` (Telegram's numbers only go up)."""
        with self._lock:
            self._next_update_id = max(self._next_update_id, update_id + 1)

    def _take_update_id(self) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        return update_id

    def _take_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_ids.get(chat_id, 1)
        self._next_message_ids[chat_id] = message_id + 1
        return message_id

    def _bot_user(self) -> JSONDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _chat_object(self, chat_id: int) -> JSONDict:
        group = self._groups.get(chat_id)
        return group.chat.to_dict() if group else self._users[chat_id].private_chat()

    def _resolve_chat(self, raw: str) -> int:
        """The chat a ``chat_id`` argument names, if the bot may use it."""
        if not raw:
            raise _bad_request("chat_id is empty")
        chat_id = 0 if raw.startswith("@") else _to_int(raw)
        if chat_id in self._private_chats:
            return chat_id
        group = self._groups.get(chat_id)
        if group is None:
            raise _bad_request("chat not found")
        if group.bot_status not in _MEMBER_STATUSES:
            raise _forbidden(f"bot is not a member of the {group.chat.type} chat")
        return chat_id

    def _check_not_blocked(self, chat_id: int) -> None:
        if chat_id in self._blocked and chat_id in self._private_chats:
            raise _forbidden("bot was blocked by the user")

    def _message_exists(self, chat_id: int, message_id: int) -> bool:
        sent = self._sent.get((chat_id, message_id))
        return (chat_id, message_id) in self._incoming or (sent is not None and not sent.deleted)

    def _reply_target(self, params: _Params, chat_id: int) -> int | None:
        """The message being replied to, checked the way the Bot API checks it."""
        reply = params.json_lenient("reply_parameters")
        if isinstance(reply, dict):
            reply_params = _Params(reply, {})
            message_id = reply_params.integer("message_id")
            allow_missing = reply_params.flag("allow_sending_without_reply")
            if reply_params.text("chat_id"):
                target = self._resolve_chat(reply_params.text("chat_id"))
                if target != chat_id:
                    return None
        else:
            message_id = params.integer("reply_to_message_id")
            allow_missing = params.flag("allow_sending_without_reply")
        if message_id <= 0:
            return None
        if self._message_exists(chat_id, message_id):
            return message_id
        if allow_missing:
            return None
        raise _bad_request("message to be replied not found")

    def _finish_text(
        self, formatted: _Formatted, limit: int, empty_error: str | None, long_error: str
    ) -> tuple[str, list[JSONDict]]:
        """The checks TDLib makes before sending: cleaning, emptiness and length."""
        plain, entities = _normalise_text(formatted.plain, formatted.entities)
        if not plain and empty_error is not None:
            raise _bad_request(empty_error)
        if utf16_length(plain) > limit:
            raise _bad_request(long_error)
        return plain, self._resolve_mentions(entities)

    def _resolve_mentions(self, entities: list[JSONDict]) -> list[JSONDict]:
        """Fill in text mentions of users the bot knows; mentions of strangers are dropped."""
        resolved: list[JSONDict] = []
        for entity in entities:
            if entity["type"] == "text_mention":
                user = self._users.get(_to_int(str(entity.get("user", {}).get("id", 0))))
                if user is None:
                    continue
                entity = {**entity, "user": user.to_dict()}
            resolved.append(entity)
        return resolved

    def _record(self, sent: SentMessage) -> JSONDict:
        self.messages.append(sent)
        self._sent[(sent.chat_id, sent.message_id)] = sent
        return self._message_object(sent)

    def _message_object(self, sent: SentMessage, *, with_reply: bool = True) -> JSONDict:
        """The Bot API ``Message`` object for a message the bot sent."""
        message: JSONDict = {
            "message_id": sent.message_id,
            "from": self._bot_user(),
            "chat": self._chat_object(sent.chat_id),
            "date": sent.date,
        }
        if sent.edit_date is not None:
            message["edit_date"] = sent.edit_date
        if with_reply and sent.reply_to_message_id is not None:
            replied = self._replied_object(sent.chat_id, sent.reply_to_message_id)
            if replied is not None:
                message["reply_to_message"] = replied
        if sent.document is not None:
            message["document"] = self._files[sent.document["file_id"]].document()
            if sent.plain_text:
                message["caption"] = sent.plain_text
            if sent.entities:
                message["caption_entities"] = copy.deepcopy(sent.entities)
        else:
            message["text"] = sent.plain_text
            if sent.entities:
                message["entities"] = copy.deepcopy(sent.entities)
        if sent.reply_markup:
            message["reply_markup"] = copy.deepcopy(sent.reply_markup)
        return message

    def _replied_object(self, chat_id: int, message_id: int) -> JSONDict | None:
        incoming = self._incoming.get((chat_id, message_id))
        if incoming is not None:
            return copy.deepcopy(incoming)
        sent = self._sent.get((chat_id, message_id))
        return None if sent is None else self._message_object(sent, with_reply=False)

    # ---- getMe, updates and webhooks -----------------------------------------------------

    def _get_me(self, params: _Params) -> JSONDict:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_updates(self, params: _Params) -> list[JSONDict]:
        if self.webhook is not None:
            raise _conflict(
                "can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first"
            )
        self._remember_allowed_updates(params)
        self._confirm_updates(params.integer("offset"))
        limit = _clamp(params.integer("limit", 100), 1, 100)
        return copy.deepcopy(self._updates[:limit])

    def _remember_allowed_updates(self, params: _Params) -> None:
        allowed = params.json_lenient("allowed_updates")
        if isinstance(allowed, list) and all(isinstance(kind, str) for kind in allowed):
            self._allowed_updates = frozenset(allowed) if allowed else None

    def _confirm_updates(self, offset: int) -> None:
        """Forget confirmed updates (``update_id < offset``) and ones of unwanted types."""
        if offset < 0:
            self._updates = self._updates[offset:]
        elif 0 < offset <= self._next_update_id:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._updates = [u for u in self._updates if self._wanted(u)]

    def _wanted(self, update: JSONDict) -> bool:
        kind = next((key for key in update if key != "update_id"), "")
        if self._allowed_updates is None:
            return kind not in _OPT_IN_UPDATES
        return kind in self._allowed_updates

    def _set_webhook(self, params: _Params) -> _Described:
        url = params.text("url")
        if not url:
            return self._delete_webhook(params)
        parts = urlsplit(url)
        if parts.scheme.lower() != "https":
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        try:
            port = parts.port
        except ValueError:
            port = -1
        if port not in _WEBHOOK_PORTS:
            raise _bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        self._abort_long_polls(_conflict("terminated by setWebhook request"))
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        self._remember_allowed_updates(params)
        webhook: JSONDict = {"url": url}
        for key in ("secret_token", "ip_address"):
            if params.text(key):
                webhook[key] = params.text(key)
        webhook["max_connections"] = _clamp(params.integer("max_connections", 40), 1, 100)
        already = self.webhook == webhook
        self.webhook = webhook
        return _Described(True, "Webhook is already set" if already else "Webhook was set")

    def _delete_webhook(self, params: _Params) -> _Described:
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        existed = self.webhook is not None
        self.webhook = None
        return _Described(True, "Webhook was deleted" if existed else "Webhook is already deleted")

    def _get_webhook_info(self, params: _Params) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook:
            info["max_connections"] = self.webhook["max_connections"]
        if self._allowed_updates is not None:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    # ---- commands and bot texts ----------------------------------------------------------

    def _set_my_commands(self, params: _Params) -> bool:
        commands = _read_commands(params)
        key = self._command_key(params)
        if len(commands) > MAX_COMMANDS:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND_RE.fullmatch(command["command"]):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not command["description"].strip():
                raise _bad_request("command description must be non-empty")
            if utf16_length(command["description"]) > MAX_COMMAND_DESCRIPTION_LENGTH:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        if commands:
            self.commands[key] = commands
        else:
            self.commands.pop(key, None)
        return True

    def _get_my_commands(self, params: _Params) -> list[JSONDict]:
        return copy.deepcopy(self.commands.get(self._command_key(params), []))

    def _delete_my_commands(self, params: _Params) -> bool:
        self.commands.pop(self._command_key(params), None)
        return True

    def _command_key(self, params: _Params) -> tuple[str, str]:
        """``(scope, language_code)``: a scope type, or "chat:<id>" style for chat scopes."""
        try:
            scope = params.json("scope")
        except ValueError as exc:
            raise _bad_request("can't parse BotCommandScope JSON object") from exc
        name = "default" if scope is None else self._scope_name(scope)
        return name, params.text("language_code")

    def _scope_name(self, scope: Any) -> str:
        def invalid(reason: str) -> BotAPIError:
            return _bad_request(f"can't parse BotCommandScope: {reason}")

        if not isinstance(scope, dict):
            raise invalid("BotCommandScope must be an Object")
        try:
            kind = _string_field(scope, "type", required=True)
            chat_raw = _string_field(scope, "chat_id", required=kind in _CHAT_SCOPES)
        except _InvalidButton as exc:
            raise invalid(str(exc)) from exc
        if kind in _GLOBAL_SCOPES:
            return kind
        if kind not in _CHAT_SCOPES:
            raise invalid("Unsupported type specified")
        if not chat_raw:
            raise invalid("Empty chat_id specified")
        chat_id = self._resolve_chat(chat_raw)
        if kind != "chat_member":
            return f"{kind}:{chat_id}"
        user_id = _Params(scope, {}).integer("user_id")
        if user_id <= 0:
            raise invalid("Invalid user_id specified")
        return f"{kind}:{chat_id}:{user_id}"

    def _bot_text_setter(self, kind: str) -> Callable[[_Params], bool]:
        def set_text(params: _Params) -> bool:
            key = (kind, params.text("language_code"))
            if params.text(kind):
                self._bot_texts[key] = params.text(kind)
            else:
                self._bot_texts.pop(key, None)
            return True

        return set_text

    def _bot_text_getter(self, kind: str) -> Callable[[_Params], JSONDict]:
        def get_text(params: _Params) -> JSONDict:
            return {kind: self._bot_texts.get((kind, params.text("language_code")), "")}

        return get_text

    # ---- messages ------------------------------------------------------------------------

    def _send_message(self, params: _Params) -> JSONDict:
        if not params.text("text"):
            raise _bad_request("message text is empty")
        formatted = _read_formatted(params, "text", "entities")
        markup = _parse_reply_markup(params.raw("reply_markup"))
        chat_id = self._resolve_chat(params.text("chat_id"))
        reply_to = self._reply_target(params, chat_id)
        plain, entities = self._finish_text(
            formatted, MAX_MESSAGE_LENGTH, "message must be non-empty", "message is too long"
        )
        _check_inline_buttons(markup.inline)
        self._check_not_blocked(chat_id)
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._take_message_id(chat_id),
            text=formatted.raw,
            parse_mode=formatted.parse_mode,
            reply_markup=markup.inline,
            date=self._now(),
            plain_text=plain,
            entities=entities,
            reply_to_message_id=reply_to,
            reply_keyboard=markup.other,
        )
        return self._record(sent)

    def _message_to_edit(self, params: _Params) -> SentMessage:
        if not params.text("chat_id") and params.integer("message_id") == 0:
            if params.text("inline_message_id"):
                raise _bad_request("MESSAGE_ID_INVALID")
            raise _bad_request("message identifier is not specified")
        chat_id = self._resolve_chat(params.text("chat_id"))
        message_id = params.integer("message_id")
        if message_id <= 0:
            raise _bad_request("message identifier is not specified")
        sent = self._sent.get((chat_id, message_id))
        if sent is None or sent.deleted:
            if (chat_id, message_id) in self._incoming:
                raise _bad_request("message can't be edited")
            raise _bad_request("message to edit not found")
        return sent

    def _mark_edited(self, sent: SentMessage) -> JSONDict:
        sent.edited = True
        sent.edit_date = self._now()
        return self._message_object(sent)

    def _edit_message_text(self, params: _Params) -> JSONDict:
        if not params.text("text"):
            raise _bad_request("message text is empty")
        formatted = _read_formatted(params, "text", "entities")
        markup = _parse_reply_markup(params.raw("reply_markup"))
        sent = self._message_to_edit(params)
        if sent.document is not None:
            raise _bad_request("there is no text in the message to edit")
        plain, entities = self._finish_text(
            formatted, MAX_MESSAGE_LENGTH, "message must be non-empty", "message is too long"
        )
        _check_inline_buttons(markup.inline)
        if (plain, entities, markup.inline) == (sent.plain_text, sent.entities, sent.reply_markup):
            raise _bad_request(_NOT_MODIFIED)
        sent.text, sent.parse_mode = formatted.raw, formatted.parse_mode
        sent.plain_text, sent.entities, sent.reply_markup = plain, entities, markup.inline
        return self._mark_edited(sent)

    def _edit_message_caption(self, params: _Params) -> JSONDict:
        formatted = _read_formatted(params, "caption", "caption_entities")
        markup = _parse_reply_markup(params.raw("reply_markup"))
        sent = self._message_to_edit(params)
        if sent.document is None:
            raise _bad_request("there is no caption in the message to edit")
        plain, entities = self._finish_text(
            formatted, MAX_CAPTION_LENGTH, None, "message caption is too long"
        )
        _check_inline_buttons(markup.inline)
        current = (sent.plain_text or "", sent.entities, sent.reply_markup)
        if (plain, entities, markup.inline) == current:
            raise _bad_request(_NOT_MODIFIED)
        sent.document["caption"] = formatted.raw or None
        sent.parse_mode = formatted.parse_mode
        sent.plain_text, sent.entities, sent.reply_markup = plain or None, entities, markup.inline
        return self._mark_edited(sent)

    def _edit_message_reply_markup(self, params: _Params) -> JSONDict:
        markup = _parse_reply_markup(params.raw("reply_markup"))
        sent = self._message_to_edit(params)
        if markup.other is not None:
            raise _bad_request("inline keyboard expected")
        _check_inline_buttons(markup.inline)
        if markup.inline == sent.reply_markup:
            raise _bad_request(_NOT_MODIFIED)
        sent.reply_markup = markup.inline
        return self._mark_edited(sent)

    def _delete_message(self, params: _Params) -> bool:
        chat_id = self._resolve_chat(params.text("chat_id"))
        key = (chat_id, params.integer("message_id"))
        sent = self._sent.get(key)
        if sent is not None and not sent.deleted:
            sent.deleted = True
            return True
        if self._incoming.pop(key, None) is not None:
            return True
        raise _bad_request("message to delete not found")

    def _answer_callback_query(self, params: _Params) -> bool:
        query_id = params.text("callback_query_id")
        if self._callback_queries.get(query_id, True):
            raise _bad_request(_QUERY_INVALID)
        text = params.text("text")
        if utf16_length(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._callback_queries[query_id] = True
        self.callback_answers.append(
            {
                "callback_query_id": query_id,
                "text": text or None,
                "show_alert": params.flag("show_alert"),
                "url": params.text("url") or None,
                "cache_time": _clamp(params.integer("cache_time"), 0, 30 * 24 * 60 * 60),
            }
        )
        return True

    # ---- files ---------------------------------------------------------------------------

    def _send_document(self, params: _Params) -> JSONDict:
        stored = self._document_file(params)
        formatted = _read_formatted(params, "caption", "caption_entities")
        markup = _parse_reply_markup(params.raw("reply_markup"))
        chat_id = self._resolve_chat(params.text("chat_id"))
        reply_to = self._reply_target(params, chat_id)
        plain, entities = self._finish_text(
            formatted, MAX_CAPTION_LENGTH, None, "message caption is too long"
        )
        _check_inline_buttons(markup.inline)
        self._check_not_blocked(chat_id)
        document = {
            "file_name": stored.upload.file_name,
            "content": stored.upload.content,
            "caption": formatted.raw or None,
            "file_id": stored.file_id,
            "mime_type": stored.upload.mime_type,
        }
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._take_message_id(chat_id),
            text=None,
            parse_mode=formatted.parse_mode,
            reply_markup=markup.inline,
            date=self._now(),
            document=document,
            plain_text=plain or None,
            entities=entities,
            reply_to_message_id=reply_to,
            reply_keyboard=markup.other,
        )
        return self._record(sent)

    def _document_file(self, params: _Params) -> _StoredFile:
        upload = params.files.get("document")
        reference = params.text("document")
        if upload is None and reference.startswith("attach://"):
            upload = params.files.get(reference.removeprefix("attach://"))
        elif upload is None and reference:
            return self._known_file(reference)
        if upload is None:
            raise _bad_request("there is no document in the request")
        if not upload.content:
            raise _bad_request("file must be non-empty")
        return self._store_file(upload)

    def _known_file(self, reference: str) -> _StoredFile:
        stored = self._files.get(reference)
        if stored is not None:
            return stored
        if reference.startswith(("http://", "https://")):
            raise _bad_request("failed to get HTTP URL content")
        raise _bad_request("wrong file identifier/HTTP URL specified")

    def _store_file(self, upload: Upload) -> _StoredFile:
        number = len(self._files) + 1
        suffix = "." + upload.file_name.rsplit(".", 1)[1] if "." in upload.file_name else ""
        stored = _StoredFile(
            file_id=f"BQACAgQAAxkDAAI{number:06d}Standin{self.bot_id}",
            file_unique_id=f"AgAD{number:06d}",
            file_path=f"documents/file_{number}{suffix}",
            upload=upload,
        )
        self._files[stored.file_id] = stored
        return stored

    def _get_file(self, params: _Params) -> JSONDict:
        stored = self._files.get(params.text("file_id"))
        if stored is None:
            raise _bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.upload.content),
            "file_path": stored.file_path,
        }

    # ---- chats ---------------------------------------------------------------------------

    def _send_chat_action(self, params: _Params) -> bool:
        if params.text("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        chat_id = self._resolve_chat(params.text("chat_id"))
        self._check_not_blocked(chat_id)
        return True

    def _get_chat(self, params: _Params) -> JSONDict:
        chat_id = self._resolve_chat(params.text("chat_id"))
        return {
            **self._chat_object(chat_id),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict(_ACCEPTED_GIFT_TYPES),
        }

    def _get_chat_member(self, params: _Params) -> JSONDict:
        user_id = params.integer("user_id")
        if user_id <= 0:
            raise _bad_request("invalid user_id specified")
        chat_id = self._resolve_chat(params.text("chat_id"))
        group = self._groups.get(chat_id)
        if user_id == self.bot_id:
            return _chat_member(group.bot_status if group else "member", self._bot_user())
        user = self._users.get(user_id)
        if user is None or (group is None and user_id != chat_id):
            raise _bad_request("user not found")
        status = group.members.get(user_id, "left") if group else "member"
        return _chat_member(status, user.to_dict())

    def _get_chat_administrators(self, params: _Params) -> list[JSONDict]:
        chat_id = self._resolve_chat(params.text("chat_id"))
        group = self._groups.get(chat_id)
        if group is None:
            raise _bad_request("there are no administrators in the private chat")
        admins = [
            _chat_member(status, self._users[user_id].to_dict())
            for user_id, status in group.members.items()
            if status in ("creator", "administrator")
        ]
        if group.bot_status == "administrator":
            admins.append(_chat_member("administrator", self._bot_user()))
        return admins

    def _get_chat_member_count(self, params: _Params) -> int:
        chat_id = self._resolve_chat(params.text("chat_id"))
        group = self._groups.get(chat_id)
        if group is None:
            return 2
        members = sum(status in _MEMBER_STATUSES for status in group.members.values())
        return members + 1

    def _leave_chat(self, params: _Params) -> bool:
        chat_id = self._resolve_chat(params.text("chat_id"))
        group = self._groups.get(chat_id)
        if group is None:
            raise _bad_request("chat member status can't be changed in private chats")
        group.bot_status = "left"
        return True

    def _set_chat_menu_button(self, params: _Params) -> bool:
        raw_chat = params.text("chat_id")
        chat_id = self._resolve_chat(raw_chat) if raw_chat else None
        button = params.json_lenient("menu_button")
        if isinstance(button, dict) and button.get("type"):
            self._menu_buttons[chat_id] = copy.deepcopy(button)
        else:
            self._menu_buttons.pop(chat_id, None)
        return True

    def _get_chat_menu_button(self, params: _Params) -> JSONDict:
        raw_chat = params.text("chat_id")
        chat_id = self._resolve_chat(raw_chat) if raw_chat else None
        default = {"type": "default"} if chat_id is not None else {"type": "commands"}
        return copy.deepcopy(self._menu_buttons.get(chat_id, default))


def _read_commands(params: _Params) -> list[JSONDict]:
    """The ``commands`` argument of setMyCommands, parsed like the Bot API server does."""
    try:
        value = params.json("commands")
    except ValueError as exc:
        raise _bad_request("can't parse commands JSON object") from exc
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad_request("expected an Array of BotCommand")
    commands: list[JSONDict] = []
    for item in value:
        if not isinstance(item, dict):
            raise _bad_request("can't parse BotCommand: expected an Object")
        try:
            command = {
                key: _string_field(item, key, required=True) for key in ("command", "description")
            }
        except _InvalidButton as exc:
            raise _bad_request(f"can't parse BotCommand: {exc}") from exc
        commands.append(command)
    return commands


# --------------------------------------------------------------------------------------------
# python-telegram-bot's HTTP layer
# --------------------------------------------------------------------------------------------


def _read_uploads(request_data: RequestData | None) -> dict[str, Upload]:
    """The multipart parts of a request (file handles are read)."""
    if request_data is None or not request_data.contains_files:
        return {}
    uploads: dict[str, Upload] = {}
    for name, (file_name, content, mime_type) in request_data.multipart_data.items():
        data = content if isinstance(content, bytes) else content.read()
        uploads[name] = Upload(file_name, data, mime_type)
    return uploads


class StandinRequest(BaseRequest):
    """Routes python-telegram-bot's HTTP calls to a :class:`BotAPIStandin`; never opens a socket.

    The Telegram method is the last path component of the URL; the parameters are the
    values PTB would JSON-encode (``RequestData.parameters``), the files its multipart parts.
    """

    def __init__(self, api: BotAPIStandin) -> None:
        self.api = api
        self._closed = False

    @property
    def read_timeout(self) -> float | None:
        """The default read timeout, as PTB's own HTTPXRequest has it."""
        return 5.0

    async def initialize(self) -> None:
        """Nothing to set up: there is no connection pool."""
        self._closed = False

    async def shutdown(self) -> None:
        """Refuse further requests until initialized again, like HTTPXRequest."""
        self._closed = True

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        """Answer one HTTP request with the status and JSON bytes Telegram would send."""
        if self._closed:
            raise RuntimeError("This StandinRequest is not initialized!")
        if method == "GET" and "/file/bot" in url:
            return self.api.download(url)
        api_method = url.rstrip("/").rsplit("/", 1)[-1]
        params: dict[str, Any] = {}
        if request_data is not None:
            json.dumps(request_data.json_parameters)  # what must go over the wire must encode
            params = dict(request_data.parameters)
        if api_method.lower() == "getupdates":
            status, body = await self.api.long_poll(params)
        else:
            status, body = self.api.handle(api_method, params, _read_uploads(request_data))
        return status, json.dumps(body).encode("utf-8")


class SinkRequest(BaseRequest):
    """A Bot API that accepts everything at once and, optionally, writes each call down.

    For benchmarks and worker processes: no parsing, no limits, no socket. With ``log`` every
    sendMessage, editMessageText and answerCallbackQuery is appended to that file as one JSON
    line (method, chat, text, query id), flushed at once, so a process killed right after a
    call still shows it.
    """

    BOT: Final = {
        "id": 7000000001,
        "is_bot": True,
        "first_name": "werkbot",
        "username": "werkbot_demo_bot",
    }
    LOGGED: Final = frozenset({"sendMessage", "editMessageText", "answerCallbackQuery"})

    def __init__(self, log: str | None = None) -> None:
        self._log = open(log, "a", encoding="utf-8") if log else None  # noqa: SIM115
        self._next_message_id = 1
        #: How often each Bot API method was called: a benchmark checks its work with it.
        self.calls: Counter[str] = Counter()

    @property
    def read_timeout(self) -> float | None:
        return 5.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        write_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        connect_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
        pool_timeout: ODVInput[float] = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        name = url.rstrip("/").rsplit("/", 1)[-1]
        self.calls[name] += 1
        params: dict[str, Any] = dict(request_data.parameters) if request_data else {}
        result: object = True
        if name == "getMe":
            result = self.BOT
        elif name == "getUpdates":
            await asyncio.sleep(min(float(params.get("timeout", 0) or 0), 1.0))
            result = []
        elif name in {"sendMessage", "editMessageText", "sendDocument"}:
            chat_id = int(params.get("chat_id", 1))
            message_id = int(params.get("message_id", 0)) or self._next_message_id
            self._next_message_id += 1
            result = {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": {"id": chat_id, "type": "private" if chat_id > 0 else "supergroup"},
                "from": self.BOT,
                "text": str(params.get("text", "")),
            }
        if self._log is not None and name in self.LOGGED:
            line = {
                "method": name,
                "chat": params.get("chat_id"),
                "text": params.get("text"),
                "query": params.get("callback_query_id"),
            }
            self._log.write(json.dumps(line) + "\n")
            self._log.flush()
        return 200, json.dumps({"ok": True, "result": result}).encode()


def ballot_press(update_id: int, user_id: int, motion_id: int, choice: str) -> JSONDict:
    """The update Telegram sends when member ``user_id`` presses a ballot button (f, a, x) in
    their private chat: for benchmarks and tests that need many presses without a stand-in."""
    user = {"id": user_id, "is_bot": False, "first_name": f"Lid {user_id}", "language_code": "nl"}
    return {
        "update_id": update_id,
        "callback_query": {
            "id": str(update_id),
            "from": user,
            "chat_instance": str(user_id),
            "data": f"v|{motion_id}|{choice}",
            "message": {
                "message_id": motion_id,
                "date": int(time.time()),
                "chat": {"id": user_id, "type": "private", "first_name": user["first_name"]},
                "from": dict(SinkRequest.BOT),
                "text": "Voorstel",
            },
        },
    }
