"""One werkbot worker as its own process, for the multi-worker tests and bench/workers.py.

    python -m tests.e2e.worker_process --port 8441 --log calls.jsonl

It is ``werkbot run --webhook`` with the Bot API replaced by :class:`SinkRequest` (no network;
every send written to ``--log``); settings come from the environment like the real thing.
``/healthz`` answers on ``--port`` + 1000 once it runs; it stops on SIGTERM.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import signal
import socket
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from bot.settings import load_settings
from runtime.app import build_application
from runtime.transport import serve
from runtime.webhook import Webhook
from standin import SinkRequest

TOKEN = "7000000001:AAworkerworkerworkerworkerworkerwork"
SECRET = "worker-secret"
ROOT = Path(__file__).resolve().parents[2]


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


class WorkerProcess:
    """One worker started as a child process, for the tests and ``bench/workers.py``."""

    def __init__(
        self,
        database_url: str,
        *,
        log: Path | None = None,
        settings: dict[str, str] | None = None,
        quiet: bool = False,
    ) -> None:
        self.port = _free_port()
        self.log = log
        command = [sys.executable, "-m", "tests.e2e.worker_process", "--port", str(self.port)]
        if log is not None:
            command += ["--log", str(log)]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            env={**os.environ, "DATABASE_URL": database_url, **(settings or {})},
            stderr=subprocess.DEVNULL if quiet else None,
        )

    @property
    def url(self) -> str:
        """Where Telegram would post updates to this worker."""
        return f"http://127.0.0.1:{self.port}/telegram"

    async def ready(self, seconds: float = 60) -> None:
        """Wait until its ``/healthz`` answers 200 (database reachable, schema current)."""
        async with httpx.AsyncClient() as client:
            for _ in range(int(seconds / 0.1)):
                if self.process.poll() is not None:
                    raise RuntimeError("the worker stopped")
                try:
                    health = await client.get(f"http://127.0.0.1:{self.port + 1000}/healthz")
                    if health.status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                await asyncio.sleep(0.1)
        raise RuntimeError("the worker did not start")

    def calls(self) -> list[dict[str, Any]]:
        """The Bot API calls it logged (``--log``)."""
        if self.log is None or not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(30)


def _free_port() -> int:
    """A free port whose neighbour 1000 up (the operations port) is a valid port too."""
    while True:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port: int = probe.getsockname()[1]
        if port + 1000 <= 65535:
            return port
