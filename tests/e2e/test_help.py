"""/help (/hulp) and the command menus show every command, in Dutch and English.

The specification is :data:`WHERE`, written here apart from ``handlers/commands.py``: for
every command its English name, its Dutch alias, the chats where it works (a private chat
with the bot, a group) and whether it is the secretary's. The test checks that it is exactly
what the Application registers (command handlers inside the conversations included), that
/help lists exactly the commands a person can use in that chat and role, and that the menus
set through the Bot API stand-in list the same commands with the same descriptions, per
language (nl, en, the default for every other language) and per kind of chat.

The secretary's commands (for the secretary and the deputy secretary) are NOT shown to a
plain member or to someone without a seat: their /help leaves that group out and says in one
line that the secretary and the deputy secretary see their own commands there. The secretary
sees them under their own heading. The menus cannot differ per role, so they list every
command that works in that kind of chat.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from telegram.ext import BaseHandler, CommandHandler, ConversationHandler

from bot.i18n import translator
from bot.services import boards, people
from standin import FakeChat, FakeUser
from tests.e2e.conftest import Harness

PRIVATE = frozenset({"private"})
GROUP = frozenset({"group"})
BOTH = PRIVATE | GROUP

#: (English name, Dutch alias or None, where it works, the secretary's)
WHERE: list[tuple[str, str | None, frozenset[str], bool]] = [
    ("start", None, PRIVATE, False),
    ("help", "hulp", BOTH, False),
    ("language", "taal", PRIVATE, False),
    ("clause", "artikel", BOTH, False),
    ("search", "zoek", BOTH, False),
    ("privacy", None, BOTH, False),
    ("mydata", "mijngegevens", PRIVATE, False),
    ("forgetme", "vergeetmij", PRIVATE, False),
    ("motions", "voorstellen", PRIVATE, False),
    ("result", "uitslag", BOTH, False),
    ("decisions", "besluiten", BOTH, False),
    ("propose", "voorstel", PRIVATE, False),
    ("close", "sluit", BOTH, False),
    ("withdraw", "intrekken", BOTH, False),
    ("cancel", "annuleer", PRIVATE, False),
    ("substitute", "vervanger", PRIVATE, False),
    ("meetings", "vergaderingen", PRIVATE, False),
    ("attendance", "aanwezigheid", PRIVATE, False),
    ("seat", "zetel", BOTH, False),
    ("board", "bestuur", BOTH, False),
    ("settings", "instellingen", PRIVATE, False),
    ("invite", "uitnodigen", PRIVATE, True),
    ("linkgroup", "koppelgroep", GROUP, True),
    ("meeting", "vergadering", PRIVATE, True),
    ("present", "aanwezig", PRIVATE, True),
    ("followup", "opvolging", BOTH, True),
    ("broadcast", "omroep", PRIVATE, True),
    ("report", "jaarverslag", PRIVATE, True),
]

#: what /help says about typing a question (the English msgid; Dutch through the catalog)
TYPE_A_QUESTION = {
    "private": "You can also simply type a question about the agreement; I look up the "
    "answer in its articles.",
    "group": "In a private chat with me there are more commands, and you can simply type "
    "a question about the agreement.",
}
SECRETARY_NOTE = "The secretary and the deputy secretary see their own commands here as well."

LISTED = re.compile(r"^/(\w+) - (.*)$", re.MULTILINE)


def shown(english: str, dutch: str | None, language: str) -> str:
    return dutch if language == "nl" and dutch else english


def expected(language: str, chat: str, *, secretary: bool) -> set[str]:
    return {
        shown(en, nl, language)
        for en, nl, chats, secretarys in WHERE
        if chat in chats and (secretary or not secretarys)
    }


def command_handlers(handler: BaseHandler[Any, Any, Any]) -> list[CommandHandler[Any, Any]]:
    """The command handlers in ``handler``: itself, or those inside a conversation."""
    if isinstance(handler, CommandHandler):
        return [handler]
    if isinstance(handler, ConversationHandler):
        inner = [*handler.entry_points, *handler.fallbacks]
        inner += [h for state in handler.states.values() for h in state]
        return [found for h in inner for found in command_handlers(h)]
    return []


def registered(bot: Harness) -> set[frozenset[str]]:
    return {
        frozenset(found.commands)
        for group in bot.app.handlers.values()
        for handler in group
        for found in command_handlers(handler)
    }


async def person(bot: Harness, user_id: int, language: str, role: str) -> FakeUser:
    """A secretary (of a board of their own), a member (the UWV seat) or someone without a seat."""
    user = bot.user(user_id, f"{role.title()} {language}", language=language)
    if role != "stranger":
        made = await people.identify(bot.db, user.id, user.first_name, telegram_language=language)
        board = await boards.create_board(bot.db, "achterhoek-2014")
        seat = "secretaris" if role == "secretary" else "uwv"
        await boards.assign(bot.db, board.id, seat, made.id)
    return user


async def test_the_specification_is_every_registered_command(bot: Harness) -> None:
    """A command registered without a row here, or a row without a handler, fails."""
    assert registered(bot) == {frozenset(filter(None, (en, nl))) for en, nl, _, _ in WHERE}


@pytest.mark.parametrize("language", ["nl", "en"])
@pytest.mark.parametrize("chat", ["private", "group"])
@pytest.mark.parametrize("role", ["secretary", "member", "stranger"])
async def test_help_lists_every_command_usable_here(
    bot: Harness, language: str, chat: str, role: str
) -> None:
    user = await person(bot, 300, language, role)
    where = None
    if chat == "group":
        where = FakeChat(-100300, "supergroup", "Bestuur")
        bot.api.add_group(where, [user])
    text = await bot.say(user, "/" + shown("help", "hulp", language), where)
    secretary = role == "secretary"
    assert {name for name, _ in LISTED.findall(text)} == expected(
        language, chat, secretary=secretary
    )
    t = translator(language)
    assert t.gettext(TYPE_A_QUESTION[chat]) in text
    if language == "en":
        assert "simply type a question" in text
    assert (t.gettext(SECRETARY_NOTE) in text) is not secretary
    # grouped: for everyone, for members, and for the secretary only the secretary's help
    headings = re.findall(r"^<b>(.+)</b>$", text, re.MULTILINE)
    groups = ["For everyone", "For members of a board"]
    if secretary:
        groups.append("For the secretary and the deputy secretary")
    assert headings[1:] == [t.gettext(g) for g in groups]


async def test_the_menus_are_the_help_per_language_and_chat(bot: Harness) -> None:
    """The menus, per language and per kind of chat, list what /help shows the secretary there,
    with the same descriptions; no old menu is left in the default scope."""
    scopes = {"private": "all_private_chats", "group": "all_group_chats"}
    assert set(bot.api.commands) == {
        (scope, language) for scope in scopes.values() for language in ("nl", "en", "")
    }
    cases = [(language, chat) for language in ("nl", "en") for chat in scopes]
    for number, (language, chat) in enumerate(cases):
        user = await person(bot, 400 + number, language, "secretary")
        where = None
        if chat == "group":
            where = FakeChat(-100400 - number, "supergroup", "Bestuur")
            bot.api.add_group(where, [user])
        text = await bot.say(user, "/" + shown("help", "hulp", language), where)
        helped = dict(LISTED.findall(text))
        assert set(helped) == expected(language, chat, secretary=True)
        menus = [bot.api.commands[(scopes[chat], language)]]
        if language == "en":  # every other language gets the English menu
            menus.append(bot.api.commands[(scopes[chat], "")])
        for menu in menus:
            assert {c["command"]: c["description"] for c in menu} == helped


async def test_help_names_the_new_and_the_corrected_commands(bot: Harness) -> None:
    """What /hulp used to leave out is there; /sluit names no fixed roles."""
    secretary = await person(bot, 500, "nl", "secretary")
    text = await bot.say(secretary, "/hulp")
    for name in ("vergadering", "vergaderingen", "aanwezigheid", "jaarverslag"):
        assert f"\n/{name} - " in text
    for name in ("artikel", "zoek", "annuleer"):
        assert f"\n/{name} - " in text
    close = dict(LISTED.findall(text))["sluit"]
    assert "(voorzitter, secretaris)" not in close


async def test_cancel_outside_a_conversation_is_answered(bot: Harness) -> None:
    member = await person(bot, 600, "en", "member")
    assert "nothing to cancel" in await bot.say(member, "/cancel")
    await bot.send(member, "/propose")  # the UWV seat may not propose: no conversation
    assert "nothing to cancel" in await bot.say(member, "/cancel")
