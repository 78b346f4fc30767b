"""The operations port: ``/healthz`` (database reachable, schema current) and ``/metrics``."""

from __future__ import annotations

import json
import logging
from typing import TYPE_CHECKING

import tornado.httpserver
import tornado.web

from bot import metrics
from bot.db.engine import is_database_error
from bot.db.schema import health
from bot.services import inbox

if TYPE_CHECKING:
    from runtime.inbox_worker import InboxWorker


access_log = logging.getLogger("tornado.access")


def log_request(handler: tornado.web.RequestHandler) -> None:
    """Tornado's access line, at DEBUG for an answered request (monitoring asks /healthz every
    few seconds), WARNING for a refused one, ERROR for a failure."""
    status = handler.get_status()
    level = logging.DEBUG if status < 400 else logging.WARNING if status < 500 else logging.ERROR
    if access_log.isEnabledFor(level):
        request = handler.request
        access_log.log(
            level,
            "%d %s %s %.1f ms",
            status,
            request.method,
            request.path,
            1000 * request.request_time(),
        )


class Health(tornado.web.RequestHandler):
    def initialize(self, worker: InboxWorker) -> None:
        self.worker = worker

    async def get(self) -> None:
        state = await health(self.worker.app.bot_data.db)
        self.set_status(200 if state["ok"] else 503)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(state))


class Metrics(tornado.web.RequestHandler):
    def initialize(self, worker: InboxWorker) -> None:
        self.worker = worker

    async def get(self) -> None:
        try:  # the queue depth is read when Prometheus asks, not after every batch
            metrics.INBOX_DEPTH.set(await inbox.depth(self.worker.app.bot_data.db))
        except Exception as exc:
            if not is_database_error(exc):
                raise
        body, content_type = metrics.exposition()
        self.set_header("Content-Type", content_type)
        self.finish(body)


def operations_server(worker: InboxWorker) -> tornado.httpserver.HTTPServer:
    """``/healthz`` and ``/metrics`` on their own port, for the monitoring, not the internet."""
    application = tornado.web.Application(
        [(r"/healthz", Health, {"worker": worker}), (r"/metrics", Metrics, {"worker": worker})],
        log_function=log_request,
    )
    return tornado.httpserver.HTTPServer(application)
