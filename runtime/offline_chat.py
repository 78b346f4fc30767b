"""The offline chat: the real Application and handlers, a Bot API stand-in, and a terminal.

Type messages and commands as a board member would. Every message with buttons has a number:
``3.2`` presses button 2 of message 3, a bare ``2`` presses button 2 of the newest message when
that one has buttons (never an older one). A line ending in a backslash, or lines between two
lines of three double quotes, are sent as one message of several lines. Files the bot sends
are saved in a folder the chat names. Chat controls (not sent to the bot): /as NAME, /people, /messages,
/group, /private, /quit. On an empty database the chat offers a demo board with fictional
members; people added with ``/as new NAME`` read the default language, as new Telegram users
whose app language werkbot does not speak do.
"""

from __future__ import annotations

import html
import re
import sys
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

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
#: Where the chat saves the files the bot sends, unless told otherwise.
FILES = Path("werkbot-chat-files")
#: A line of its own that starts and ends a message of several lines.
BLOCK = '"""'
#: "3.2": button 2 of message 3; "2": button 2 of the newest message.
PRESS = re.compile(r"^(?:(\d+)\.)?(\d+)$")


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
    files: Path = FILES

    @property
    def db(self) -> Database:
        assert self.app is not None
        return self.app.bot_data.db

    async def run(self) -> None:
        # The chat processes updates itself, without the JobQueue: no conversation time-outs.
        warnings.filterwarnings("ignore", message="Ignoring `conversation_timeout`")
        self.app = build_application(
            self.settings, self.api.token, request=StandinRequest(self.api), lemmas_at_start=False
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
        # the default language, as a new Telegram user whose app werkbot does not speak: not
        # the language of the terminal the chat runs in
        user = FakeUser(user_id, name, language_code=self.settings.default_language)
        self.people[user.id], self.names[user.id] = user, name
        self.api.add_user(user)
        self.api.add_group(FakeChat(GROUP_CHAT_ID, "group"), [user])
        return user

    def _banner(self) -> None:
        self.say(
            self.t.gettext(
                "Offline chat with werkbot. Type messages and commands as on Telegram.\n"
                "Buttons: 3.2 presses button 2 of message 3; 2 alone presses button 2 of the "
                "newest message; /messages lists the messages with buttons.\n"
                "Several lines: end a line with \\ to go on, or put the lines between two lines "
                'of """.\n'
                "Files the bot sends are saved in {folder}.\n"
                "/as NAME switches person (/as new NAME adds one), /people lists them, /group and "
                "/private switch chat, /quit ends."
            ).format(folder=self.files.absolute())
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
        if line == BLOCK or line.endswith("\\"):
            line = self._more_lines(line)
            if line is None:
                self.say(self.t.gettext("Goodbye."))
                return False
        if line:
            await self._handle(line)
        return True

    def _more_lines(self, first: str) -> str | None:
        """The rest of a message of several lines: up to a closing line of three double
        quotes, or while lines end in a backslash. None when the input ends first."""
        lines: list[str] = []
        if first == BLOCK:
            while (more := self._read("... ")) is not None:
                if more == BLOCK:
                    return "\n".join(lines)
                lines.append(more)
            return None
        current: str | None = first
        while current is not None and current.endswith("\\"):
            lines.append(current[:-1].rstrip())
            current = self._read("... ")
        if current is None:
            return None
        return "\n".join([*lines, current])

    async def _handle(self, line: str) -> None:
        if line.startswith("/as "):
            self._switch(line[4:].strip())
        elif line == "/people":
            for user_id, name in self.names.items():
                self.say(("* " if user_id == self.current else "  ") + name)
        elif line == "/messages":
            self._list_messages()
        elif line in {"/group", "/private"}:
            self.in_group = line == "/group"
            self._whoami()
        elif press := PRESS.match(line):
            message, button = press.groups()
            await self._press(int(message) if message else None, int(button))
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

    def _in_this_chat(self) -> list[SentMessage]:
        return self.api.messages_to(GROUP_CHAT_ID if self.in_group else self.current)

    async def _press(self, message_number: int | None, number: int) -> None:
        """Press button ``number`` of message ``message_number``, or of the newest message.
        A bare number never reaches past the newest message: after a message without buttons
        (a cancelled proposal), it would answer something older and unrelated."""
        messages = self._in_this_chat()
        if not any(m.buttons() for m in messages):
            self.say(
                self.t.gettext(
                    "No message in this chat has buttons (yet). 3.2 presses button 2 of message 3."
                )
            )
            return
        if message_number is None:
            target = messages[-1]
            if not target.buttons():
                self.say(
                    self.t.gettext(
                        "The newest message has no buttons. To press a button of an earlier "
                        "message, give its number too: 3.2 presses button 2 of message 3 "
                        "(/messages lists them)."
                    )
                )
                return
        else:
            found = [m for m in messages if m.message_id == message_number and m.buttons()]
            if not found:
                self.say(
                    self.t.gettext(
                        "There is no message {number} with buttons here. /messages lists them."
                    ).format(number=message_number)
                )
                return
            target = found[0]
        buttons = target.buttons()
        if not 1 <= number <= len(buttons):
            self.say(self.t.gettext("There is no button {number} here.").format(number=number))
            return
        data = str(buttons[number - 1].get("callback_data", ""))
        await self._process(self.api.callback_update(self.people[self.current], target, data))

    def _list_messages(self) -> None:
        """The messages with buttons in this chat, each with its number and buttons."""
        with_buttons = [m for m in self._in_this_chat() if m.buttons()]
        if not with_buttons:
            self.say(self.t.gettext("No message in this chat has buttons (yet)."))
        for message in with_buttons:
            first = terminal_text(message.text or message.plain_text or "").split("\n")[0]
            self.say(f"  {message.message_id}: {first[:60]}")
            self.say(
                "     "
                + "  ".join(
                    f"[{message.message_id}.{number}] {button.get('text', '')}"
                    for number, button in enumerate(message.buttons(), 1)
                )
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
        number = f" [{message.message_id}]" if message.buttons() else ""
        lines = [f"werkbot -> {target}{number}{edited}:"]
        if message.document is not None:  # a file: saved, then its caption
            lines.append("  " + self._save(message.document))
            body = message.plain_text or ""
        else:
            body = terminal_text(message.text or "")
        lines += ["  " + line for line in body.split("\n") if line or message.document is None]
        buttons = message.buttons()
        for position, button in enumerate(buttons, 1):
            lines.append(f"  [{message.message_id}.{position}] {button.get('text', '')}")
        return "\n".join(lines)

    def _save(self, document: dict[str, object]) -> str:
        """Write a file the bot sent into the chat's folder; the line that says where."""
        name = Path(str(document.get("file_name") or "file")).name
        content = document.get("content")
        if not isinstance(content, bytes):
            return f"[{name}]"
        self.files.mkdir(parents=True, exist_ok=True)
        target = self.files / name
        target.write_bytes(content)
        return self.t.gettext("[file {name}, saved as {path}]").format(
            name=name, path=target.absolute()
        )


async def run_offline_chat(settings: Settings, t: Translator, files: Path = FILES) -> None:
    """The chat on the configured database, reading from the terminal."""
    chat = OfflineChat(
        settings, t, ask=input, say=lambda text: print(text, flush=True), files=files
    )
    if not sys.stdin.isatty():
        chat.ask = _piped_input
    await chat.run()


def _piped_input(prompt: str) -> str:
    line = sys.stdin.readline()
    if not line:
        raise EOFError
    print(prompt + line.rstrip("\n"), flush=True)
    return line
