"""What the bot says about a board's group: who is in it, who joined, that it was unlinked."""

from __future__ import annotations

from collections.abc import Sequence

from babel.lists import format_list

from bot.i18n import Translator
from bot.services.views import BoardRef
from bot.texts.html import esc


def render_composition(
    board: BoardRef,
    outsiders: Sequence[str],
    unseen: int | None,
    on_board: int | None,
    t: Translator,
) -> str:
    """After /linkgroup: linked, and who in the group is not on the board (by name where the
    bot can see them, otherwise how many), since everyone here reads results and tallies."""
    lines = [
        t.gettext(
            "This group is now linked to the {board}. Announcements for the board will appear here."
        ).format(board=esc(board.name))
    ]
    if unseen is None or on_board is None:
        lines.append(
            t.gettext(
                "I could not see who is in this group. Everyone in it reads the board's results and named tallies: check the member list yourself."
            )
        )
        return "\n\n".join(lines)
    lines.append(
        t.ngettext(
            "{n} board member is in this group.", "{n} board members are in this group.", on_board
        ).format(n=on_board)
    )
    if outsiders:
        names = format_list([esc(name) for name in outsiders], locale=t.language)
        lines.append(t.gettext("Not on the board: {names}.").format(names=names))
    if unseen:
        lines.append(
            t.ngettext(
                "{n} more person in this group is not on the board (Telegram shows a bot only the administrators by name).",
                "{n} more people in this group are not on the board (Telegram shows a bot only the administrators by name).",
                unseen,
            ).format(n=unseen)
        )
    if outsiders or unseen:
        lines.append(
            t.gettext(
                "Everyone in this group reads the board's results and named tallies. Remove who should not, or use a group of board members only."
            )
        )
    else:
        lines.append(t.gettext("Nobody else is in this group."))
    return "\n\n".join(lines)


def render_newcomers(board: BoardRef, names: Sequence[str], t: Translator) -> str:
    listed = format_list([esc(name) for name in names], locale=t.language)
    return t.ngettext(
        "{names} holds no seat on the {board}, but reads its results and named tallies in this group from now on. The secretary can remove them if that is not meant.",
        "{names} hold no seat on the {board}, but read its results and named tallies in this group from now on. The secretary can remove them if that is not meant.",
        len(names),
    ).format(names=listed, board=esc(board.name))


def render_unlinked(board: BoardRef, t: Translator) -> str:
    return t.gettext(
        "I am no longer in the Telegram group of the {board}, so it is no longer linked: results go to the members privately. To link a group again, add me to it and send /linkgroup there."
    ).format(board=esc(board.name))
