"""The webhook: Telegram's secret checked on every request, the update stored before 200."""

from __future__ import annotations

import hmac
import json
import logging
from dataclasses import dataclass
from typing import Any

import tornado.httpserver
import tornado.web

from bot import metrics
from bot.db.engine import is_database_error
from runtime.inbox_worker import InboxWorker
from runtime.operations import Health, log_request

log = logging.getLogger(__name__)

SECRET_HEADER = "X-Telegram-Bot-Api-Secret-Token"
MAX_UPDATE_BYTES = 1 << 20  # Telegram's updates are far smaller; more is not Telegram


@dataclass(frozen=True)
class Webhook:
    """Where Telegram posts updates and where this worker listens for them."""

    url: str
    secret: str
    listen: str = "127.0.0.1"
    port: int = 8080
    path: str = "telegram"


class _Webhook(tornado.web.RequestHandler):
    def initialize(self, worker: InboxWorker, secret: str) -> None:
        self.worker = worker
        self.secret = secret

    async def post(self) -> None:
        given = self.request.headers.get(SECRET_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.secret.encode()):
            metrics.WEBHOOK_REFUSED.inc()
            self.set_status(403)
            return
        try:
            payload = json.loads(self.request.body)
            if not isinstance(payload, dict) or not isinstance(payload.get("update_id"), int):
                raise ValueError("no update_id")
        except ValueError:
            self.set_status(400)
            return
        try:
            await self.worker.receive([payload])
        except Exception as exc:  # not stored: Telegram must send it again
            if not is_database_error(exc):
                raise
            log.error("could not store update (%s); answering 503", type(exc).__name__)
            self.set_status(503)
            return
        self.set_status(200)


def webhook_server(worker: InboxWorker, *, path: str, secret: str) -> tornado.httpserver.HTTPServer:
    """The webhook at ``/path`` and ``/healthz``; not yet listening."""
    routes: list[Any] = [
        (rf"/{path.strip('/')}", _Webhook, {"worker": worker, "secret": secret}),
        (r"/healthz", Health, {"worker": worker}),
    ]
    application = tornado.web.Application(routes, log_function=log_request)
    return tornado.httpserver.HTTPServer(application, max_body_size=MAX_UPDATE_BYTES)
