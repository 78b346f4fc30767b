"""The ``werkbot`` command: the administrator's commands plus ``run`` and ``chat``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from bot import cli

# Only what ``--help`` needs is imported here: the bot (Telegram, SQLAlchemy, Alembic) is imported
# by the command that runs it, so ``werkbot --help`` and ``werkbot ask`` start fast.
if TYPE_CHECKING:
    from collections.abc import Sequence

    from bot.db.engine import Database
    from bot.i18n import Translator
    from bot.settings import Settings
    from handlers.context import WerkbotApp
    from runtime.webhook import Webhook


def cmd_chat(args: argparse.Namespace) -> int:
    import asyncio

    from bot.db.schema import SchemaOutOfDate
    from bot.logs import setup_logging
    from runtime.offline_chat import FILES, run_offline_chat

    settings = cli._settings()
    setup_logging("WARNING", [])
    try:
        files = getattr(args, "files", None)
        asyncio.run(run_offline_chat(settings, cli._language(args), Path(files or FILES)))
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
    webhook_url = args.webhook or settings.webhook_url
    if webhook_url and not secret:
        print(
            t.gettext(
                "A webhook needs WEBHOOK_SECRET (a random string) so every request can be checked."
            ),
            file=sys.stderr,
        )
        return cli.EXIT_USAGE
    webhook = None
    if webhook_url:
        webhook = Webhook(webhook_url, secret, args.listen, args.port, args.path)
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


def cmd_setup(args: argparse.Namespace) -> int:
    """The first run: the token checked with Telegram (and saved), the database made, the board
    created from an agreement, and the first secretary's invite printed."""
    import asyncio
    import getpass

    from bot.settings import token_shape
    from rules.agreements.loader import shipped_agreements

    settings = cli._settings()
    t = cli._language(args)
    ask = sys.stdin.isatty()
    token = args.token
    if token is None and settings.telegram_bot_token is not None:
        token = settings.telegram_bot_token.get_secret_value()
    if token is None and ask:
        print(t.gettext("Ask @BotFather on Telegram for a token (/newbot) and paste it here."))
        token = getpass.getpass(t.gettext("Token: "))
    if not token:
        print(t.gettext("werkbot setup: give the bot's token with --token TOKEN."), file=sys.stderr)
        return cli.EXIT_USAGE
    try:
        token = token_shape(token)
    except ValueError:
        print(
            t.gettext("That does not look like a token from @BotFather (digits:secret)."),
            file=sys.stderr,
        )
        return cli.EXIT_USAGE
    found = asyncio.run(_who_am_i(token, settings.telegram_api_base_url, t))
    if found is None:
        return cli.EXIT_USAGE
    bot_id, username = found
    print(t.gettext("Telegram knows this token: the bot is @{username}.").format(username=username))
    saved = settings.telegram_bot_token
    if saved is None or saved.get_secret_value() != token:
        target = _save_token(Path(args.env_file), token)
        print(t.gettext("The token is saved in {file}.").format(file=target))
    agreements = shipped_agreements()
    agreement_id = args.agreement
    if agreement_id is None and ask:
        for known in agreements.values():
            print(f"  {known.id:26} {known.title.get(t.language)}")
        agreement_id = input(t.gettext("Which agreement does the board work under? ")).strip()
    if not agreement_id or cli._find_agreement(agreement_id, t) is None:
        if not agreement_id:
            print(
                t.gettext(
                    "werkbot setup: name the agreement with --agreement ID ({known})."
                ).format(known=", ".join(agreements)),
                file=sys.stderr,
            )
        return cli.EXIT_USAGE

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        from bot.services import boards, identity

        await cli.upgrade_and_tell(db, t)
        await identity.remember(db, bot_id, username)
        board = await boards.create_board(db, agreement_id, args.name)
        print(t.gettext("Board {id} created: {name}.").format(id=board.id, name=board.name))
        seat = await boards.secretary_seat_key(db, board.id)
        print(
            t.gettext(
                "Send this link to the board's secretary; whoever opens it in Telegram takes "
                "the secretary's seat:"
            )
        )
        return await cli.print_invite(db, t, settings, board.id, seat, settings.invite_valid_days)

    code = cli._with_database(args, work, check=False, create=True)
    if code == 0:
        print(t.gettext("Then start the bot: werkbot run"))
    return code


async def _who_am_i(token: str, base_url: str, t: Translator) -> tuple[int, str] | None:
    """The bot's id and username from getMe, or None after saying why not (never the token)."""
    from telegram import Bot
    from telegram.error import InvalidToken, NetworkError, TelegramError

    try:
        async with Bot(token, base_url=base_url) as bot:
            return bot.id, bot.username
    except InvalidToken:
        print(
            t.gettext("Telegram refused this token: copy it again from @BotFather."),
            file=sys.stderr,
        )
    except NetworkError as exc:
        print(
            t.gettext(
                "Could not reach Telegram ({error}); check the network and try again."
            ).format(error=type(exc).__name__),
            file=sys.stderr,
        )
    except TelegramError as exc:
        print(
            t.gettext("Telegram answered with an error: {error}.").format(error=type(exc).__name__),
            file=sys.stderr,
        )
    return None


def _save_token(env_file: Path, token: str) -> Path:
    """TELEGRAM_BOT_TOKEN=... into the .env file (made readable by its owner only)."""
    lines = env_file.read_text().splitlines() if env_file.exists() else []
    lines = [line for line in lines if not line.startswith("TELEGRAM_BOT_TOKEN=")]
    lines.append(f"TELEGRAM_BOT_TOKEN={token}")
    env_file.touch(mode=0o600)
    env_file.chmod(0o600)
    env_file.write_text("\n".join(lines) + "\n")
    return env_file.absolute()


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
        "--webhook",
        metavar="URL",
        help="public HTTPS URL of the webhook (default: WEBHOOK_URL; unset: long polling)",
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
    setup = commands.add_parser(
        "setup",
        parents=[lang],
        help="first run: check the token with Telegram, make the board, invite its secretary",
    )
    setup.add_argument("--token", help="the bot's token from @BotFather (default: asked)")
    setup.add_argument("--agreement", help="the board's agreement, e.g. achterhoek-2014")
    setup.add_argument("--name", help="the board's name (default: from the agreement)")
    setup.add_argument("--env-file", default=".env", help="where to save the token (default: .env)")
    setup.set_defaults(func=cmd_setup)
    chat = commands.add_parser("chat", parents=[lang], help="the offline chat in this terminal")
    chat.add_argument(
        "--files",
        metavar="DIR",
        help="folder for the files the bot sends (default: werkbot-chat-files)",
    )
    chat.set_defaults(func=cmd_chat)


def main(argv: Sequence[str] | None = None) -> int:
    return cli.main(argv, cli.build_parser(add_bot_commands))


if __name__ == "__main__":
    sys.exit(main())
