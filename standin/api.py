""":class:`BotAPIStandin`: an in-memory Telegram Bot API, one instance per bot."""

from __future__ import annotations

import asyncio
import contextlib
import copy
import json
import re
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from standin.errors import (
    _GET_UPDATES_CONFLICT,
    _NOT_MODIFIED,
    _QUERY_INVALID,
    _STATUS_PHRASES,
    BotAPIError,
    _bad_request,
    _conflict,
    _forbidden,
    _status_of,
)
from standin.formatting import _bot_command_entities, _Formatted, _normalise_text, _read_formatted
from standin.limits import (
    LONG_POLL_MAX_TIMEOUT,
    MAX_CALLBACK_ANSWER_LENGTH,
    MAX_CAPTION_LENGTH,
    MAX_COMMAND_DESCRIPTION_LENGTH,
    MAX_COMMANDS,
    MAX_MESSAGE_LENGTH,
    JSONDict,
    _clamp,
    utf16_length,
)
from standin.markup import _check_inline_buttons, _InvalidButton, _parse_reply_markup, _string_field
from standin.params import Upload, _normalise_uploads, _Params, _to_int
from standin.state import (
    _MEMBER_STATUSES,
    FakeChat,
    FakeUser,
    SentMessage,
    _chat_member,
    _Group,
    _StoredFile,
)

_COMMAND_RE: Final = re.compile(r"[a-z0-9_]{1,32}")

_CHAT_ACTIONS: Final = frozenset(
    {
        "typing",
        "upload_photo",
        "record_video",
        "upload_video",
        "record_voice",
        "upload_voice",
        "upload_document",
        "choose_sticker",
        "find_location",
        "record_video_note",
        "upload_video_note",
    }
)
_GLOBAL_SCOPES: Final = frozenset(
    {"default", "all_private_chats", "all_group_chats", "all_chat_administrators"}
)
_CHAT_SCOPES: Final = frozenset({"chat", "chat_administrators", "chat_member"})
# Update types Telegram leaves out unless they are asked for explicitly.
_OPT_IN_UPDATES: Final = frozenset({"chat_member", "message_reaction", "message_reaction_count"})
_WEBHOOK_PORTS: Final = frozenset({None, 80, 88, 443, 8443})
# Every method the real Bot API server routes (lower-cased, as it matches them); the ones the
# stand-in does not implement answer 501 rather than a misleading 404 "Not Found".
_KNOWN_METHOD_NAMES: Final = """
    getme getmycommands setmycommands deletemycommands getmydefaultadministratorrights
    setmydefaultadministratorrights getmyname setmyname setmyprofilephoto removemyprofilephoto
    getmydescription setmydescription getmyshortdescription setmyshortdescription
    getchatmenubutton setchatmenubutton getuserprofilephotos getuserprofileaudios sendmessage
    sendanimation sendaudio senddice senddocument sendlivephoto sendphoto sendsticker sendvideo
    sendvideonote sendvoice sendpaidmedia sendgame sendinvoice sendlocation sendvenue sendcontact
    sendpoll stoppoll sendchecklist copymessage copymessages forwardmessage forwardmessages
    sendmediagroup sendchataction sendmessagedraft setmessagereaction editmessagetext
    editmessagelivelocation stopmessagelivelocation editmessagemedia editmessagecaption
    editmessagechecklist editmessagereplymarkup deletemessage deletemessages deletemessagereaction
    deleteallmessagereactions poststory repoststory editstory deletestory createinvoicelink
    getmystarbalance getstartransactions refundstarpayment edituserstarsubscription
    getavailablegifts sendgift giftpremiumsubscription getmanagedbottoken
    getmanagedbotaccesssettings setmanagedbotaccesssettings replacemanagedbottoken verifyuser
    verifychat removeuserverification removechatverification setgamescore getgamehighscores
    answerwebappquery answerguestquery answerinlinequery savepreparedinlinemessage
    savepreparedkeyboardbutton answercallbackquery answershippingquery answerprecheckoutquery
    exportchatinvitelink createchatinvitelink createchatsubscriptioninvitelink editchatinvitelink
    editchatsubscriptioninvitelink revokechatinvitelink getbusinessconnection readbusinessmessage
    deletebusinessmessages setbusinessaccountname setbusinessaccountusername setbusinessaccountbio
    setbusinessaccountprofilephoto removebusinessaccountprofilephoto
    setbusinessaccountgiftsettings getbusinessaccountstarbalance transferbusinessaccountstars
    getbusinessaccountgifts getusergifts getchatgifts convertgifttostars upgradegift transfergift
    setuseremojistatus getchat getuserpersonalchatmessages setchatphoto deletechatphoto
    setchattitle setchatpermissions setchatdescription pinchatmessage unpinchatmessage
    unpinallchatmessages approvesuggestedpost declinesuggestedpost setchatstickerset
    deletechatstickerset getforumtopiciconstickers createforumtopic editforumtopic closeforumtopic
    reopenforumtopic deleteforumtopic unpinallforumtopicmessages editgeneralforumtopic
    closegeneralforumtopic reopengeneralforumtopic hidegeneralforumtopic unhidegeneralforumtopic
    unpinallgeneralforumtopicmessages getchatmember getchatadministrators getchatmembercount
    getchatmemberscount leavechat promotechatmember setchatadministratorcustomtitle
    setchatmembertag banchatmember kickchatmember restrictchatmember unbanchatmember
    banchatsenderchat unbanchatsenderchat approvechatjoinrequest declinechatjoinrequest
    getuserchatboosts getstickerset getcustomemojistickers uploadstickerfile createnewstickerset
    addstickertoset replacestickerinset setstickersettitle setstickersetthumb
    setstickersetthumbnail setcustomemojistickersetthumbnail deletestickerset
    setstickerpositioninset deletestickerfromset setstickeremojilist setstickerkeywords
    setstickermaskposition setpassportdataerrors sendcustomrequest answercustomquery getupdates
    setwebhook deletewebhook getwebhookinfo getfile close logout
"""
_KNOWN_METHODS: Final = frozenset(_KNOWN_METHOD_NAMES.split())


_ACCEPTED_GIFT_TYPES: Final = {
    "unlimited_gifts": False,
    "limited_gifts": False,
    "unique_gifts": False,
    "premium_subscription": False,
    "gifts_from_channels": False,
}


@dataclass
class _Waiter:
    """A getUpdates long poll waiting for an update."""

    loop: asyncio.AbstractEventLoop
    event: asyncio.Event
    conflict: BotAPIError | None = None

    def wake(self) -> None:
        """Wake the poll; safe to call from any thread."""
        with contextlib.suppress(RuntimeError):  # a closed loop has nobody waiting
            self.loop.call_soon_threadsafe(self.event.set)


@dataclass
class _Described:
    """A successful answer that also carries a ``description`` (as setWebhook's does)."""

    result: Any
    description: str


class BotAPIStandin:
    """An in-memory Telegram Bot API: chats, users, messages, updates and their errors.

    Use :meth:`handle` directly, or :class:`StandinRequest` to put a real ``telegram.Bot``
    on top of it. All state is kept on the instance; one instance is one bot.
    """

    def __init__(
        self,
        *,
        bot_id: int = 7000000001,
        bot_username: str = "werkbot_demo_bot",
        bot_first_name: str = "werkbot",
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.bot_id = bot_id
        self.bot_username = bot_username
        self.bot_first_name = bot_first_name
        self.token = f"{bot_id}:AAstandin{'0' * 26}"
        self.base_url = "http://127.0.0.1:0/bot"
        self.base_file_url = "http://127.0.0.1:0/file/bot"
        self.messages: list[SentMessage] = []
        self.calls: list[tuple[str, dict[str, Any]]] = []
        self.callback_answers: list[JSONDict] = []
        self.commands: dict[tuple[str, str], list[JSONDict]] = {}
        self.webhook: JSONDict | None = None
        self._clock = clock
        self._lock = threading.RLock()
        self._users: dict[int, FakeUser] = {}
        self._private_chats: set[int] = set()
        self._groups: dict[int, _Group] = {}
        self._blocked: set[int] = set()
        self._failures: dict[str, list[BotAPIError]] = {}
        self._updates: list[JSONDict] = []
        self._next_update_id = 1
        self._allowed_updates: frozenset[str] | None = None
        self._waiters: list[_Waiter] = []
        self._next_message_ids: dict[int, int] = {}
        self._sent: dict[tuple[int, int], SentMessage] = {}
        self._incoming: dict[tuple[int, int], JSONDict] = {}
        self._callback_queries: dict[str, bool] = {}
        self._next_callback_id = 1
        self._files: dict[str, _StoredFile] = {}
        self._menu_buttons: dict[int | None, JSONDict] = {}
        self._bot_texts: dict[tuple[str, str], str] = {}
        self._handlers: dict[str, Callable[[_Params], Any]] = {
            "getme": self._get_me,
            "getupdates": self._get_updates,
            "setwebhook": self._set_webhook,
            "deletewebhook": self._delete_webhook,
            "getwebhookinfo": self._get_webhook_info,
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "sendmessage": self._send_message,
            "editmessagetext": self._edit_message_text,
            "editmessagecaption": self._edit_message_caption,
            "editmessagereplymarkup": self._edit_message_reply_markup,
            "deletemessage": self._delete_message,
            "answercallbackquery": self._answer_callback_query,
            "senddocument": self._send_document,
            "getfile": self._get_file,
            "sendchataction": self._send_chat_action,
            "getchat": self._get_chat,
            "getchatmember": self._get_chat_member,
            "getchatadministrators": self._get_chat_administrators,
            "getchatmembercount": self._get_chat_member_count,
            "getchatmemberscount": self._get_chat_member_count,
            "leavechat": self._leave_chat,
            "setchatmenubutton": self._set_chat_menu_button,
            "getchatmenubutton": self._get_chat_menu_button,
            "setmydescription": self._bot_text_setter("description"),
            "getmydescription": self._bot_text_getter("description"),
            "setmyshortdescription": self._bot_text_setter("short_description"),
            "getmyshortdescription": self._bot_text_getter("short_description"),
            "setmyname": self._bot_text_setter("name"),
            "getmyname": self._bot_text_getter("name"),
            "close": lambda params: True,
            "logout": lambda params: True,
        }

    # ---- the core ------------------------------------------------------------------------

    def handle(
        self,
        method: str,
        params: Mapping[str, Any],
        files: Mapping[str, Upload | tuple[str, bytes, str]] | None = None,
    ) -> tuple[int, JSONDict]:
        """Answer one Bot API call: ``(HTTP status, JSON body)``, exactly as Telegram would.

        ``params`` may hold wire strings (as in a form post) or decoded JSON values; ``files``
        maps multipart part names to uploads. Method names are case-insensitive, as on
        Telegram. getUpdates answers at once here; :meth:`long_poll` honours its timeout.
        """
        with self._lock:
            self.calls.append((method, dict(params)))
            try:
                result = self._dispatch(method, _Params(params, _normalise_uploads(files)))
            except BotAPIError as error:
                return error.status, error.body()
        if isinstance(result, _Described):
            return 200, {"ok": True, "result": result.result, "description": result.description}
        return 200, {"ok": True, "result": result}

    def _dispatch(self, method: str, params: _Params) -> Any:
        failures = self._failures.get(method.lower())
        if failures:
            raise failures.pop(0)
        handler = self._handlers.get(method.lower())
        if handler is None:
            if method.lower() in _KNOWN_METHODS:
                raise BotAPIError(
                    f"Not Implemented: the Bot API stand-in does not implement {method}", 501
                )
            raise BotAPIError("Not Found", status=404)
        return handler(params)

    async def long_poll(self, params: Mapping[str, Any]) -> tuple[int, JSONDict]:
        """getUpdates with its ``timeout``: wait without blocking the loop for an update.

        A newer long poll ends an older one with 409 Conflict, as on Telegram.
        """
        self._abort_long_polls(_conflict(_GET_UPDATES_CONFLICT))
        loop = asyncio.get_running_loop()
        waiter = _Waiter(loop, asyncio.Event())
        with self._lock:
            self._waiters.append(waiter)
        try:
            status, body = self.handle("getUpdates", params)
            timeout = _clamp(_Params(params, {}).integer("timeout"), 0, LONG_POLL_MAX_TIMEOUT)
            if status != 200 or body["result"] or timeout == 0:
                return status, body
            return await self._wait_for_updates(waiter, params, loop.time() + timeout)
        finally:
            with self._lock:
                self._waiters.remove(waiter)

    async def _wait_for_updates(
        self, waiter: _Waiter, params: Mapping[str, Any], deadline: float
    ) -> tuple[int, JSONDict]:
        while (remaining := deadline - waiter.loop.time()) > 0:
            try:
                await asyncio.wait_for(waiter.event.wait(), remaining)
            except TimeoutError:
                break
            waiter.event.clear()
            if waiter.conflict is not None:
                return waiter.conflict.status, waiter.conflict.body()
            with self._lock:
                try:
                    updates = self._get_updates(_Params(params, {}))
                except BotAPIError as error:
                    return error.status, error.body()
            if updates:
                return 200, {"ok": True, "result": updates}
        return 200, {"ok": True, "result": []}

    def _abort_long_polls(self, error: BotAPIError) -> None:
        with self._lock:
            waiters = list(self._waiters)
            for waiter in waiters:
                waiter.conflict = waiter.conflict or error
        for waiter in waiters:
            waiter.wake()

    def download(self, url: str) -> tuple[int, bytes]:
        """Answer a file download (``base_file_url`` + token + file_path) like Telegram."""
        path = url.split("/file/bot", 1)[-1].split("/", 1)[-1]
        with self._lock:
            for stored in self._files.values():
                if stored.file_path == path:
                    return 200, stored.upload.content
        return 404, json.dumps(BotAPIError("Not Found", status=404).body()).encode()

    # ---- simulating Telegram's side ------------------------------------------------------

    def add_user(self, user: FakeUser) -> None:
        """The user has started the bot: their private chat is known."""
        with self._lock:
            self._users[user.id] = user
            self._private_chats.add(user.id)

    def add_group(
        self,
        chat: FakeChat,
        members: Iterable[FakeUser] = (),
        *,
        admins: Iterable[FakeUser] = (),
    ) -> None:
        """The bot was added to ``chat`` (a group or supergroup) with these members."""
        if chat.type not in ("group", "supergroup"):
            raise ValueError(f"add_group needs a group or supergroup, not {chat.type!r}")
        with self._lock:
            group = _Group(chat)
            for status, users in (("member", members), ("administrator", admins)):
                for user in users:
                    self._users[user.id] = user
                    group.members[user.id] = status
            self._groups[chat.id] = group

    def block(self, user_id: int) -> None:
        """The user blocked the bot: sending to their private chat answers 403."""
        with self._lock:
            self._blocked.add(user_id)

    def unblock(self, user_id: int) -> None:
        """The user unblocked the bot (writing to the bot does this too)."""
        with self._lock:
            self._blocked.discard(user_id)

    def fail_next(
        self,
        method: str,
        *,
        retry_after: int | None = None,
        status: int | None = None,
        description: str | None = None,
    ) -> None:
        """Make the next call of ``method`` fail.

        With ``retry_after`` it is Telegram's flood-control answer (429 with
        ``parameters.retry_after``); otherwise ``status``/``description`` (defaults: 500, or the
        status implied by the description's prefix, and the status's own phrase).
        """
        if retry_after is not None:
            error = BotAPIError(
                f"Too Many Requests: retry after {retry_after}", 429, {"retry_after": retry_after}
            )
        else:
            code = status or _status_of(description)
            error = BotAPIError(description or _STATUS_PHRASES.get(code, "Error"), code)
        with self._lock:
            self._failures.setdefault(method.lower(), []).append(error)

    def message_update(self, user: FakeUser, text: str, chat: FakeChat | None = None) -> JSONDict:
        """An Update with a text message from ``user`` (private chat unless ``chat`` is given).

        Commands get their ``bot_command`` entities, as Telegram adds them. Writing in a
        private chat makes the chat known and lifts a block; in a group the bot must have
        been added with :meth:`add_group`. The update is not queued: see :meth:`push_update`.
        """
        if not text:
            raise ValueError("Telegram does not deliver empty text messages")
        with self._lock:
            chat_id, chat_object = self._incoming_chat(user, chat)
            message: JSONDict = {
                "message_id": self._take_message_id(chat_id),
                "from": user.to_dict(),
                "chat": chat_object,
                "date": self._now(),
                "text": text,
            }
            entities = _bot_command_entities(text)
            if entities:
                message["entities"] = entities
            self._incoming[(chat_id, message["message_id"])] = message
            return {"update_id": self._take_update_id(), "message": copy.deepcopy(message)}

    def callback_update(self, user: FakeUser, message: SentMessage, data: str) -> JSONDict:
        """An Update for ``user`` pressing a button with ``data`` on a message the bot sent.

        ``data`` is not checked against the keyboard, so tests can forge any payload. The
        query id must be answered once with answerCallbackQuery.
        """
        with self._lock:
            sent = self._sent.get((message.chat_id, message.message_id))
            if sent is None or sent.deleted:
                raise ValueError(f"the bot has no message {message.message_id} in that chat")
            self._check_can_press(user, sent.chat_id)
            query_id = str(4_000_000_000_000_000_000 + self._next_callback_id)
            self._next_callback_id += 1
            self._callback_queries[query_id] = False
            query = {
                "id": query_id,
                "from": user.to_dict(),
                "message": self._message_object(sent),
                "chat_instance": str((sent.chat_id * 2654435761 ^ self.bot_id) % (1 << 63)),
                "data": data,
            }
            return {"update_id": self._take_update_id(), "callback_query": query}

    def bot_removed_update(self, chat: FakeChat, by: FakeUser, *, kicked: bool = True) -> JSONDict:
        """``by`` removed the bot from the group (``kicked``) or the bot left: the group forgets
        the bot, and Telegram sends a ``my_chat_member`` update."""
        with self._lock:
            group = self._groups[chat.id]
            old = group.bot_status
            group.bot_status = "kicked" if kicked else "left"
            change = {
                "chat": chat.to_dict(),
                "from": by.to_dict(),
                "date": self._now(),
                "old_chat_member": _chat_member(old, self._bot_user()),
                "new_chat_member": _chat_member(group.bot_status, self._bot_user()),
            }
            return {"update_id": self._take_update_id(), "my_chat_member": change}

    def migrate_update(self, chat: FakeChat, by: FakeUser, supergroup: FakeChat) -> JSONDict:
        """The group became ``supergroup`` (a new id): the service message in the old group
        that names the new id. The members and the bot move to the supergroup."""
        with self._lock:
            group = self._groups.pop(chat.id)
            moved = _Group(supergroup, dict(group.members), group.bot_status)
            self._groups[supergroup.id] = moved
            message: JSONDict = {
                "message_id": self._take_message_id(chat.id),
                "from": by.to_dict(),
                "chat": chat.to_dict(),
                "date": self._now(),
                "migrate_to_chat_id": supergroup.id,
            }
            return {"update_id": self._take_update_id(), "message": message}

    def join_update(self, chat: FakeChat, users: Iterable[FakeUser]) -> JSONDict:
        """``users`` joined the group (by link): the ``new_chat_members`` service message."""
        joined = list(users)
        with self._lock:
            group = self._groups[chat.id]
            for user in joined:
                self._users[user.id] = user
                group.members[user.id] = "member"
            message: JSONDict = {
                "message_id": self._take_message_id(chat.id),
                "from": joined[0].to_dict(),
                "chat": chat.to_dict(),
                "date": self._now(),
                "new_chat_members": [user.to_dict() for user in joined],
            }
            return {"update_id": self._take_update_id(), "message": message}

    def push_update(self, update: Mapping[str, Any]) -> None:
        """Queue ``update`` for getUpdates (an ``update_id`` is assigned if it has none)."""
        with self._lock:
            queued = copy.deepcopy(dict(update))
            if "update_id" in queued:
                self._next_update_id = max(self._next_update_id, int(queued["update_id"]) + 1)
            else:
                queued["update_id"] = self._take_update_id()
            self._updates.append(queued)
            waiters = list(self._waiters)
        for waiter in waiters:
            waiter.wake()

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        """The messages the bot sent to ``chat_id`` and has not deleted, oldest first."""
        with self._lock:
            return [m for m in self.messages if m.chat_id == chat_id and not m.deleted]

    def last_message(self, chat_id: int) -> SentMessage:
        """The newest message the bot sent to ``chat_id``; LookupError if there is none."""
        messages = self.messages_to(chat_id)
        if not messages:
            raise LookupError(f"the bot has sent nothing to chat {chat_id}")
        return messages[-1]

    def _incoming_chat(self, user: FakeUser, chat: FakeChat | None) -> tuple[int, JSONDict]:
        self._users[user.id] = user
        if chat is None or chat.type == "private":
            if chat is not None and chat.id != user.id:
                raise ValueError("a private chat has the id of its user")
            self._private_chats.add(user.id)
            self._blocked.discard(user.id)
            return user.id, user.private_chat()
        group = self._groups.get(chat.id)
        if group is None or group.bot_status not in _MEMBER_STATUSES:
            raise ValueError(f"the bot is not in chat {chat.id}: call add_group first")
        group.members.setdefault(user.id, "member")
        return chat.id, group.chat.to_dict()

    def _check_can_press(self, user: FakeUser, chat_id: int) -> None:
        group = self._groups.get(chat_id)
        if group is None and user.id != chat_id:
            raise ValueError("only the user of a private chat can press its buttons")
        self._users[user.id] = user
        if group is not None:
            group.members.setdefault(user.id, "member")

    # ---- helpers -------------------------------------------------------------------------

    def _now(self) -> int:
        return int(self._clock())

    def continue_after(self, update_id: int) -> None:
        """Number the next updates after ``update_id`` (Telegram's numbers only go up)."""
        with self._lock:
            self._next_update_id = max(self._next_update_id, update_id + 1)

    def _take_update_id(self) -> int:
        update_id = self._next_update_id
        self._next_update_id += 1
        return update_id

    def _take_message_id(self, chat_id: int) -> int:
        message_id = self._next_message_ids.get(chat_id, 1)
        self._next_message_ids[chat_id] = message_id + 1
        return message_id

    def _bot_user(self) -> JSONDict:
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": self.bot_first_name,
            "username": self.bot_username,
        }

    def _chat_object(self, chat_id: int) -> JSONDict:
        group = self._groups.get(chat_id)
        return group.chat.to_dict() if group else self._users[chat_id].private_chat()

    def _resolve_chat(self, raw: str) -> int:
        """The chat a ``chat_id`` argument names, if the bot may use it."""
        if not raw:
            raise _bad_request("chat_id is empty")
        chat_id = 0 if raw.startswith("@") else _to_int(raw)
        if chat_id in self._private_chats:
            return chat_id
        group = self._groups.get(chat_id)
        if group is None:
            raise _bad_request("chat not found")
        if group.bot_status not in _MEMBER_STATUSES:
            raise _forbidden(f"bot is not a member of the {group.chat.type} chat")
        return chat_id

    def _check_not_blocked(self, chat_id: int) -> None:
        if chat_id in self._blocked and chat_id in self._private_chats:
            raise _forbidden("bot was blocked by the user")

    def _message_exists(self, chat_id: int, message_id: int) -> bool:
        sent = self._sent.get((chat_id, message_id))
        return (chat_id, message_id) in self._incoming or (sent is not None and not sent.deleted)

    def _reply_target(self, params: _Params, chat_id: int) -> int | None:
        """The message being replied to, checked the way the Bot API checks it."""
        reply = params.json_lenient("reply_parameters")
        if isinstance(reply, dict):
            reply_params = _Params(reply, {})
            message_id = reply_params.integer("message_id")
            allow_missing = reply_params.flag("allow_sending_without_reply")
            if reply_params.text("chat_id"):
                target = self._resolve_chat(reply_params.text("chat_id"))
                if target != chat_id:
                    return None
        else:
            message_id = params.integer("reply_to_message_id")
            allow_missing = params.flag("allow_sending_without_reply")
        if message_id <= 0:
            return None
        if self._message_exists(chat_id, message_id):
            return message_id
        if allow_missing:
            return None
        raise _bad_request("message to be replied not found")

    def _finish_text(
        self, formatted: _Formatted, limit: int, empty_error: str | None, long_error: str
    ) -> tuple[str, list[JSONDict]]:
        """The checks TDLib makes before sending: cleaning, emptiness and length."""
        plain, entities = _normalise_text(formatted.plain, formatted.entities)
        if not plain and empty_error is not None:
            raise _bad_request(empty_error)
        if utf16_length(plain) > limit:
            raise _bad_request(long_error)
        return plain, self._resolve_mentions(entities)

    def _resolve_mentions(self, entities: list[JSONDict]) -> list[JSONDict]:
        """Fill in text mentions of users the bot knows; mentions of strangers are dropped."""
        resolved: list[JSONDict] = []
        for entity in entities:
            if entity["type"] == "text_mention":
                user = self._users.get(_to_int(str(entity.get("user", {}).get("id", 0))))
                if user is None:
                    continue
                entity = {**entity, "user": user.to_dict()}
            resolved.append(entity)
        return resolved

    def _record(self, sent: SentMessage) -> JSONDict:
        self.messages.append(sent)
        self._sent[(sent.chat_id, sent.message_id)] = sent
        return self._message_object(sent)

    def _message_object(self, sent: SentMessage, *, with_reply: bool = True) -> JSONDict:
        """The Bot API ``Message`` object for a message the bot sent."""
        message: JSONDict = {
            "message_id": sent.message_id,
            "from": self._bot_user(),
            "chat": self._chat_object(sent.chat_id),
            "date": sent.date,
        }
        if sent.edit_date is not None:
            message["edit_date"] = sent.edit_date
        if with_reply and sent.reply_to_message_id is not None:
            replied = self._replied_object(sent.chat_id, sent.reply_to_message_id)
            if replied is not None:
                message["reply_to_message"] = replied
        if sent.document is not None:
            message["document"] = self._files[sent.document["file_id"]].document()
            if sent.plain_text:
                message["caption"] = sent.plain_text
            if sent.entities:
                message["caption_entities"] = copy.deepcopy(sent.entities)
        else:
            message["text"] = sent.plain_text
            if sent.entities:
                message["entities"] = copy.deepcopy(sent.entities)
        if sent.reply_markup:
            message["reply_markup"] = copy.deepcopy(sent.reply_markup)
        return message

    def _replied_object(self, chat_id: int, message_id: int) -> JSONDict | None:
        incoming = self._incoming.get((chat_id, message_id))
        if incoming is not None:
            return copy.deepcopy(incoming)
        sent = self._sent.get((chat_id, message_id))
        return None if sent is None else self._message_object(sent, with_reply=False)

    # ---- getMe, updates and webhooks -----------------------------------------------------

    def _get_me(self, params: _Params) -> JSONDict:
        return {
            **self._bot_user(),
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    def _get_updates(self, params: _Params) -> list[JSONDict]:
        if self.webhook is not None:
            raise _conflict(
                "can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first"
            )
        self._remember_allowed_updates(params)
        self._confirm_updates(params.integer("offset"))
        limit = _clamp(params.integer("limit", 100), 1, 100)
        return copy.deepcopy(self._updates[:limit])

    def _remember_allowed_updates(self, params: _Params) -> None:
        allowed = params.json_lenient("allowed_updates")
        if isinstance(allowed, list) and all(isinstance(kind, str) for kind in allowed):
            self._allowed_updates = frozenset(allowed) if allowed else None

    def _confirm_updates(self, offset: int) -> None:
        """Forget confirmed updates (``update_id < offset``) and ones of unwanted types."""
        if offset < 0:
            self._updates = self._updates[offset:]
        elif 0 < offset <= self._next_update_id:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
        self._updates = [u for u in self._updates if self._wanted(u)]

    def _wanted(self, update: JSONDict) -> bool:
        kind = next((key for key in update if key != "update_id"), "")
        if self._allowed_updates is None:
            return kind not in _OPT_IN_UPDATES
        return kind in self._allowed_updates

    def _set_webhook(self, params: _Params) -> _Described:
        url = params.text("url")
        if not url:
            return self._delete_webhook(params)
        parts = urlsplit(url)
        if parts.scheme.lower() != "https":
            raise _bad_request("bad webhook: An HTTPS URL must be provided for webhook")
        try:
            port = parts.port
        except ValueError:
            port = -1
        if port not in _WEBHOOK_PORTS:
            raise _bad_request(
                "bad webhook: Webhook can be set up only on ports 80, 88, 443 or 8443"
            )
        self._abort_long_polls(_conflict("terminated by setWebhook request"))
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        self._remember_allowed_updates(params)
        webhook: JSONDict = {"url": url}
        for key in ("secret_token", "ip_address"):
            if params.text(key):
                webhook[key] = params.text(key)
        webhook["max_connections"] = _clamp(params.integer("max_connections", 40), 1, 100)
        already = self.webhook == webhook
        self.webhook = webhook
        return _Described(True, "Webhook is already set" if already else "Webhook was set")

    def _delete_webhook(self, params: _Params) -> _Described:
        if params.flag("drop_pending_updates"):
            self._updates.clear()
        existed = self.webhook is not None
        self.webhook = None
        return _Described(True, "Webhook was deleted" if existed else "Webhook is already deleted")

    def _get_webhook_info(self, params: _Params) -> JSONDict:
        info: JSONDict = {
            "url": self.webhook["url"] if self.webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }
        if self.webhook:
            info["max_connections"] = self.webhook["max_connections"]
        if self._allowed_updates is not None:
            info["allowed_updates"] = sorted(self._allowed_updates)
        return info

    # ---- commands and bot texts ----------------------------------------------------------

    def _set_my_commands(self, params: _Params) -> bool:
        commands = _read_commands(params)
        key = self._command_key(params)
        if len(commands) > MAX_COMMANDS:
            raise _bad_request("BOT_COMMANDS_TOO_MUCH")
        for command in commands:
            if not _COMMAND_RE.fullmatch(command["command"]):
                raise _bad_request("BOT_COMMAND_INVALID")
            if not command["description"].strip():
                raise _bad_request("command description must be non-empty")
            if utf16_length(command["description"]) > MAX_COMMAND_DESCRIPTION_LENGTH:
                raise _bad_request("BOT_COMMAND_DESCRIPTION_INVALID")
        if commands:
            self.commands[key] = commands
        else:
            self.commands.pop(key, None)
        return True

    def _get_my_commands(self, params: _Params) -> list[JSONDict]:
        return copy.deepcopy(self.commands.get(self._command_key(params), []))

    def _delete_my_commands(self, params: _Params) -> bool:
        self.commands.pop(self._command_key(params), None)
        return True

    def _command_key(self, params: _Params) -> tuple[str, str]:
        """``(scope, language_code)``: a scope type, or "chat:<id>" style for chat scopes."""
        try:
            scope = params.json("scope")
        except ValueError as exc:
            raise _bad_request("can't parse BotCommandScope JSON object") from exc
        name = "default" if scope is None else self._scope_name(scope)
        return name, params.text("language_code")

    def _scope_name(self, scope: Any) -> str:
        def invalid(reason: str) -> BotAPIError:
            return _bad_request(f"can't parse BotCommandScope: {reason}")

        if not isinstance(scope, dict):
            raise invalid("BotCommandScope must be an Object")
        try:
            kind = _string_field(scope, "type", required=True)
            chat_raw = _string_field(scope, "chat_id", required=kind in _CHAT_SCOPES)
        except _InvalidButton as exc:
            raise invalid(str(exc)) from exc
        if kind in _GLOBAL_SCOPES:
            return kind
        if kind not in _CHAT_SCOPES:
            raise invalid("Unsupported type specified")
        if not chat_raw:
            raise invalid("Empty chat_id specified")
        chat_id = self._resolve_chat(chat_raw)
        if kind != "chat_member":
            return f"{kind}:{chat_id}"
        user_id = _Params(scope, {}).integer("user_id")
        if user_id <= 0:
            raise invalid("Invalid user_id specified")
        return f"{kind}:{chat_id}:{user_id}"

    def _bot_text_setter(self, kind: str) -> Callable[[_Params], bool]:
        def set_text(params: _Params) -> bool:
            key = (kind, params.text("language_code"))
            if params.text(kind):
                self._bot_texts[key] = params.text(kind)
            else:
                self._bot_texts.pop(key, None)
            return True

        return set_text

    def _bot_text_getter(self, kind: str) -> Callable[[_Params], JSONDict]:
        def get_text(params: _Params) -> JSONDict:
            return {kind: self._bot_texts.get((kind, params.text("language_code")), "")}

        return get_text

    # ---- messages ------------------------------------------------------------------------

    def _send_message(self, params: _Params) -> JSONDict:
        if not params.text("text"):
            raise _bad_request("message text is empty")
        formatted = _read_formatted(params, "text", "entities")
        markup = _parse_reply_markup(params.raw("reply_markup"))
        chat_id = self._resolve_chat(params.text("chat_id"))
        reply_to = self._reply_target(params, chat_id)
        plain, entities = self._finish_text(
            formatted, MAX_MESSAGE_LENGTH, "message must be non-empty", "message is too long"
        )
        _check_inline_buttons(markup.inline)
        self._check_not_blocked(chat_id)
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._take_message_id(chat_id),
            text=formatted.raw,
            parse_mode=formatted.parse_mode,
            reply_markup=markup.inline,
            date=self._now(),
            plain_text=plain,
            entities=entities,
            reply_to_message_id=reply_to,
            reply_keyboard=markup.other,
        )
        return self._record(sent)

    def _message_to_edit(self, params: _Params) -> SentMessage:
        if not params.text("chat_id") and params.integer("message_id") == 0:
            if params.text("inline_message_id"):
                raise _bad_request("MESSAGE_ID_INVALID")
            raise _bad_request("message identifier is not specified")
        chat_id = self._resolve_chat(params.text("chat_id"))
        message_id = params.integer("message_id")
        if message_id <= 0:
            raise _bad_request("message identifier is not specified")
        sent = self._sent.get((chat_id, message_id))
        if sent is None or sent.deleted:
            if (chat_id, message_id) in self._incoming:
                raise _bad_request("message can't be edited")
            raise _bad_request("message to edit not found")
        return sent

    def _mark_edited(self, sent: SentMessage) -> JSONDict:
        sent.edited = True
        sent.edit_date = self._now()
        return self._message_object(sent)

    def _edit_message_text(self, params: _Params) -> JSONDict:
        if not params.text("text"):
            raise _bad_request("message text is empty")
        formatted = _read_formatted(params, "text", "entities")
        markup = _parse_reply_markup(params.raw("reply_markup"))
        sent = self._message_to_edit(params)
        if sent.document is not None:
            raise _bad_request("there is no text in the message to edit")
        plain, entities = self._finish_text(
            formatted, MAX_MESSAGE_LENGTH, "message must be non-empty", "message is too long"
        )
        _check_inline_buttons(markup.inline)
        if (plain, entities, markup.inline) == (sent.plain_text, sent.entities, sent.reply_markup):
            raise _bad_request(_NOT_MODIFIED)
        sent.text, sent.parse_mode = formatted.raw, formatted.parse_mode
        sent.plain_text, sent.entities, sent.reply_markup = plain, entities, markup.inline
        return self._mark_edited(sent)

    def _edit_message_caption(self, params: _Params) -> JSONDict:
        formatted = _read_formatted(params, "caption", "caption_entities")
        markup = _parse_reply_markup(params.raw("reply_markup"))
        sent = self._message_to_edit(params)
        if sent.document is None:
            raise _bad_request("there is no caption in the message to edit")
        plain, entities = self._finish_text(
            formatted, MAX_CAPTION_LENGTH, None, "message caption is too long"
        )
        _check_inline_buttons(markup.inline)
        current = (sent.plain_text or "", sent.entities, sent.reply_markup)
        if (plain, entities, markup.inline) == current:
            raise _bad_request(_NOT_MODIFIED)
        sent.document["caption"] = formatted.raw or None
        sent.parse_mode = formatted.parse_mode
        sent.plain_text, sent.entities, sent.reply_markup = plain or None, entities, markup.inline
        return self._mark_edited(sent)

    def _edit_message_reply_markup(self, params: _Params) -> JSONDict:
        markup = _parse_reply_markup(params.raw("reply_markup"))
        sent = self._message_to_edit(params)
        if markup.other is not None:
            raise _bad_request("inline keyboard expected")
        _check_inline_buttons(markup.inline)
        if markup.inline == sent.reply_markup:
            raise _bad_request(_NOT_MODIFIED)
        sent.reply_markup = markup.inline
        return self._mark_edited(sent)

    def _delete_message(self, params: _Params) -> bool:
        chat_id = self._resolve_chat(params.text("chat_id"))
        key = (chat_id, params.integer("message_id"))
        sent = self._sent.get(key)
        if sent is not None and not sent.deleted:
            sent.deleted = True
            return True
        if self._incoming.pop(key, None) is not None:
            return True
        raise _bad_request("message to delete not found")

    def _answer_callback_query(self, params: _Params) -> bool:
        query_id = params.text("callback_query_id")
        if self._callback_queries.get(query_id, True):
            raise _bad_request(_QUERY_INVALID)
        text = params.text("text")
        if utf16_length(text) > MAX_CALLBACK_ANSWER_LENGTH:
            raise _bad_request("MESSAGE_TOO_LONG")
        self._callback_queries[query_id] = True
        self.callback_answers.append(
            {
                "callback_query_id": query_id,
                "text": text or None,
                "show_alert": params.flag("show_alert"),
                "url": params.text("url") or None,
                "cache_time": _clamp(params.integer("cache_time"), 0, 30 * 24 * 60 * 60),
            }
        )
        return True

    # ---- files ---------------------------------------------------------------------------

    def _send_document(self, params: _Params) -> JSONDict:
        stored = self._document_file(params)
        formatted = _read_formatted(params, "caption", "caption_entities")
        markup = _parse_reply_markup(params.raw("reply_markup"))
        chat_id = self._resolve_chat(params.text("chat_id"))
        reply_to = self._reply_target(params, chat_id)
        plain, entities = self._finish_text(
            formatted, MAX_CAPTION_LENGTH, None, "message caption is too long"
        )
        _check_inline_buttons(markup.inline)
        self._check_not_blocked(chat_id)
        document = {
            "file_name": stored.upload.file_name,
            "content": stored.upload.content,
            "caption": formatted.raw or None,
            "file_id": stored.file_id,
            "mime_type": stored.upload.mime_type,
        }
        sent = SentMessage(
            chat_id=chat_id,
            message_id=self._take_message_id(chat_id),
            text=None,
            parse_mode=formatted.parse_mode,
            reply_markup=markup.inline,
            date=self._now(),
            document=document,
            plain_text=plain or None,
            entities=entities,
            reply_to_message_id=reply_to,
            reply_keyboard=markup.other,
        )
        return self._record(sent)

    def _document_file(self, params: _Params) -> _StoredFile:
        upload = params.files.get("document")
        reference = params.text("document")
        if upload is None and reference.startswith("attach://"):
            upload = params.files.get(reference.removeprefix("attach://"))
        elif upload is None and reference:
            return self._known_file(reference)
        if upload is None:
            raise _bad_request("there is no document in the request")
        if not upload.content:
            raise _bad_request("file must be non-empty")
        return self._store_file(upload)

    def _known_file(self, reference: str) -> _StoredFile:
        stored = self._files.get(reference)
        if stored is not None:
            return stored
        if reference.startswith(("http://", "https://")):
            raise _bad_request("failed to get HTTP URL content")
        raise _bad_request("wrong file identifier/HTTP URL specified")

    def _store_file(self, upload: Upload) -> _StoredFile:
        number = len(self._files) + 1
        suffix = "." + upload.file_name.rsplit(".", 1)[1] if "." in upload.file_name else ""
        stored = _StoredFile(
            file_id=f"BQACAgQAAxkDAAI{number:06d}Standin{self.bot_id}",
            file_unique_id=f"AgAD{number:06d}",
            file_path=f"documents/file_{number}{suffix}",
            upload=upload,
        )
        self._files[stored.file_id] = stored
        return stored

    def _get_file(self, params: _Params) -> JSONDict:
        stored = self._files.get(params.text("file_id"))
        if stored is None:
            raise _bad_request("invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.file_unique_id,
            "file_size": len(stored.upload.content),
            "file_path": stored.file_path,
        }

    # ---- chats ---------------------------------------------------------------------------

    def _send_chat_action(self, params: _Params) -> bool:
        if params.text("action") not in _CHAT_ACTIONS:
            raise _bad_request("wrong parameter action in request")
        chat_id = self._resolve_chat(params.text("chat_id"))
        self._check_not_blocked(chat_id)
        return True

    def _get_chat(self, params: _Params) -> JSONDict:
        chat_id = self._resolve_chat(params.text("chat_id"))
        return {
            **self._chat_object(chat_id),
            "accent_color_id": 0,
            "max_reaction_count": 11,
            "accepted_gift_types": dict(_ACCEPTED_GIFT_TYPES),
        }

    def _get_chat_member(self, params: _Params) -> JSONDict:
        user_id = params.integer("user_id")
        if user_id <= 0:
            raise _bad_request("invalid user_id specified")
        chat_id = self._resolve_chat(params.text("chat_id"))
        group = self._groups.get(chat_id)
        if user_id == self.bot_id:
            return _chat_member(group.bot_status if group else "member", self._bot_user())
        user = self._users.get(user_id)
        if user is None or (group is None and user_id != chat_id):
            raise _bad_request("user not found")
        status = group.members.get(user_id, "left") if group else "member"
        return _chat_member(status, user.to_dict())

    def _get_chat_administrators(self, params: _Params) -> list[JSONDict]:
        chat_id = self._resolve_chat(params.text("chat_id"))
        group = self._groups.get(chat_id)
        if group is None:
            raise _bad_request("there are no administrators in the private chat")
        admins = [
            _chat_member(status, self._users[user_id].to_dict())
            for user_id, status in group.members.items()
            if status in ("creator", "administrator")
        ]
        if group.bot_status == "administrator":
            admins.append(_chat_member("administrator", self._bot_user()))
        return admins

    def _get_chat_member_count(self, params: _Params) -> int:
        chat_id = self._resolve_chat(params.text("chat_id"))
        group = self._groups.get(chat_id)
        if group is None:
            return 2
        members = sum(status in _MEMBER_STATUSES for status in group.members.values())
        return members + 1

    def _leave_chat(self, params: _Params) -> bool:
        chat_id = self._resolve_chat(params.text("chat_id"))
        group = self._groups.get(chat_id)
        if group is None:
            raise _bad_request("chat member status can't be changed in private chats")
        group.bot_status = "left"
        return True

    def _set_chat_menu_button(self, params: _Params) -> bool:
        raw_chat = params.text("chat_id")
        chat_id = self._resolve_chat(raw_chat) if raw_chat else None
        button = params.json_lenient("menu_button")
        if isinstance(button, dict) and button.get("type"):
            self._menu_buttons[chat_id] = copy.deepcopy(button)
        else:
            self._menu_buttons.pop(chat_id, None)
        return True

    def _get_chat_menu_button(self, params: _Params) -> JSONDict:
        raw_chat = params.text("chat_id")
        chat_id = self._resolve_chat(raw_chat) if raw_chat else None
        default = {"type": "default"} if chat_id is not None else {"type": "commands"}
        return copy.deepcopy(self._menu_buttons.get(chat_id, default))


def _read_commands(params: _Params) -> list[JSONDict]:
    """The ``commands`` argument of setMyCommands, parsed like the Bot API server does."""
    try:
        value = params.json("commands")
    except ValueError as exc:
        raise _bad_request("can't parse commands JSON object") from exc
    if value is None:
        return []
    if not isinstance(value, list):
        raise _bad_request("expected an Array of BotCommand")
    commands: list[JSONDict] = []
    for item in value:
        if not isinstance(item, dict):
            raise _bad_request("can't parse BotCommand: expected an Object")
        try:
            command = {
                key: _string_field(item, key, required=True) for key in ("command", "description")
            }
        except _InvalidButton as exc:
            raise _bad_request(f"can't parse BotCommand: {exc}") from exc
        commands.append(command)
    return commands
