"""The Bot API stand-in answers like Telegram, under the real python-telegram-bot."""

from __future__ import annotations

import asyncio
import datetime as dt
import html
import json
import socket
import time
from collections.abc import AsyncIterator
from typing import Any, NoReturn

import pytest
import pytest_asyncio
from hypothesis import given
from hypothesis import strategies as st
from telegram import Bot, InlineKeyboardButton, InlineKeyboardMarkup, Message, Update
from telegram.constants import MessageEntityType
from telegram.error import BadRequest, Conflict, EndPointNotFound, Forbidden, RetryAfter
from telegram.ext import ApplicationBuilder, CommandHandler, ContextTypes

from standin import (
    BotAPIStandin,
    FakeChat,
    FakeUser,
    StandinRequest,
    parse_entities,
    utf16_length,
)

ANN = FakeUser(id=4242, first_name="Ann", username="ann_demo")
BOB = FakeUser(id=4343, first_name="Bob")
BOARD = FakeChat(id=-100500, type="supergroup", title="Bestuur Werkregio")


@pytest.fixture
def api() -> BotAPIStandin:
    standin = BotAPIStandin()
    standin.add_user(ANN)
    return standin


@pytest_asyncio.fixture
async def bot(api: BotAPIStandin) -> AsyncIterator[Bot]:
    async with Bot(
        api.token, request=StandinRequest(api), get_updates_request=StandinRequest(api)
    ) as real_bot:
        yield real_bot


def keyboard(*data: str) -> InlineKeyboardMarkup:
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(f"knop {d}", callback_data=d)] for d in data]
    )


# ---- the basics through the real Bot ---------------------------------------------------------


@pytest.mark.asyncio
async def test_get_me_answers_with_the_standin_bot(bot: Bot, api: BotAPIStandin) -> None:
    me = await bot.get_me()

    assert (me.id, me.username, me.is_bot) == (api.bot_id, "werkbot_demo_bot", True)
    assert bot.username == "werkbot_demo_bot"


@pytest.mark.asyncio
async def test_sent_message_dates_are_int_seconds_since_the_epoch(
    bot: Bot, api: BotAPIStandin
) -> None:
    message = await bot.send_message(ANN.id, "Hallo")
    status, body = api.handle("sendMessage", {"chat_id": ANN.id, "text": "nog eens"})

    assert status == 200
    for date in (api.messages[0].date, body["result"]["date"]):
        assert type(date) is int
        assert abs(date - time.time()) < 5
    assert abs(message.date - dt.datetime.now(dt.UTC)) < dt.timedelta(seconds=5)


@pytest.mark.asyncio
async def test_message_ids_count_up_per_chat(bot: Bot, api: BotAPIStandin) -> None:
    api.add_user(BOB)

    ids = [(await bot.send_message(chat, "x")).message_id for chat in (ANN.id, ANN.id, BOB.id)]

    assert ids == [1, 2, 1]


@pytest.mark.asyncio
async def test_editing_a_message_updates_the_record_in_place(bot: Bot, api: BotAPIStandin) -> None:
    sent = await bot.send_message(ANN.id, "concept")

    edited = await bot.edit_message_text(
        "<b>definitief</b>", ANN.id, sent.message_id, parse_mode="HTML"
    )

    assert not isinstance(edited, bool)
    assert edited.text == "definitief"
    record = api.last_message(ANN.id)
    assert (record.text, record.plain_text, record.edited) == (
        "<b>definitief</b>",
        "definitief",
        True,
    )
    assert len(api.messages) == 1
    assert record.entities == [{"type": "bold", "offset": 0, "length": 10}]


@pytest.mark.asyncio
async def test_editing_to_identical_content_is_not_modified(bot: Bot) -> None:
    sent = await bot.send_message(ANN.id, "zelfde")

    with pytest.raises(BadRequest, match=r"^Message is not modified: specified new message"):
        await bot.edit_message_text("zelfde", ANN.id, sent.message_id)


@pytest.mark.asyncio
async def test_editing_an_unknown_message_is_not_found(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"^Message to edit not found$"):
        await bot.edit_message_text("nieuw", ANN.id, 999)


@pytest.mark.asyncio
async def test_inline_keyboard_round_trips(bot: Bot, api: BotAPIStandin) -> None:
    sent = await bot.send_message(ANN.id, "Kies", reply_markup=keyboard("ja", "nee"))

    assert sent.reply_markup == keyboard("ja", "nee")
    record = api.last_message(ANN.id)
    assert [b["callback_data"] for b in record.buttons()] == ["ja", "nee"]
    assert record.button("knop nee") == {"text": "knop nee", "callback_data": "nee"}


@pytest.mark.asyncio
async def test_editing_text_without_reply_markup_removes_the_keyboard(
    bot: Bot, api: BotAPIStandin
) -> None:
    sent = await bot.send_message(ANN.id, "Kies", reply_markup=keyboard("ja"))

    await bot.edit_message_text("Gekozen", ANN.id, sent.message_id)

    assert api.last_message(ANN.id).reply_markup is None


@pytest.mark.asyncio
async def test_edit_message_reply_markup_replaces_only_the_keyboard(
    bot: Bot, api: BotAPIStandin
) -> None:
    sent = await bot.send_message(ANN.id, "Kies", reply_markup=keyboard("ja"))

    await bot.edit_message_reply_markup(ANN.id, sent.message_id, reply_markup=keyboard("nee"))

    record = api.last_message(ANN.id)
    assert (record.plain_text, [b["callback_data"] for b in record.buttons()]) == ("Kies", ["nee"])


# ---- text rules ------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_4097_visible_characters_are_too_long(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(ANN.id, "a" * 4097)


@pytest.mark.asyncio
async def test_4096_visible_characters_fit_even_with_html_tags_around_them(bot: Bot) -> None:
    text = "<b>" + "a" * 2048 + "</b><i>" + "&lt;" * 2048 + "</i>"

    sent = await bot.send_message(ANN.id, text, parse_mode="HTML")

    assert sent.text == "a" * 2048 + "<" * 2048


@pytest.mark.asyncio
async def test_length_is_counted_in_utf16_code_units(bot: Bot) -> None:
    await bot.send_message(ANN.id, "😀" * 2048)

    with pytest.raises(BadRequest, match=r"^Message is too long$"):
        await bot.send_message(ANN.id, "😀" * 2048 + "a")


@pytest.mark.asyncio
async def test_empty_text_is_refused_and_whitespace_only_text_is_empty_after_trimming(
    api: BotAPIStandin,
) -> None:
    assert api.handle("sendMessage", {"chat_id": ANN.id, "text": ""})[1]["description"] == (
        "Bad Request: message text is empty"
    )
    assert api.handle("sendMessage", {"chat_id": ANN.id, "text": " \n "})[1]["description"] == (
        "Bad Request: message must be non-empty"
    )


@pytest.mark.asyncio
@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("<b>nooit dicht", 'can\'t find end tag corresponding to start tag "b"'),
        ("<div>blok</div>", 'unsupported start tag "div" at byte offset 0'),
        ("1 < 2", 'unsupported start tag "" at byte offset 2'),
        ("<b><i>x</b></i>", 'unmatched end tag at byte offset 7, expected "</i>", found "</b>"'),
        ("<span>x</span>", 'tag "span" must have class "tg-spoiler" at byte offset 0'),
        ("x</b>", "unexpected end tag at byte offset 1"),
        ("<br>", 'unsupported start tag "br" at byte offset 0'),
    ],
)
async def test_bad_html_cannot_be_parsed(bot: Bot, text: str, detail: str) -> None:
    with pytest.raises(BadRequest) as raised:
        await bot.send_message(ANN.id, text, parse_mode="HTML")

    assert raised.value.message == f"Can't parse entities: {detail}"


@pytest.mark.asyncio
async def test_escaped_text_and_a_bare_ampersand_are_fine_in_html(bot: Bot) -> None:
    risky = 'Tom & Jerry <script> "quoted" 5 > 3 &nbsp;'

    escaped = await bot.send_message(ANN.id, html.escape(risky), parse_mode="HTML")
    bare = await bot.send_message(ANN.id, "Tom & Jerry", parse_mode="HTML")

    assert (escaped.text, bare.text) == (risky, "Tom & Jerry")


def test_html_entities_get_telegram_offsets_in_utf16() -> None:
    text = '😀 <b>vet <i>schuin</i></b> <a href="https://werk.nl">link</a> <code>x</code>'

    plain, entities = parse_entities(text, "HTML")

    assert plain == "😀 vet schuin link x"
    assert entities == [
        {"type": "bold", "offset": 3, "length": 10},
        {"type": "italic", "offset": 7, "length": 6},
        {"type": "text_link", "offset": 14, "length": 4, "url": "https://werk.nl/"},
        {"type": "code", "offset": 19, "length": 1},
    ]


def test_pre_with_a_language_and_expandable_blockquote_parse() -> None:
    text = (
        '<pre><code class="language-python">x = 1</code></pre><blockquote expandable>q</blockquote>'
    )

    _, entities = parse_entities(text, "HTML")

    assert entities == [
        {"type": "pre", "offset": 0, "length": 5, "language": "python"},
        {"type": "expandable_blockquote", "offset": 5, "length": 1},
    ]


@given(st.text())
def test_any_escaped_text_parses_back_to_itself(text: str) -> None:
    plain, entities = parse_entities(html.escape(text), "HTML")

    assert (plain, entities) == (text, [])


@given(st.lists(st.tuples(st.sampled_from(["b", "i", "u", "s", "code"]), st.text(min_size=1))))
def test_entities_stay_inside_the_visible_text(parts: list[tuple[str, str]]) -> None:
    source = "".join(f"<{tag}>{html.escape(body)}</{tag}>" for tag, body in parts)

    plain, entities = parse_entities(source, "HTML")

    assert plain == "".join(body for _, body in parts)
    assert all(
        e["offset"] >= 0 and e["offset"] + e["length"] <= utf16_length(plain) for e in entities
    )


@pytest.mark.asyncio
@pytest.mark.parametrize("parse_mode", ["MarkdownV2", "Markdown"])
async def test_markdown_is_an_unsupported_parse_mode(
    bot: Bot, api: BotAPIStandin, parse_mode: str
) -> None:
    with pytest.raises(BadRequest, match=r"^Unsupported parse_mode$"):
        await bot.send_message(ANN.id, "*Klaar*", parse_mode=parse_mode)

    assert api.messages == []


def test_parse_entities_knows_html_only() -> None:
    assert parse_entities("<b>x</b>", "html") == ("x", [{"type": "bold", "offset": 0, "length": 1}])
    with pytest.raises(ValueError, match=r"^unsupported parse_mode 'MarkdownV2'$"):
        parse_entities("*x*", "MarkdownV2")


# ---- keyboards ---------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_callback_data_over_64_bytes_is_invalid(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot.send_message(ANN.id, "x", reply_markup=keyboard("a" * 65))


@pytest.mark.asyncio
async def test_callback_data_is_measured_in_utf8_bytes(bot: Bot) -> None:
    await bot.send_message(ANN.id, "x", reply_markup=keyboard("é" * 32))

    with pytest.raises(BadRequest, match=r"^Button_data_invalid$"):
        await bot.send_message(ANN.id, "x", reply_markup=keyboard("é" * 33))


@pytest.mark.asyncio
async def test_a_button_without_action_is_a_text_button(api: BotAPIStandin) -> None:
    markup = json.dumps({"inline_keyboard": [[{"text": "leeg", "callback_data": ""}]]})

    _, body = api.handle("sendMessage", {"chat_id": ANN.id, "text": "x", "reply_markup": markup})

    assert body["description"] == (
        "Bad Request: can't parse inline keyboard button: "
        "Text buttons are unallowed in the inline keyboard"
    )


# ---- failures ------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.filterwarnings("ignore::telegram.warnings.PTBDeprecationWarning")
async def test_flood_control_raises_retry_after_and_the_next_call_succeeds(
    bot: Bot, api: BotAPIStandin
) -> None:
    api.fail_next("sendMessage", retry_after=3)

    with pytest.raises(RetryAfter) as raised:
        await bot.send_message(ANN.id, "te snel")
    await bot.send_message(ANN.id, "nu wel")

    retry_after = raised.value.retry_after  # an int today, a timedelta with PTB_TIMEDELTA=1
    seconds = retry_after.total_seconds() if isinstance(retry_after, dt.timedelta) else retry_after
    assert seconds == 3
    assert [m.plain_text for m in api.messages] == ["nu wel"]


def test_flood_control_body_is_telegrams(api: BotAPIStandin) -> None:
    api.fail_next("sendMessage", retry_after=7)

    assert api.handle("sendMessage", {"chat_id": ANN.id, "text": "x"}) == (
        429,
        {
            "ok": False,
            "error_code": 429,
            "description": "Too Many Requests: retry after 7",
            "parameters": {"retry_after": 7},
        },
    )


def test_fail_next_can_fake_any_error(api: BotAPIStandin) -> None:
    api.fail_next("getMe", status=502)
    api.fail_next("getMe", description="Forbidden: bot was kicked")

    assert api.handle("getMe", {})[0] == 502
    assert api.handle("getMe", {})[1]["error_code"] == 403
    assert api.handle("getMe", {})[0] == 200


@pytest.mark.asyncio
async def test_a_blocked_user_is_forbidden_until_they_write_again(
    bot: Bot, api: BotAPIStandin
) -> None:
    api.block(ANN.id)

    with pytest.raises(Forbidden, match=r"^Forbidden: bot was blocked by the user$"):
        await bot.send_message(ANN.id, "hallo?")
    api.message_update(ANN, "/start")
    await bot.send_message(ANN.id, "welkom terug")


@pytest.mark.asyncio
async def test_unknown_chats_and_groups_without_the_bot_are_not_found(bot: Bot) -> None:
    for chat_id in (99, BOARD.id, "@werkregio"):
        with pytest.raises(BadRequest, match=r"^Chat not found$"):
            await bot.send_message(chat_id, "x")


@pytest.mark.asyncio
async def test_reply_to_a_missing_message_fails(bot: Bot) -> None:
    with pytest.raises(BadRequest, match=r"^Message to be replied not found$"):
        await bot.send_message(ANN.id, "x", reply_to_message_id=77)


def test_unknown_methods_are_not_found_and_real_unimplemented_ones_say_so(
    api: BotAPIStandin,
) -> None:
    assert api.handle("fooBar", {}) == (
        404,
        {"ok": False, "error_code": 404, "description": "Not Found"},
    )
    assert api.handle("sendPoll", {})[0] == 501


@pytest.mark.asyncio
async def test_ptb_reports_an_unknown_endpoint(bot: Bot) -> None:
    with pytest.raises(EndPointNotFound):
        await bot.do_api_request("fooBar")


def test_handle_reads_wire_strings_like_the_bot_api_server(api: BotAPIStandin) -> None:
    markup = json.dumps({"inline_keyboard": [[{"text": "ok", "callback_data": "1"}]]})

    status, body = api.handle(
        "SENDMESSAGE", {"chat_id": str(ANN.id), "text": "123", "reply_markup": markup}
    )

    assert status == 200
    assert (body["result"]["text"], api.last_message(ANN.id).buttons()) == (
        "123",
        [{"text": "ok", "callback_data": "1"}],
    )


# ---- updates -------------------------------------------------------------------------------


@pytest.mark.asyncio
@pytest.mark.parametrize("text", ["/start", "/start@werkbot_demo_bot", "/start uitnodiging"])
async def test_message_update_parses_with_a_command_entity(
    bot: Bot, api: BotAPIStandin, text: str
) -> None:
    update = Update.de_json(api.message_update(ANN, text), bot)

    assert update.message is not None
    assert update.message.text == text
    assert update.message.entities[0].type == MessageEntityType.BOT_COMMAND
    assert update.message.entities[0].offset == 0
    assert update.message.entities[0].length == len(text.split()[0])
    assert update.effective_user is not None
    assert update.effective_user.id == ANN.id


@pytest.mark.asyncio
async def test_callback_update_round_trips_and_is_answered_once(
    bot: Bot, api: BotAPIStandin
) -> None:
    await bot.send_message(ANN.id, "Kies", reply_markup=keyboard("ja"))

    update = Update.de_json(api.callback_update(ANN, api.last_message(ANN.id), "ja"), bot)
    query = update.callback_query
    assert query is not None
    assert isinstance(query.message, Message)
    await query.answer("Opgeslagen")

    assert query.data == "ja"
    assert query.message.reply_markup == keyboard("ja")
    assert api.callback_answers[0]["text"] == "Opgeslagen"
    with pytest.raises(BadRequest, match=r"^Query is too old and response timeout expired"):
        await query.answer()


@pytest.mark.asyncio
async def test_get_updates_returns_pushed_updates_and_respects_the_offset(
    bot: Bot, api: BotAPIStandin
) -> None:
    first, second = api.message_update(ANN, "een"), api.message_update(ANN, "twee")
    api.push_update(first)
    api.push_update(second)

    everything = await bot.get_updates(timeout=1)
    after_first = await bot.get_updates(offset=first["update_id"] + 1, timeout=0)
    after_all = await bot.get_updates(offset=second["update_id"] + 1, timeout=0)

    assert [u.update_id for u in everything] == [1, 2]
    assert [u.update_id for u in after_first] == [2]
    assert after_all == ()
    assert api.handle("getUpdates", {})[1]["result"] == []


@pytest.mark.asyncio
async def test_long_poll_wakes_up_when_an_update_arrives(bot: Bot, api: BotAPIStandin) -> None:
    async def arrive_later() -> None:
        await asyncio.sleep(0.05)
        api.push_update(api.message_update(ANN, "eindelijk"))

    started = time.monotonic()
    late, updates = await asyncio.gather(arrive_later(), bot.get_updates(timeout=1))

    assert late is None
    assert [u.message.text for u in updates if u.message] == ["eindelijk"]
    assert time.monotonic() - started < 0.9


@pytest.mark.asyncio
async def test_long_poll_without_updates_returns_nothing_after_the_timeout(bot: Bot) -> None:
    started = time.monotonic()

    assert await bot.get_updates(timeout=1) == ()
    assert 0.9 <= time.monotonic() - started < 3


@pytest.mark.asyncio
async def test_get_updates_conflicts_with_a_webhook(bot: Bot, api: BotAPIStandin) -> None:
    await bot.set_webhook("https://werkbot.example/hook")

    with pytest.raises(Conflict, match="can't use getUpdates method while webhook is active"):
        await bot.get_updates()
    assert api.webhook is not None
    assert api.webhook["url"] == "https://werkbot.example/hook"
    await bot.delete_webhook()
    assert api.webhook is None
    with pytest.raises(
        BadRequest, match=r"^Bad webhook: an https url must be provided for webhook$"
    ):
        await bot.set_webhook("http://werkbot.example/hook")


# ---- commands, documents, groups -------------------------------------------------------


@pytest.mark.asyncio
async def test_commands_are_kept_per_scope_and_language(bot: Bot, api: BotAPIStandin) -> None:
    from telegram import BotCommand, BotCommandScopeAllPrivateChats

    await bot.set_my_commands([BotCommand("start", "Begin")])
    await bot.set_my_commands(
        [BotCommand("hulp", "Uitleg")], scope=BotCommandScopeAllPrivateChats(), language_code="nl"
    )

    assert api.commands == {
        ("default", ""): [{"command": "start", "description": "Begin"}],
        ("all_private_chats", "nl"): [{"command": "hulp", "description": "Uitleg"}],
    }
    assert [c.command for c in await bot.get_my_commands()] == ["start"]
    with pytest.raises(BadRequest, match=r"^Bot_command_invalid$"):
        await bot.set_my_commands([BotCommand("Start", "Hoofdletter")])


@pytest.mark.asyncio
async def test_send_document_keeps_the_name_and_bytes(bot: Bot, api: BotAPIStandin) -> None:
    sent = await bot.send_document(
        ANN.id,
        document=b"regio;aantal\n",
        filename="rapport.csv",
        caption="<b>Rapport</b>",
        parse_mode="HTML",
    )

    record = api.last_message(ANN.id)
    assert record.document is not None
    assert (record.document["file_name"], record.document["content"]) == (
        "rapport.csv",
        b"regio;aantal\n",
    )
    assert sent.document is not None
    assert (sent.document.file_name, sent.document.file_size, sent.caption) == (
        "rapport.csv",
        13,
        "Rapport",
    )
    downloaded = await (await sent.document.get_file()).download_as_bytearray()
    assert bytes(downloaded) == b"regio;aantal\n"


@pytest.mark.asyncio
async def test_group_membership_is_reported_and_leaving_forbids_sending(
    bot: Bot, api: BotAPIStandin
) -> None:
    api.add_group(BOARD, [BOB], admins=[ANN])
    api.add_user(FakeUser(id=4444, first_name="Cor"))

    statuses = [(await bot.get_chat_member(BOARD.id, uid)).status for uid in (BOB.id, ANN.id, 4444)]
    assert statuses == ["member", "administrator", "left"]
    with pytest.raises(BadRequest, match=r"^User not found$"):
        await bot.get_chat_member(BOARD.id, 5555)
    await bot.send_message(BOARD.id, "Vergadering om 10:00")
    await bot.leave_chat(BOARD.id)
    with pytest.raises(Forbidden, match="bot is not a member of the supergroup chat"):
        await bot.send_message(BOARD.id, "nog iemand?")


# ---- no network, and the real Application -----------------------------------------------


@pytest.mark.asyncio
async def test_requests_never_open_a_socket(
    monkeypatch: pytest.MonkeyPatch, api: BotAPIStandin
) -> None:
    def refuse(*args: Any, **kwargs: Any) -> NoReturn:
        raise AssertionError("the stand-in touched the network")

    async def refuse_async(*args: Any, **kwargs: Any) -> NoReturn:
        refuse()

    for target, name in [
        (socket.socket, "connect"),
        (socket.socket, "connect_ex"),
        (socket, "create_connection"),
        (socket, "getaddrinfo"),
    ]:
        monkeypatch.setattr(target, name, refuse)
    monkeypatch.setattr(asyncio.BaseEventLoop, "create_connection", refuse_async)

    async with Bot(
        api.token, request=StandinRequest(api), get_updates_request=StandinRequest(api)
    ) as offline:
        await offline.send_message(ANN.id, "offline")
        await offline.get_updates(timeout=0)

    assert api.last_message(ANN.id).plain_text == "offline"


async def reply_welcome(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    await update.message.reply_text("Welkom bij <b>werkbot</b>", parse_mode="HTML")


def build_application(api: BotAPIStandin) -> Any:
    application = (
        ApplicationBuilder()
        .token(api.token)
        .request(StandinRequest(api))
        .get_updates_request(StandinRequest(api))
        .build()
    )
    application.add_handler(CommandHandler("start", reply_welcome))
    return application


@pytest.mark.asyncio
async def test_application_start_command_reply_is_recorded(api: BotAPIStandin) -> None:
    application = build_application(api)
    await application.initialize()
    try:
        await application.process_update(
            Update.de_json(api.message_update(ANN, "/start"), application.bot)
        )
    finally:
        await application.shutdown()

    reply = api.last_message(ANN.id)
    assert (reply.text, reply.plain_text, reply.parse_mode) == (
        "Welkom bij <b>werkbot</b>",
        "Welkom bij werkbot",
        "HTML",
    )


@pytest.mark.asyncio
async def test_application_polling_answers_a_pushed_update_in_a_group(api: BotAPIStandin) -> None:
    api.add_group(BOARD, [BOB])
    application = build_application(api)

    async with application:
        await application.start()
        await application.updater.start_polling(timeout=1)
        api.push_update(api.message_update(BOB, "/start@werkbot_demo_bot", chat=BOARD))
        for _ in range(200):
            if api.messages_to(BOARD.id):
                break
            await asyncio.sleep(0.01)
        await application.updater.stop()
        await application.stop()

    reply = api.last_message(BOARD.id)
    assert reply.plain_text == "Welkom bij werkbot"
    assert reply.reply_to_message_id == 1  # PTB quotes in groups; Telegram found the message
