"""One werkbot worker as its own process, for the multi-worker tests and bench/workers.py.

    python -m tests.e2e.worker_process --port 8441 --log calls.jsonl

It is ``werkbot run --webhook`` with the Bot API replaced by :class:`SinkRequest` (no network;
every send written to ``--log``); settings come from the environment like the real thing.
``/healthz`` answers on ``--port`` + 1000 once it runs; it stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import signal

from bot.settings import load_settings
from handlers.app import build_application
from handlers.standin import SinkRequest
from handlers.transport import Webhook, serve

TOKEN = "7000000001:AAworkerworkerworkerworkerworkerwork"
SECRET = "worker-secret"


async def main(port: int, log: str | None) -> None:
    settings = load_settings(None)
    app = build_application(settings, TOKEN, request=SinkRequest(log))
    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stopping.set)
    hook = Webhook("https://bot.example.org/telegram", SECRET, "127.0.0.1", port)
    await serve(app, stopping, webhook=hook, operations_port=port + 1000)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--log")
    arguments = parser.parse_args()
    asyncio.run(main(arguments.port, arguments.log))
