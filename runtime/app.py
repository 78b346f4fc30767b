"""The composition root: builds the Application and registers every handler, in order."""

from __future__ import annotations

import os
from collections.abc import Callable, Coroutine
from typing import Any

from telegram import (
    BotCommand,
    BotCommandScopeAllGroupChats,
    BotCommandScopeAllPrivateChats,
    BotCommandScopeDefault,
    Update,
)
from telegram.constants import ParseMode
from telegram.ext import (
    ApplicationBuilder,
    BaseHandler,
    CallbackQueryHandler,
    ChatMemberHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest

from bot.ask.shipped import warm_up_questions
from bot.db.engine import Database
from bot.db.schema import wait_until_current
from bot.i18n import translator
from bot.services import identity
from bot.settings import Settings
from bot.texts import clock
from handlers import (
    ask,
    broadcast,
    commands,
    fallbacks,
    followup,
    gate,
    groups,
    meetings,
    members,
    presence,
    privacy,
    proposals,
    secretary,
    settings,
    substitutes,
    voting,
)
from handlers.buttons import on_button
from handlers.context import BotServices, WerkbotApp, WerkbotContext
from handlers.dialog import PRIVATE_TEXT
from handlers.ratelimit import ReplyAwareRateLimiter
from runtime import agreement_clock, scheduler, sender


async def register_menus(app: WerkbotApp, default_language: str) -> None:
    """The command menus from the one command list: per language (Dutch names for Dutch users,
    English for everyone else) and per kind of chat (what works in a private chat, what works
    in a group). The scopes of all private chats and all groups cover every chat a bot can have
    commands in: an old menu in the default scope is deleted, so none lingers."""
    scopes = (
        (commands.Chat.PRIVATE, BotCommandScopeAllPrivateChats()),
        (commands.Chat.GROUP, BotCommandScopeAllGroupChats()),
    )
    for language in ("nl", "en", None):
        t = translator(language or "en")
        for chat, scope in scopes:
            menu = [
                BotCommand(c.shown_name(t.language), commands.description(c, t))
                for c in commands.menu(chat)
            ]
            await app.bot.set_my_commands(menu, scope=scope, language_code=language)
        await app.bot.delete_my_commands(scope=BotCommandScopeDefault(), language_code=language)


def register_handlers(app: WerkbotApp) -> None:
    # group -1, once per update for all handlers, in one transaction: a replayed update_id stops
    # here; who sent it, in which language; and the flood limit
    app.add_handler(TypeHandler(Update, gate.admit), group=-1)
    # every command of the one list in handlers/commands.py (which /help and the menus are made
    # of) and nothing else: a conversation it starts, or a handler by English name and Dutch alias
    conversations: dict[commands.Command, Callable[[], ConversationHandler[Any]]] = {
        commands.PROPOSE: proposals.conversation,
        commands.BROADCAST: broadcast.conversation,
        commands.MEETING: meetings.conversation,
    }
    callbacks: dict[
        commands.Command, Callable[[Update, WerkbotContext], Coroutine[Any, Any, Any]]
    ] = {
        commands.START: substitutes.start_command,
        commands.HELP: members.show_help,
        commands.LANGUAGE: members.choose_language,
        commands.CLAUSE: ask.show_clause,
        commands.SEARCH: ask.search,
        commands.PRIVACY: privacy.show_privacy,
        commands.MY_DATA: privacy.my_data,
        commands.FORGET_ME: privacy.forget_me,
        commands.MOTIONS: voting.list_motions,
        commands.RESULT: voting.show_result,
        commands.DECISIONS: voting.decisions_command,
        commands.CLOSE: voting.close_command,
        commands.WITHDRAW: voting.withdraw_command,
        # inside a conversation its fallback comes first (handlers/dialog.py)
        commands.CANCEL: commands.nothing_to_cancel,
        commands.SUBSTITUTE: substitutes.start,
        commands.MEETINGS: meetings.list_meetings,
        commands.ATTENDANCE: meetings.attendance,
        commands.SEAT: members.show_seat,
        commands.BOARD: members.show_board,
        commands.SETTINGS: settings.show_settings,
        commands.INVITE: secretary.invite,
        commands.LINK_GROUP: groups.link_group,
        commands.PRESENT: presence.start,
        commands.FOLLOW_UP: followup.follow_up,
        commands.REPORT: meetings.yearly_report,
    }
    listed = set(commands.COMMANDS)
    handled = conversations.keys() | callbacks.keys()
    if listed != handled or conversations.keys() & callbacks.keys():
        odd = listed ^ handled | (conversations.keys() & callbacks.keys())
        raise RuntimeError(
            f"commands not in the list or not handled once: {sorted(c.name for c in odd)}"
        )
    # group 0: the conversations first (in this order), so their answers, buttons and /cancel
    # go to them
    for start_conversation in conversations.values():
        app.add_handler(start_conversation())
    for command in commands.COMMANDS:
        if command in callbacks:
            app.add_handler(CommandHandler(command.names, callbacks[command]))
    # every inline button, validated and routed in one place
    app.add_handler(CallbackQueryHandler(on_button))
    # a board's group: the bot removed from it, turned into a supergroup, newcomers
    app.add_handler(
        ChatMemberHandler(groups.bot_membership_changed, ChatMemberHandler.MY_CHAT_MEMBER)
    )
    app.add_handler(MessageHandler(filters.StatusUpdate.MIGRATE, groups.group_migrated))
    app.add_handler(MessageHandler(filters.StatusUpdate.NEW_CHAT_MEMBERS, groups.newcomers))
    # last: what nothing above understood, in private chats only (groups stay quiet)
    app.add_handler(
        MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, fallbacks.unknown_command)
    )
    # plain text in a private chat is a question about the agreement
    app.add_handler(MessageHandler(PRIVATE_TEXT, ask.question))
    app.add_error_handler(fallbacks.on_error)
    # and no command handler (in a conversation too) answers a name that is not in the list
    known = {name for command in commands.COMMANDS for name in command.names}

    def unlisted(handler: BaseHandler[Any, Any, Any]) -> set[str]:
        if isinstance(handler, CommandHandler):
            return set(handler.commands) - known
        if isinstance(handler, ConversationHandler):
            inner = [*handler.entry_points, *handler.fallbacks]
            inner += [h for state in handler.states.values() for h in state]
            return set().union(*(unlisted(h) for h in inner))
        return set()

    strays = set().union(*(unlisted(h) for group in app.handlers.values() for h in group))
    if strays:
        raise RuntimeError(f"commands registered but not in handlers/commands.py: {sorted(strays)}")


def build_application(
    settings: Settings,
    token: str,
    *,
    request: BaseRequest | None = None,
    database: Database | None = None,
    lemmas_at_start: bool = True,
) -> WerkbotApp:
    """The bot. With ``request`` (the stand-in) it talks to no network at all.

    ``lemmas_at_start=False`` leaves the lemma lists (half a second) to the first question that
    needs them: the offline chat shows its first prompt sooner; a worker loads them at start."""
    os.environ.setdefault("PTB_TIMEDELTA", "1")  # RetryAfter.retry_after as a timedelta (PTB 23)
    owns_database = database is None

    async def post_init(app: WerkbotApp) -> None:
        clock.set_zone(settings.zone)
        db = database or Database.from_url(settings.database_url)
        app.bot_data.settings = settings
        app.bot_data.database = db
        sender.attach(app)
        await wait_until_current(db, give_up_after=settings.startup_wait_seconds)
        # who the bot is (getMe, asked by initialize): the command line's invite links use it
        if app.bot.username:
            await identity.remember(db, app.bot.id, app.bot.username)
        await register_menus(app, settings.default_language)
        # the clause index and speller, so the first question is fast
        warm_up_questions(lemmas=lemmas_at_start)
        if app.job_queue is not None:  # deadlines and reminders, claimed once across workers
            app.job_queue.run_repeating(
                scheduler.run_due_work, interval=settings.due_work_seconds, first=1
            )
            # the agreement's clock: rhythm, report, evaluation and end, each warning once
            app.job_queue.run_repeating(agreement_clock.run_clock, interval=3600, first=60)
            # retention: old update records, used invites, finished inbox rows (any worker)
            app.job_queue.run_repeating(privacy.prune_job, interval=6 * 3600, first=300)

    async def post_shutdown(app: WerkbotApp) -> None:
        if owns_database and app.bot_data.database is not None:
            await app.bot_data.database.dispose()

    builder = (
        ApplicationBuilder()
        .token(token)
        .base_url(settings.telegram_api_base_url)
        .context_types(ContextTypes(context=WerkbotContext, bot_data=BotServices))
        .defaults(Defaults(parse_mode=ParseMode.HTML, tzinfo=settings.zone))
        # ~29 messages/s, evenly spaced (no burst): under Telegram's ~30/s in every second
        .rate_limiter(
            ReplyAwareRateLimiter(
                overall_max_rate=1,
                overall_time_period=1 / settings.send_rate_per_second,
                max_retries=3,
            )
        )
        .post_init(post_init)
        .post_shutdown(post_shutdown)
    )
    if request is not None:
        builder = builder.request(request).get_updates_request(request)
    app: WerkbotApp = builder.build()
    register_handlers(app)
    return app
