"""The one command list: every command the bot registers, its Dutch alias, its group (for
everyone, for members, for the secretary), the chats it works in, and its description.

``/help`` (:func:`render_help`), the command menus (``runtime.app.register_menus``) and the
registration itself (``runtime.app.register_handlers``, which refuses a command that is not
here and a command here without a handler) are all made from :data:`COMMANDS`, so they cannot
drift apart.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from telegram import Update
from telegram.constants import ChatType

from bot.i18n import Translator
from bot.texts.html import esc
from handlers.context import WerkbotContext
from handlers.replies import reply


class Group(Enum):
    """Who a command is for; /help shows the groups in this order."""

    EVERYONE = "everyone"
    MEMBERS = "members"
    SECRETARY = "secretary"  # the secretary and the deputy secretary


class Chat(Enum):
    """Where a command works: a private chat with the bot, or a group (or supergroup)."""

    PRIVATE = "private"
    GROUP = "group"


PRIVATE_ONLY = frozenset({Chat.PRIVATE})
GROUP_ONLY = frozenset({Chat.GROUP})
ANY_CHAT = frozenset({Chat.PRIVATE, Chat.GROUP})


@dataclass(frozen=True)
class Command:
    name: str
    alias_nl: str | None
    group: Group = Group.MEMBERS
    chats: frozenset[Chat] = PRIVATE_ONLY

    @property
    def names(self) -> list[str]:
        return [self.name] + ([self.alias_nl] if self.alias_nl else [])

    @property
    def secretary_only(self) -> bool:
        return self.group is Group.SECRETARY

    def shown_name(self, language: str) -> str:
        return self.alias_nl if language == "nl" and self.alias_nl else self.name


# for everyone, also without a seat
START = Command("start", None, Group.EVERYONE)
HELP = Command("help", "hulp", Group.EVERYONE, ANY_CHAT)
LANGUAGE = Command("language", "taal", Group.EVERYONE)
CLAUSE = Command("clause", "artikel", Group.EVERYONE, ANY_CHAT)
SEARCH = Command("search", "zoek", Group.EVERYONE, ANY_CHAT)
PRIVACY = Command("privacy", None, Group.EVERYONE, ANY_CHAT)  # the same word in Dutch
MY_DATA = Command("mydata", "mijngegevens", Group.EVERYONE)
FORGET_ME = Command("forgetme", "vergeetmij", Group.EVERYONE)
# for the members of a board
MOTIONS = Command("motions", "voorstellen")
RESULT = Command("result", "uitslag", chats=ANY_CHAT)
DECISIONS = Command("decisions", "besluiten", chats=ANY_CHAT)
PROPOSE = Command("propose", "voorstel")
CLOSE = Command("close", "sluit", chats=ANY_CHAT)
WITHDRAW = Command("withdraw", "intrekken", chats=ANY_CHAT)
CANCEL = Command("cancel", "annuleer")
SUBSTITUTE = Command("substitute", "vervanger")
MEETINGS = Command("meetings", "vergaderingen")
ATTENDANCE = Command("attendance", "aanwezigheid")
SEAT = Command("seat", "zetel", chats=ANY_CHAT)
BOARD = Command("board", "bestuur", chats=ANY_CHAT)
SETTINGS = Command("settings", "instellingen")
# for the secretary and the deputy secretary
INVITE = Command("invite", "uitnodigen", Group.SECRETARY)
LINK_GROUP = Command("linkgroup", "koppelgroep", Group.SECRETARY, GROUP_ONLY)
MEETING = Command("meeting", "vergadering", Group.SECRETARY)
PRESENT = Command("present", "aanwezig", Group.SECRETARY)
FOLLOW_UP = Command("followup", "opvolging", Group.SECRETARY, ANY_CHAT)
BROADCAST = Command("broadcast", "omroep", Group.SECRETARY)
REPORT = Command("report", "jaarverslag", Group.SECRETARY)

#: Every command the bot has, in the order of /help and the menus.
COMMANDS = (
    HELP,
    START,
    LANGUAGE,
    CLAUSE,
    SEARCH,
    PRIVACY,
    MY_DATA,
    FORGET_ME,
    MOTIONS,
    RESULT,
    DECISIONS,
    PROPOSE,
    CLOSE,
    WITHDRAW,
    CANCEL,
    SUBSTITUTE,
    MEETINGS,
    ATTENDANCE,
    SEAT,
    BOARD,
    SETTINGS,
    INVITE,
    LINK_GROUP,
    MEETING,
    PRESENT,
    FOLLOW_UP,
    BROADCAST,
    REPORT,
)


def menu(chat: Chat) -> list[Command]:
    """The command menu of ``chat``'s kind: every command that works there, for any role."""
    return [command for command in COMMANDS if chat in command.chats]


def usable(chat: Chat, *, secretary: bool) -> list[Command]:
    """The commands a person can use in ``chat``: the secretary's only for a secretary."""
    return [c for c in menu(chat) if secretary or c.group is not Group.SECRETARY]


def chat_of(update: Update) -> Chat:
    """The kind of chat the update came from (a channel counts as a group)."""
    chat = update.effective_chat
    return Chat.PRIVATE if chat is not None and chat.type == ChatType.PRIVATE else Chat.GROUP


def description(command: Command, t: Translator) -> str:
    descriptions = {
        "start": t.gettext("Start, or take your seat with an invite code"),
        "help": t.gettext("What I can do for you"),
        "seat": t.gettext("Your seat and what your ballot counts for"),
        "board": t.gettext("Who holds which seat, and which seats are vacant"),
        "language": t.gettext("Nederlands or English"),
        "invite": t.gettext("Invite a member to a vacant seat (secretary)"),
        "linkgroup": t.gettext("Link this group to your board (secretary or chair, in the group)"),
        "propose": t.gettext("Put a proposal to the board (the roles the board lets propose)"),
        "motions": t.gettext("Open proposals and your ballot"),
        "result": t.gettext("The result of proposal N, with the reasons"),
        "close": t.gettext("Close the vote on proposal N early (the roles the board lets close)"),
        "withdraw": t.gettext("Withdraw your proposal N before the close"),
        "decisions": t.gettext("The decision list, also as CSV or PDF"),
        "cancel": t.gettext(
            "Stop writing a proposal or a message to the board, or planning a meeting"
        ),
        "clause": t.gettext("An article of the agreement, e.g. /clause 3"),
        "search": t.gettext("Search the agreement, e.g. /search loonwaarde"),
        "broadcast": t.gettext("A message to every member of your board (secretary)"),
        "meeting": t.gettext("Schedule a board meeting with invitations (secretary)"),
        "attendance": t.gettext("Who comes to the next meetings"),
        "meetings": t.gettext("Upcoming meetings; the secretary can move or cancel them"),
        "report": t.gettext("The draft yearly report as PDF, e.g. /report 2026 (secretary)"),
        "substitute": t.gettext("Name a substitute for your seat at a meeting or on a proposal"),
        "present": t.gettext("Mark who is present at a meeting (secretary)"),
        "followup": t.gettext("Owner and review date of decision N (secretary)"),
        "privacy": t.gettext("What I store about you; get it or have it erased"),
        "settings": t.gettext("The board's settings; the quorum (chair or secretary)"),
        "mydata": t.gettext("Everything I store about you, as a file"),
        "forgetme": t.gettext("Erase your personal data"),
    }
    return descriptions[command.name]


def heading(group: Group, t: Translator) -> str:
    headings = {
        Group.EVERYONE: t.gettext("For everyone"),
        Group.MEMBERS: t.gettext("For members of a board"),
        Group.SECRETARY: t.gettext("For the secretary and the deputy secretary"),
    }
    return headings[group]


def render_help(t: Translator, *, secretary: bool, chat: Chat = Chat.PRIVATE) -> str:
    """/help: the commands this person can use in this kind of chat, by group, and that a
    question about the agreement can simply be typed (in a private chat)."""
    lines = [t.gettext("<b>What I can do</b>")]
    shown = usable(chat, secretary=secretary)
    for group in Group:
        listed = [c for c in shown if c.group is group]
        if not listed:
            continue
        lines += ["", f"<b>{esc(heading(group, t))}</b>"]
        lines += [f"/{c.shown_name(t.language)} - {esc(description(c, t))}" for c in listed]
    lines.append("")
    if chat is Chat.PRIVATE:
        lines.append(
            t.gettext(
                "You can also simply type a question about the agreement; I look up the "
                "answer in its articles."
            )
        )
    else:
        lines.append(
            t.gettext(
                "In a private chat with me there are more commands, and you can simply type "
                "a question about the agreement."
            )
        )
    if not secretary:
        lines.append(
            t.gettext("The secretary and the deputy secretary see their own commands here as well.")
        )
    return "\n".join(lines)


async def nothing_to_cancel(update: Update, context: WerkbotContext) -> None:
    """/cancel outside a proposal, broadcast or meeting being written (those take it first)."""
    await reply(
        update, context.t.gettext("There is nothing to cancel: you are not writing anything.")
    )
