"""A secretary's broadcast to N members, through the path a real one takes, against a Bot API
stub that enforces Telegram's limit of 30 messages a second.

    python bench/broadcast.py [--recipients 1000] [--database-url URL]

One werkbot worker runs as in production (``serve`` with a webhook on loopback: the inbox, the
JobQueue, the one outbox sender). The bench plays Telegram: it posts the secretary's
``/omroep``, the text, and the press of "Versturen" to the webhook, and counts what the stub
receives. The stub accepts at most 30 sendMessage calls in any rolling second and answers more
with 429 and ``retry_after`` (as Telegram does).

It prints, side by side: the time from the press to the last delivery and to the delivery
report, the ideal time at 30 messages a second, their ratio, the target (1.15 x ideal + 5 s),
the 429s werkbot caused, and whether every member got the message exactly once.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import socket
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx
from telegram.request import BaseRequest, RequestData

from bot.db.engine import Database, make_engine
from bot.db.schema import upgrade_engine
from bot.services import boards, people
from bot.settings import Settings
from runtime.app import build_application
from runtime.transport import serve
from runtime.webhook import Webhook

TOKEN = "7000000001:AAbenchbenchbenchbenchbenchbenchbench"
BOT = {"id": 7000000001, "is_bot": True, "first_name": "werkbot", "username": "werkbot_demo_bot"}
SECRET = "bench-secret"
RATE = 30
SECRETARY = 9_499_999
FIRST_MEMBER = 9_500_000
BODY = "Vergadering verplaatst naar donderdag"


class LimitedStub(BaseRequest):
    """Answers at once, but like Telegram refuses more than 30 messages in any second."""

    def __init__(self) -> None:
        self.sent: collections.Counter[int] = collections.Counter()
        self.recent: collections.deque[float] = collections.deque()
        self.refused = 0
        self.last_delivery = 0.0
        self.report_at = 0.0
        self.to_secretary: list[dict[str, Any]] = []
        self.message_id = 0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    @property
    def read_timeout(self) -> float | None:
        return 1.0

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        *args: Any,
        **kwargs: Any,
    ) -> tuple[int, bytes]:
        name = url.rsplit("/", 1)[-1]
        params = request_data.parameters if request_data else {}
        result: object = True
        if name in {"sendMessage", "editMessageText"}:
            now = time.monotonic()
            while self.recent and now - self.recent[0] >= 1.0:
                self.recent.popleft()
            if len(self.recent) >= RATE:
                self.refused += 1
                body = {
                    "ok": False,
                    "error_code": 429,
                    "description": "Too Many Requests: retry after 1",
                    "parameters": {"retry_after": 1},
                }
                return 429, json.dumps(body).encode()
            self.recent.append(now)
            chat = int(str(params["chat_id"]))
            text = str(params.get("text", ""))
            self.message_id += 1
            if chat == SECRETARY:
                self.to_secretary.append(params)
                if "ontvanger" in text and "aangekomen" in text:
                    self.report_at = now
            elif BODY in text:
                self.sent[chat] += 1
                self.last_delivery = now
            result = {
                "message_id": self.message_id,
                "date": int(time.time()),
                "chat": {"id": chat, "type": "private"},
                "text": text,
            }
        elif name == "getMe":
            result = BOT
        return 200, json.dumps({"ok": True, "result": result}).encode()

    def button(self, label: str) -> str:
        """The callback data of the button labelled ``label`` in the secretary's last message."""
        for params in reversed(self.to_secretary):
            markup = params.get("reply_markup")
            if isinstance(markup, str):
                markup = json.loads(markup)
            for row in (markup or {}).get("inline_keyboard", []):
                for button in row:
                    if label in button["text"]:
                        return str(button["callback_data"])
        raise LookupError(label)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


class Telegram:
    """Posts updates from the secretary to the worker's webhook, as Telegram does."""

    def __init__(self, client: httpx.AsyncClient, url: str) -> None:
        self.client, self.url, self.update_id = client, url, 0

    async def post(self, update: dict[str, Any]) -> None:
        self.update_id += 1
        answer = await self.client.post(
            self.url,
            json={"update_id": self.update_id, **update},
            headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
        )
        answer.raise_for_status()

    async def say(self, text: str) -> None:
        sender = {"id": SECRETARY, "is_bot": False, "first_name": "Sam", "language_code": "nl"}
        message: dict[str, Any] = {
            "message_id": self.update_id + 1,
            "date": int(time.time()),
            "chat": {"id": SECRETARY, "type": "private", "first_name": "Sam"},
            "from": sender,
            "text": text,
        }
        if text.startswith("/"):
            message["entities"] = [
                {"type": "bot_command", "offset": 0, "length": len(text.split()[0])}
            ]
        await self.post({"message": message})

    async def press(self, data: str) -> None:
        sender = {"id": SECRETARY, "is_bot": False, "first_name": "Sam", "language_code": "nl"}
        message = {
            "message_id": 1,
            "date": int(time.time()),
            "chat": {"id": SECRETARY, "type": "private", "first_name": "Sam"},
            "text": "?",
        }
        query = {"id": str(self.update_id + 1), "from": sender, "chat_instance": "1"}
        await self.post({"callback_query": {**query, "message": message, "data": data}})


async def until(condition: Any, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the bench did not finish in time")
        await asyncio.sleep(0.01)


async def run(recipients: int, url: str | None) -> None:
    folder = tempfile.mkdtemp()
    url = url or f"sqlite+aiosqlite:///{folder}/broadcast.sqlite3"
    engine = make_engine(url)
    await upgrade_engine(engine)
    db = Database(engine)
    board = await boards.create_board(db, "achterhoek-2014", counts={"werkgevers": recipients - 6})
    seats = [s.key for s in (await boards.overview(db, board.id)).seats if s.votes]
    for number, seat in enumerate(seats):
        person = await people.identify(db, FIRST_MEMBER + number, f"Lid {number}")
        await boards.assign(db, board.id, seat, person.id)
    secretary = await people.identify(db, SECRETARY, "Secretaris", telegram_language="nl")
    await boards.assign(db, board.id, "secretaris", secretary.id)
    stub = LimitedStub()
    settings = Settings(_env_file=None, database_url=url, log_level="WARNING")
    app = build_application(settings, TOKEN, request=stub)
    port = _free_port()
    stopping = asyncio.Event()
    worker = asyncio.create_task(
        serve(app, stopping, webhook=Webhook("https://bench.invalid/t", SECRET, "127.0.0.1", port))
    )
    try:
        async with httpx.AsyncClient(timeout=10) as client:
            telegram = Telegram(client, f"http://127.0.0.1:{port}/telegram")
            for _ in range(200):  # until the worker listens
                try:
                    await telegram.say("/omroep")
                    break
                except httpx.TransportError:
                    await asyncio.sleep(0.05)
            await until(
                lambda: any("Wat moet" in str(p.get("text")) for p in stub.to_secretary), 30
            )
            await telegram.say(BODY)
            await until(lambda: any("sturen?" in str(p.get("text")) for p in stub.to_secretary), 30)
            started = time.monotonic()
            await telegram.press(stub.button("Versturen"))
            await until(lambda: stub.report_at > 0, 600)
    finally:
        stopping.set()
        await worker
        await db.dispose()
    delivered = stub.last_delivery - started
    reported = stub.report_at - started
    ideal = recipients / RATE
    target = 1.15 * ideal + 5
    once = len(stub.sent) == recipients and set(stub.sent.values()) == {1}
    print(
        f"broadcast to {recipients} members, Telegram's limit {RATE} messages/s ({url.split(':')[0]})"
    )
    print(f"  ideal (N / 30)           {ideal:8.2f} s")
    print(f"  press -> last delivery   {delivered:8.2f} s   ratio {delivered / ideal:.3f}")
    print(f"  press -> report          {reported:8.2f} s")
    print(
        f"  target (1.15 x ideal + 5){target:8.2f} s   {'met' if reported <= target else 'MISSED'}"
    )
    print(f"  429s werkbot caused      {stub.refused:8d}")
    print(f"  lost {recipients - len(stub.sent)}, doubled {sum(n - 1 for n in stub.sent.values())}")
    print(f"  every member exactly once: {'yes' if once else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--database-url", help="default: a fresh SQLite file")
    arguments = parser.parse_args()
    asyncio.run(run(arguments.recipients, arguments.database_url))


if __name__ == "__main__":
    main()
