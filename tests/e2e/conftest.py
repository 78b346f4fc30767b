"""The real Application against the Bot API stand-in, on each test database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass

import pytest
from telegram import Update

from bot.db.engine import Database
from bot.services import boards, people
from bot.services.views import BoardRef, PersonView
from bot.settings import Settings
from handlers.context import WerkbotApp
from handlers.flood import FloodGate
from runtime.app import build_application
from standin import BotAPIStandin, FakeChat, FakeUser, SentMessage, StandinRequest


@dataclass
class Harness:
    api: BotAPIStandin
    app: WerkbotApp
    db: Database

    async def feed(self, update: dict[str, object]) -> list[SentMessage]:
        """Process one update as Telegram would deliver it; return the messages it produced."""
        before = len(self.api.messages)
        await self.app.process_update(Update.de_json(update, self.app.bot))
        return self.api.messages[before:]

    async def send(
        self, user: FakeUser, text: str, chat: FakeChat | None = None
    ) -> list[SentMessage]:
        return await self.feed(self.api.message_update(user, text, chat))

    async def say(self, user: FakeUser, text: str, chat: FakeChat | None = None) -> str:
        """The text of the single reply to ``text``."""
        replies = await self.send(user, text, chat)
        assert len(replies) == 1, [m.text for m in replies]
        return replies[0].text or ""

    async def press(self, user: FakeUser, message: SentMessage, data: str) -> SentMessage:
        await self.feed(self.api.callback_update(user, message, data))
        return next(
            m
            for m in self.api.messages
            if m.message_id == message.message_id and m.chat_id == message.chat_id
        )

    async def press_label(self, user: FakeUser, message: SentMessage, label: str) -> SentMessage:
        button = next(b for b in message.buttons() if label in b["text"])
        return await self.press(user, message, button["callback_data"])

    def calm(self) -> None:
        """Forget recent updates, as if time passed: a long scripted session stays under the
        per-user flood limit."""
        self.app.bot_data.flood = FloodGate()

    def user(self, user_id: int, name: str, language: str = "nl") -> FakeUser:
        user = FakeUser(user_id, name, language_code=language)
        self.api.add_user(user)
        return user

    async def board_with_secretary(
        self, agreement: str = "achterhoek-2014"
    ) -> tuple[BoardRef, FakeUser]:
        board = await boards.create_board(self.db, agreement)
        secretary = self.user(100, "Sam Secretaris")
        person: PersonView = await people.identify(
            self.db, secretary.id, "Sam Secretaris", telegram_language="nl"
        )
        await boards.assign(self.db, board.id, "secretaris", person.id)
        return board, secretary


@pytest.fixture
async def bot(db: Database) -> AsyncIterator[Harness]:
    api = BotAPIStandin()
    # the stand-in is no Telegram: no need to pace sends at 29 a second (the pacing has tests
    # of its own: test_transport, test_sender, bench/broadcast.py)
    settings = Settings(
        _env_file=None,
        database_url="sqlite+aiosqlite:///unused.sqlite3",
        send_rate_per_second=2000,
    )
    app = build_application(settings, api.token, request=StandinRequest(api), database=db)
    await app.initialize()
    assert app.post_init is not None
    await app.post_init(app)
    yield Harness(api, app, db)
    await app.shutdown()
