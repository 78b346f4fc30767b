"""A broadcast to N recipients against a Bot API stub that enforces Telegram's limits.

    python bench/broadcast.py [--recipients 1000]

The stub accepts at most 30 sendMessage calls per rolling second and answers any more with
429 and ``retry_after`` (as Telegram does). werkbot sends through its real delivery path
(claimed delivery rows, AIORateLimiter). It prints the elapsed time, the theoretical minimum at
30 messages per second, their ratio, the number of 429s, and whether every recipient got the
message exactly once. Target: within 1.15x the minimum, nothing lost or doubled.
"""

from __future__ import annotations

import argparse
import asyncio
import collections
import json
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from telegram.request import BaseRequest, RequestData

from bot.db.engine import Database, make_engine
from bot.db.schema import upgrade_engine
from bot.services import boards, broadcasts, people
from bot.settings import Settings
from handlers.broadcast import deliver
from runtime.app import build_application

TOKEN = "7000000001:AAbenchbenchbenchbenchbenchbenchbench"
BOT = {"id": 7000000001, "is_bot": True, "first_name": "werkbot", "username": "werkbot_demo_bot"}
RATE = 30


class LimitedStub(BaseRequest):
    """Answers at once, but like Telegram refuses more than 30 messages in any second."""

    def __init__(self) -> None:
        self.sent: collections.Counter[int] = collections.Counter()
        self.recent: collections.deque[float] = collections.deque()
        self.refused = 0

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
        if name == "sendMessage":
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
            chat = int(params["chat_id"])
            self.sent[chat] += 1
            result: object = {
                "message_id": self.sent[chat],
                "date": int(time.time()),
                "chat": {"id": chat, "type": "private"},
                "text": "x",
            }
        elif name == "getMe":
            result = BOT
        else:
            result = True
        return 200, json.dumps({"ok": True, "result": result}).encode()


async def run(recipients: int) -> None:
    folder = tempfile.mkdtemp()
    url = f"sqlite+aiosqlite:///{folder}/broadcast.sqlite3"
    engine = make_engine(url)
    await upgrade_engine(engine)
    db = Database(engine)
    board = await boards.create_board(db, "achterhoek-2014", counts={"werkgevers": recipients - 6})
    seats = [s.key for s in (await boards.overview(db, board.id)).seats if s.votes]
    for number, seat in enumerate(seats):
        person = await people.identify(db, 9_500_000 + number, f"Lid {number}")
        await boards.assign(db, board.id, seat, person.id)
    secretary = await people.identify(db, 9_499_999, "Secretaris")
    await boards.assign(db, board.id, "secretaris", secretary.id)
    stub = LimitedStub()
    settings = Settings(_env_file=None, database_url=url)  # type: ignore[call-arg]
    app = build_application(settings, TOKEN, request=stub, database=db)
    await app.initialize()
    broadcast_id, count = await broadcasts.create(
        db, board.id, secretary.id, "Vergadering verplaatst", to_group=False
    )
    started = time.perf_counter()
    while await deliver(app.bot, db, "bench", "nl", broadcast_id):
        pass
    elapsed = time.perf_counter() - started
    await app.shutdown()
    await engine.dispose()
    minimum = count / RATE
    members = [c for c in stub.sent if c != 9_499_999]
    exactly_once = len(members) == count and all(stub.sent[c] == 1 for c in members)
    print(f"broadcast to {count} recipients at most {RATE} messages/s")
    print(f"  elapsed            {elapsed:8.2f} s")
    print(f"  theoretical minimum{minimum:8.2f} s")
    print(f"  ratio              {elapsed / minimum:8.3f}  (target <= 1.15)")
    print(f"  429 answers        {stub.refused:8d}")
    print(f"  every recipient exactly once: {'yes' if exactly_once else 'NO'}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--recipients", type=int, default=1000)
    asyncio.run(run(parser.parse_args().recipients))


if __name__ == "__main__":
    main()
