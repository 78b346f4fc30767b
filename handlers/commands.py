"""The command list: canonical English names, Dutch aliases, menu descriptions per language."""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n import Translator


@dataclass(frozen=True)
class Command:
    name: str
    alias_nl: str | None
    secretary_only: bool = False

    @property
    def names(self) -> list[str]:
        return [self.name] + ([self.alias_nl] if self.alias_nl else [])

    def shown_name(self, language: str) -> str:
        return self.alias_nl if language == "nl" and self.alias_nl else self.name


START = Command("start", None)
HELP = Command("help", "hulp")
SEAT = Command("seat", "zetel")
BOARD = Command("board", "bestuur")
LANGUAGE = Command("language", "taal")
INVITE = Command("invite", "uitnodigen", secretary_only=True)
LINK_GROUP = Command("linkgroup", "koppelgroep", secretary_only=True)
PROPOSE = Command("propose", "voorstel")
MOTIONS = Command("motions", "voorstellen")
RESULT = Command("result", "uitslag")
CLOSE = Command("close", "sluit")
WITHDRAW = Command("withdraw", "intrekken")
DECISIONS = Command("decisions", "besluiten")
CANCEL = Command("cancel", "annuleer")
CLAUSE = Command("clause", "artikel")
SEARCH = Command("search", "zoek")
BROADCAST = Command("broadcast", "omroep", secretary_only=True)
MEETING = Command("meeting", "vergadering", secretary_only=True)
ATTENDANCE = Command("attendance", "aanwezigheid")
MEETINGS = Command("meetings", "vergaderingen")
REPORT = Command("report", "jaarverslag", secretary_only=True)
SUBSTITUTE = Command("substitute", "vervanger")
PRESENT = Command("present", "aanwezig", secretary_only=True)
FOLLOW_UP = Command("followup", "opvolging", secretary_only=True)
PRIVACY = Command("privacy", None)  # the same word in Dutch
MY_DATA = Command("mydata", "mijngegevens")
FORGET_ME = Command("forgetme", "vergeetmij")

MENU = (
    MOTIONS,
    RESULT,
    DECISIONS,
    PROPOSE,
    CLOSE,
    WITHDRAW,
    SUBSTITUTE,
    SEAT,
    BOARD,
    LANGUAGE,
    INVITE,
    BROADCAST,
    PRESENT,
    FOLLOW_UP,
    LINK_GROUP,
    PRIVACY,
    MY_DATA,
    FORGET_ME,
    HELP,
)


def description(command: Command, t: Translator) -> str:
    descriptions = {
        "start": t.gettext("Start, or take your seat with an invite code"),
        "help": t.gettext("What I can do for you"),
        "seat": t.gettext("Your seat and what your ballot counts for"),
        "board": t.gettext("Who holds which seat, and which seats are vacant"),
        "language": t.gettext("Nederlands or English"),
        "invite": t.gettext("Invite a member to a vacant seat (secretary)"),
        "linkgroup": t.gettext("Link this group to your board (secretary, in the group)"),
        "propose": t.gettext("Put a proposal to the board (chair, vice-chair, secretary)"),
        "motions": t.gettext("Open proposals and your ballot"),
        "result": t.gettext("The result of proposal N, with the reasons"),
        "close": t.gettext("Close the vote on proposal N (chair, secretary)"),
        "withdraw": t.gettext("Withdraw your proposal N before the close"),
        "decisions": t.gettext("The decision list, also as CSV or PDF"),
        "cancel": t.gettext("Stop writing a proposal"),
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
        "mydata": t.gettext("Everything I store about you, as a file"),
        "forgetme": t.gettext("Erase your personal data"),
    }
    return descriptions[command.name]


def render_help(t: Translator, *, secretary: bool) -> str:
    lines = [t.gettext("<b>What I can do</b>")]
    for command in MENU:
        if command.secretary_only and not secretary:
            continue
        lines.append(f"/{command.shown_name(t.language)} - {description(command, t)}")
    if not secretary:
        lines.append("")
        lines.append(
            t.gettext("Secretaries also have /{invite} and /{linkgroup}.").format(
                invite=INVITE.shown_name(t.language), linkgroup=LINK_GROUP.shown_name(t.language)
            )
        )
    return "\n".join(lines)
