"""python-telegram-bot's HTTP layer: :class:`StandinRequest` and :class:`SinkRequest`.

Both are ``telegram.request.BaseRequest`` implementations that never open a socket.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import Counter
from typing import Any, Final

from telegram._utils.types import ODVInput
from telegram.request import BaseRequest, RequestData

from standin.api import BotAPIStandin
from standin.limits import JSONDict
from standin.params import Upload


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
