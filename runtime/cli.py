"""The ``werkbot`` command: the administrator's commands plus ``run`` and ``chat``."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bot import cli

# Only what ``--help`` needs is imported here: the bot (Telegram, SQLAlchemy, Alembic) is imported
# by the command that runs it, so ``werkbot --help`` and ``werkbot ask`` start fast.
if TYPE_CHECKING:
    from collections.abc import Sequence

    from handlers.context import WerkbotApp
    from runtime.webhook import Webhook


def cmd_chat(args: argparse.Namespace) -> int:
    import asyncio

    from bot.db.schema import SchemaOutOfDate
    from bot.logs import setup_logging
    from runtime.offline_chat import run_offline_chat

    settings = cli._settings()
    setup_logging("WARNING", [])
    try:
        asyncio.run(run_offline_chat(settings, cli._language(args)))
    except SchemaOutOfDate as exc:
        print(f"werkbot: {exc}", file=sys.stderr)
        return cli.EXIT_USAGE
    return 0


def cmd_run(args: argparse.Namespace) -> int:
    import asyncio
    import logging

    from telegram.error import InvalidToken

    from bot.db.schema import SchemaOutOfDate
    from bot.logs import setup_logging
    from runtime.app import build_application
    from runtime.webhook import Webhook

    settings = cli._settings()
    t = cli._language(args)
    if settings.telegram_bot_token is None:
        print(
            t.gettext(
                "No Telegram token is set. To run the real bot, ask @BotFather on Telegram for a token "
                "(/newbot) and put TELEGRAM_BOT_TOKEN=... in a .env file or the environment. "
                "Until then, here is the offline chat: the same bot, in this terminal."
            )
        )
        return cmd_chat(args)
    token = settings.telegram_bot_token.get_secret_value()
    secret = settings.webhook_secret.get_secret_value() if settings.webhook_secret else ""
    setup_logging(settings.log_level, [token, secret], settings.log_format)
    if args.webhook and not secret:
        print(
            t.gettext(
                "A webhook needs WEBHOOK_SECRET (a random string) so every request can be checked."
            ),
            file=sys.stderr,
        )
        return cli.EXIT_USAGE
    webhook = None
    if args.webhook:
        webhook = Webhook(args.webhook, secret, args.listen, args.port, args.path)
    app = build_application(settings, token)
    try:
        asyncio.run(_serve(app, webhook, args.operations_port, args.listen))
    except SchemaOutOfDate as exc:
        print(f"werkbot: {exc}", file=sys.stderr)
        return cli.EXIT_USAGE
    except InvalidToken:  # its text quotes the token: not printed, not logged
        print(t.gettext("Telegram refused the token: check TELEGRAM_BOT_TOKEN."), file=sys.stderr)
        return cli.EXIT_USAGE
    except Exception:
        # through the log handler, not the interpreter's own traceback: the token redacted and
        # a database error told by its type and code only
        logging.getLogger(__name__).critical("werkbot stopped on an error", exc_info=True)
        return 1
    return 0


async def _serve(
    app: WerkbotApp, webhook: Webhook | None, operations_port: int | None, listen: str
) -> None:
    """One worker until SIGTERM or Ctrl-C: what was stored and not finished stays in the inbox."""
    import asyncio
    import signal

    from runtime.transport import serve

    stopping = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signal_number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signal_number, stopping.set)
    await serve(
        app,
        stopping,
        webhook=webhook,
        operations_port=operations_port,
        operations_listen=listen,
    )


def add_bot_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], lang: argparse.ArgumentParser
) -> None:
    run = commands.add_parser(
        "run", parents=[lang], help="run the bot (offline chat without a token)"
    )
    run.add_argument(
        "--webhook", metavar="URL", help="public HTTPS URL of the webhook (default: long polling)"
    )
    run.add_argument("--listen", default="127.0.0.1", help="address to listen on for the webhook")
    run.add_argument("--port", type=int, default=8080, help="port to listen on for the webhook")
    run.add_argument("--path", default="telegram", help="URL path of the webhook")
    run.add_argument(
        "--operations-port",
        type=int,
        metavar="PORT",
        help="serve /healthz and Prometheus /metrics on this port (on the --listen address)",
    )
    run.set_defaults(func=cmd_run)
    chat = commands.add_parser("chat", parents=[lang], help="the offline chat in this terminal")
    chat.set_defaults(func=cmd_chat)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, cli.build_parser(add_bot_commands))


if __name__ == "__main__":
    sys.exit(main())
