"""The typed context every handler receives: services, settings, translator, current person."""

from __future__ import annotations

import asyncio
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.db.engine import Database
from bot.i18n import Translator, translator
from bot.services.boards import Asking
from bot.services.inbox import PersonCache
from bot.services.views import PersonView
from bot.settings import Settings
from handlers.flood import FloodGate


@dataclass
class TallyThrottle:
    """When each motion's tally was last edited, and which motions have an edit planned."""

    last: dict[int, float] = field(default_factory=dict)
    pending: set[int] = field(default_factory=set)


async def _nothing() -> None:
    return None


@dataclass
class BotServices:
    """What the application holds for all updates; filled in ``post_init``."""

    settings: Settings | None = None
    database: Database | None = None
    flood: FloodGate = field(default_factory=FloodGate)
    tally: TallyThrottle = field(default_factory=TallyThrottle)
    people: PersonCache = field(default_factory=PersonCache)
    # True when updates come from the inbox, which then drops replays (runtime.transport)
    inbox: bool = False
    # held while an update is processed and while one outbox message is sent: a worker has at
    # most one message in hand, so a worker that dies sends at most one twice
    sending: asyncio.Lock = field(default_factory=asyncio.Lock)
    # set by the runtime (runtime.sender.attach): delivers what the outbox holds
    deliver: Callable[[], Awaitable[None]] = _nothing
    # the worker's background sender (runtime.sender.Sender), when the runtime made one
    sender: Any = None
    worker: str = field(
        default_factory=lambda: f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
    )

    @property
    def db(self) -> Database:
        assert self.database is not None, "post_init has not run"
        return self.database

    @property
    def config(self) -> Settings:
        assert self.settings is not None, "post_init has not run"
        return self.settings


class WerkbotContext(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], BotServices]):
    """Context with typed access to the services and the person behind the update."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)
        self.person: PersonView | None = None
        # a button press's update_id, recorded by the button router: a ballot records it in
        # the ballot's own transaction, any other press just before its work
        self.unrecorded_update: int | None = None
        # what a question about the agreement needs of the person, read by the gate in the
        # unit of work that records the update (text in a private chat), so that a question
        # takes one unit of work, not two
        self.asking: Asking | None = None

    @property
    def services(self) -> BotServices:
        return self.bot_data

    @property
    def db(self) -> Database:
        return self.bot_data.db

    @property
    def settings(self) -> Settings:
        return self.bot_data.config

    @property
    def t(self) -> Translator:
        """The translator of the person behind the update (or the default language)."""
        if self.person is not None:
            return translator(self.person.language)
        return translator(self.bot_data.config.default_language)

    @property
    def me(self) -> PersonView:
        assert self.person is not None, "the identify handler runs first for every user update"
        return self.person


#: The application as the runtime builds it: typed context and services.
WerkbotApp = Application[Any, WerkbotContext, dict[Any, Any], dict[Any, Any], BotServices, Any]
