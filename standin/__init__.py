"""An in-process stand-in for the Telegram Bot API.

:class:`BotAPIStandin` answers Bot API methods the way ``api.telegram.org`` does: the same
HTTP status codes, the same ``description`` strings and the same JSON objects.
:class:`StandinRequest` plugs it into python-telegram-bot as the HTTP layer, so a real
``telegram.Bot`` or ``telegram.ext.Application`` runs end to end with no network at all.
Nothing in this package opens a socket.

The behaviour is modelled on the open-source Bot API server (tdlib/telegram-bot-api) and on
TDLib's HTML text-entity parser, so that what fails here fails on Telegram with the same
message, and what passes here passes there. The bot sends HTML only: MarkdownV2 and legacy
Markdown are answered with "Bad Request: unsupported parse_mode" (Telegram would parse them).

The modules, each importing only those listed before it:

- :mod:`standin.limits`: Telegram's limits and how it measures text;
- :mod:`standin.errors`: :class:`BotAPIError` and Telegram's error wording;
- :mod:`standin.links`: text-link URLs and ``tg://user?id=`` mentions;
- :mod:`standin.html`: the HTML parse mode, :func:`parse_entities`;
- :mod:`standin.params`: request parameters and uploads;
- :mod:`standin.formatting`: text and caption arguments, cleaned and measured;
- :mod:`standin.markup`: reply markup and inline keyboards;
- :mod:`standin.state`: users, chats, members, sent messages and files;
- :mod:`standin.api`: :class:`BotAPIStandin`, the Bot API methods;
- :mod:`standin.request`: :class:`StandinRequest`, :class:`SinkRequest`, :func:`ballot_press`.
"""

from __future__ import annotations

from standin.api import BotAPIStandin
from standin.errors import BotAPIError, EntityParseError
from standin.html import parse_entities
from standin.limits import (
    LONG_POLL_MAX_TIMEOUT,
    MAX_CALLBACK_ANSWER_LENGTH,
    MAX_CALLBACK_DATA_BYTES,
    MAX_CAPTION_LENGTH,
    MAX_COMMAND_DESCRIPTION_LENGTH,
    MAX_COMMANDS,
    MAX_MESSAGE_LENGTH,
    JSONDict,
    utf16_length,
)
from standin.links import checked_link
from standin.params import Upload
from standin.request import SinkRequest, StandinRequest, ballot_press
from standin.state import FakeChat, FakeUser, SentMessage

__all__ = [
    "LONG_POLL_MAX_TIMEOUT",
    "MAX_CALLBACK_ANSWER_LENGTH",
    "MAX_CALLBACK_DATA_BYTES",
    "MAX_CAPTION_LENGTH",
    "MAX_COMMANDS",
    "MAX_COMMAND_DESCRIPTION_LENGTH",
    "MAX_MESSAGE_LENGTH",
    "BotAPIError",
    "BotAPIStandin",
    "EntityParseError",
    "FakeChat",
    "FakeUser",
    "JSONDict",
    "SentMessage",
    "SinkRequest",
    "StandinRequest",
    "Upload",
    "ballot_press",
    "checked_link",
    "parse_entities",
    "utf16_length",
]
