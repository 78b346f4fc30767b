"""The offline chat: the real Application and handlers, a Bot API stand-in, and a terminal.

Type messages and commands as a board member would. A bare number presses that button of the
last message with buttons. Chat controls (not sent to the bot): /as NAME, /people, /group,
/private, /quit. On an empty database the chat offers a demo board with fictional members.
"""

from __future__ import annotations

import html
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field

from telegram import Update

from bot.db.engine import Database
from bot.i18n import Translator
from bot.services import boards, demo, inbox, people
from bot.services.views import PersonView
from bot.settings import Settings
from handlers.context import WerkbotApp
from rules.agreements.loader import shipped_agreements
from runtime.app import build_application
from runtime.scheduler import process_due_work
from standin import BotAPIStandin, FakeChat, FakeUser, SentMessage, StandinRequest

Input = Callable[[str], str]
Output = Callable[[str], None]
GROUP_CHAT_ID = -1001000000001
NEW_PERSON_ID = 8_000_000_001


def terminal_text(text: str) -> str:
    """Telegram HTML as plain terminal text."""
    text = re.sub(r"</?(b|strong|i|em|u|code|pre|s|a)( [^>]*)?>", "", text)
    return html.unescape(text)


@dataclass
class OfflineChat:
    """A terminal conversation with the bot, as one or more people."""

    settings: Settings
    t: Translator
    ask: Input = input
    say: Output = print
    api: BotAPIStandin = field(default_factory=BotAPIStandin)
    people: dict[int, FakeUser] = field(default_factory=dict)
    names: dict[int, str] = field(default_factory=dict)
    current: int = 0
    in_group: bool = False
    seen: dict[tuple[int, int], tuple[str | None, str]] = field(default_factory=dict)
    answers_seen: int = 0
    app: WerkbotApp | None = None

    @property
    def db(self) -> Database:
        assert self.app is not None
        return self.app.bot_data.db

    async def run(self) -> None:
        # The chat processes updates itself, without the JobQueue: no conversation time-outs.
        warnings.filterwarnings("ignore", message="Ignoring `conversation_timeout`")
        self.app = build_application(
            self.settings, self.api.token, request=StandinRequest(self.api)
        )
        await self.app.initialize()
        assert self.app.post_init is not None
        await self.app.post_init(self.app)
        # a chat started again on the same database continues Telegram's numbering of updates
        self.api.continue_after(await inbox.last_update_id(self.db))
        try:
            await self._cast()
            self._banner()
            while await self._turn():
                pass
        finally:
            await self.app.shutdown()
            if self.app.post_shutdown is not None:
                await self.app.post_shutdown(self.app)

    async def _cast(self) -> None:
        """Load the people the bot knows; offer a demo board when there is no board at all."""
        if not await boards.list_boards(self.db):
            await self._offer_demo()
        for person in await people.everyone(self.db, self.settings.default_language):
            if person.telegram_user_id is not None:
                self._add(person)
        if not self.people:
            self._add_new(self.t.gettext("You"))
        secretaries = [p for p in self.people if "Secretaris" in self.names[p]]
        self.current = secretaries[0] if secretaries else next(iter(self.people))
        self.api.add_group(
            FakeChat(GROUP_CHAT_ID, "group", self.t.gettext("Board group (demo)")),
            self.people.values(),
        )

    async def _offer_demo(self) -> None:
        ids = list(shipped_agreements())
        self.say(
            self.t.gettext(
                "The database has no board yet. Set up a demo board with fictional members?"
            )
        )
        for number, agreement_id in enumerate(ids, 1):
            title = shipped_agreements()[agreement_id].board_name.get(self.t.language)
            self.say(f"  [{number}] {title} ({agreement_id})")
        self.say("  [0] " + self.t.gettext("No, start empty"))
        answer = self._read(self.t.gettext("Choice [1]: ")) or "1"
        if answer.isdigit() and 1 <= int(answer) <= len(ids):
            setup = await demo.create_demo(
                self.db, ids[int(answer) - 1], self.settings.default_language
            )
            self.say(
                self.t.gettext(
                    "Demo board created. Everyone on it is fictional and marked (demo). You are {name}; seat {seat} is vacant so you can try an invite."
                ).format(name=setup.secretary.name, seat=setup.vacant_seat)
            )

    def _add(self, person: PersonView) -> None:
        assert person.telegram_user_id is not None
        user = FakeUser(person.telegram_user_id, person.name, language_code=person.language)
        self.people[user.id] = user
        self.names[user.id] = person.name
        self.api.add_user(user)

    def _add_new(self, name: str) -> FakeUser:
        user_id = max([NEW_PERSON_ID - 1, *(i for i in self.people if i < 9_000_000_000)]) + 1
        user = FakeUser(user_id, name, language_code=self.t.language)
        self.people[user.id], self.names[user.id] = user, name
        self.api.add_user(user)
        self.api.add_group(FakeChat(GROUP_CHAT_ID, "group"), [user])
        return user

    def _banner(self) -> None:
        self.say(
            self.t.gettext(
                "Offline chat with werkbot. Type messages and commands; a number presses a button. "
                "/as NAME switches person (/as new NAME adds one), /people lists them, /group and /private switch chat, /quit ends."
            )
        )
        self._whoami()

    def _whoami(self) -> None:
        where = (
            self.t.gettext("the board group") if self.in_group else self.t.gettext("a private chat")
        )
        self.say(
            self.t.gettext("You are {name}, in {where}.").format(
                name=self.names[self.current], where=where
            )
        )

    def _read(self, prompt: str) -> str | None:
        try:
            return self.ask(prompt).strip()
        except EOFError:
            return None

    async def _turn(self) -> bool:
        line = self._read(f"{self.names[self.current]}> ")
        if line is None or line in {"/quit", "/exit"}:
            self.say(self.t.gettext("Goodbye."))
            return False
        if line:
            await self._handle(line)
        return True

    async def _handle(self, line: str) -> None:
        if line.startswith("/as "):
            self._switch(line[4:].strip())
        elif line == "/people":
            for user_id, name in self.names.items():
                self.say(("* " if user_id == self.current else "  ") + name)
        elif line in {"/group", "/private"}:
            self.in_group = line == "/group"
            self._whoami()
        elif line.isdigit():
            await self._press(int(line))
        else:
            match = re.match(r"^https://t\.me/\w+\?start=([\w-]+)$", line)
            await self._send(f"/start {match.group(1)}" if match else line)

    def _switch(self, name: str) -> None:
        if name.lower().startswith("new "):
            user = self._add_new(name[4:].strip() or self.t.gettext("New member"))
            self.current = user.id
        else:
            found = [i for i, n in self.names.items() if n.lower().startswith(name.lower())]
            if len(found) != 1:
                self.say(
                    self.t.gettext(
                        "Nobody or more than one person is called {name}. Try /people."
                    ).format(name=name)
                )
                return
            self.current = found[0]
        self._whoami()

    def _chat(self) -> FakeChat | None:
        return FakeChat(GROUP_CHAT_ID, "group") if self.in_group else None

    async def _send(self, text: str) -> None:
        update = self.api.message_update(self.people[self.current], text, self._chat())
        await self._process(update)

    async def _press(self, number: int) -> None:
        chat_id = GROUP_CHAT_ID if self.in_group else self.current
        with_buttons = [m for m in self.api.messages_to(chat_id) if m.reply_markup]
        if not with_buttons:
            self.say(
                self.t.gettext(
                    "No message in this chat has buttons (yet). A number presses a button of "
                    "the last message with buttons."
                )
            )
            return
        buttons = with_buttons[-1].buttons()
        if not 1 <= number <= len(buttons):
            self.say(self.t.gettext("There is no button {number} here.").format(number=number))
            return
        data = str(buttons[number - 1].get("callback_data", ""))
        await self._process(
            self.api.callback_update(self.people[self.current], with_buttons[-1], data)
        )

    async def _process(self, update: dict[str, object]) -> None:
        assert self.app is not None
        await self.app.process_update(Update.de_json(update, self.app.bot))
        # No JobQueue runs here (input() blocks the loop): do due closes and reminders per turn.
        await process_due_work(
            self.app.bot, self.db, self.settings.default_language, "offline-chat"
        )
        self._show_new()

    def _show_new(self) -> None:
        """Print every message the bot sent or changed since the last turn, and its alerts."""
        for message in self.api.messages:
            key = (message.chat_id, message.message_id)
            state = (message.text, repr(message.reply_markup))
            if self.seen.get(key) != state:
                self.seen[key] = state
                self.say(self._render(message))
        for answer in self.api.callback_answers[self.answers_seen :]:
            if answer.get("text"):
                self.say("  (!) " + str(answer["text"]))
        self.answers_seen = len(self.api.callback_answers)

    def _render(self, message: SentMessage) -> str:
        target = (
            self.t.gettext("group")
            if message.chat_id < 0
            else self.names.get(message.chat_id, str(message.chat_id))
        )
        edited = " " + self.t.gettext("(edited)") if message.edited else ""
        lines = [f"werkbot -> {target}{edited}:"]
        if message.document is not None:  # a file: its name, then its caption
            lines.append(f"  [{message.document.get('file_name', 'file')}]")
            body = message.plain_text or ""
        else:
            body = terminal_text(message.text or "")
        lines += ["  " + line for line in body.split("\n") if line or message.document is None]
        for number, button in enumerate(message.buttons(), 1):
            lines.append(f"  [{number}] {button.get('text', '')}")
        return "\n".join(lines)


async def run_offline_chat(settings: Settings, t: Translator) -> None:
    """The chat on the configured database, reading from the terminal."""
    chat = OfflineChat(settings, t, ask=input, say=lambda text: print(text, flush=True))
    if not sys.stdin.isatty():
        chat.ask = _piped_input
    await chat.run()


def _piped_input(prompt: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    print(prompt + line.rstrip("\n"), flush=True)
    return line
