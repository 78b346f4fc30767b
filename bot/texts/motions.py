"""Texts about motions: the ballot message, the live tally, the result, lists and reminders.

For a secret ballot no text pairs a person (or a seat) with a choice: only counts are shown.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_datetime

from bot.i18n import Translator, translator
from bot.services.motions import MotionView, SeatBallot
from bot.texts import clock
from bot.texts.agreement import BABEL_LOCALES
from bot.texts.html import esc
from rules.agreements.loader import shipped_agreements
from rules.decide import Choice, Outcome, Tally
from rules.explain import procedure_text, render_outcome, result_label, tally_text


def deadline_text(moment: datetime, t: Translator, zone: ZoneInfo | None = None) -> str:
    """Unambiguous: weekday, date, year and time, in the board's time zone."""
    return _deadline_text(moment, t.language, zone or clock.zone())


@functools.lru_cache(maxsize=1024)
def _deadline_text(moment: datetime, language: str, zone: ZoneInfo) -> str:
    # every ballot message shows its motion's deadline: formatted once per language
    t = translator(language)
    # Translators: a Babel date pattern: weekday, day, month, year and time ('at' is literal text).
    pattern = t.gettext("EEEE d MMMM y 'at' HH:mm")
    locale = BABEL_LOCALES.get(t.language, "en_GB")
    return format_datetime(moment.astimezone(zone), pattern, tzinfo=zone, locale=locale)


def choice_name(choice: Choice, t: Translator) -> str:
    """The button and display name: Voor / Tegen / Onthouding."""
    names = {
        Choice.FOR: t.gettext("For"),
        Choice.AGAINST: t.gettext("Against"),
        Choice.ABSTAIN: t.gettext("Abstain"),
    }
    return names[choice]


def motion_title(motion: MotionView, t: Translator) -> str:
    return t.gettext("Proposal {number}: {title}").format(number=motion.id, title=esc(motion.title))


def render_ballot(motion: MotionView, t: Translator, mine: Choice | None) -> str:
    """The message a member votes on: the proposal, the deadline, their current ballot."""
    lines = [f"<b>{motion_title(motion, t)}</b>", esc(motion.board.name), "", esc(motion.body), ""]
    lines += [esc(line) for line in procedure_lines(motion, t)]
    if motion.open:
        lines.append(
            t.gettext("Voting is open until {deadline}.").format(
                deadline=deadline_text(motion.deadline_at, t)
            )
        )
    if motion.secret:
        lines.append(
            t.gettext("Secret ballot: nobody sees how you voted; the bot stores it only to count.")
        )
    if mine is None:
        lines.append(
            t.gettext("You have not voted yet.") if motion.open else t.gettext("You did not vote.")
        )
    else:
        lines.append(t.gettext("Your ballot: <b>{choice}</b>.").format(choice=choice_name(mine, t)))
    if motion.open and mine is not None:
        lines.append(t.gettext("You can change it until the close."))
    if not motion.open:
        lines.append(status_line(motion, t))
    return "\n".join(lines)


def status_line(motion: MotionView, t: Translator) -> str:
    if motion.status == "withdrawn":
        return t.gettext("The proposer withdrew this proposal.")
    if motion.result is not None:
        return t.gettext("Voting is closed. Result: <b>{result}</b>.").format(
            result=result_label(motion.result, t)
        )
    return t.gettext("Voting is closed.")


def _counts(seats: Sequence[SeatBallot]) -> Tally:
    return Tally.of(s.choice for s in seats if s.choice is not None)


#: Tallies are edited in place, and an edit cannot be split: keep them under Telegram's 4096.
TALLY_LIMIT = 3800


def render_tally(motion: MotionView, t: Translator, *, fit: bool = True) -> str:
    """The live count per delegation; names only when the ballot is not secret.

    With ``fit`` (messages that are edited later) a tally that would not fit in one message
    (a very large board) leaves the names out and suggests ``/result N``, which may answer in
    several messages.
    """
    if motion.tally_hidden and motion.open:
        return _hidden_tally(motion, t)
    text = _tally(motion, t, names=not motion.secret)
    if fit and not motion.secret and len(text) > TALLY_LIMIT:
        text = (
            _tally(motion, t, names=False)
            + "\n"
            + t.gettext(
                "Too many seats to name them all here: send /result {number} for the full list."
            ).format(number=motion.id)
        )
    return text


def _hidden_tally(motion: MotionView, t: Translator) -> str:
    """Until the close: only how many have voted, so nobody follows the crowd."""
    return "\n".join(
        [
            f"<b>{motion_title(motion, t)}</b>",
            t.ngettext(
                "{voted} of {total} voting seats has voted.",
                "{voted} of {total} voting seats have voted.",
                motion.voted,
            ).format(voted=motion.voted, total=len(motion.seats)),
            t.gettext("The tally stays hidden until the close."),
            "",
            t.gettext("Voting is open until {deadline}.").format(
                deadline=deadline_text(motion.deadline_at, t)
            ),
        ]
    )


def _tally(motion: MotionView, t: Translator, *, names: bool) -> str:
    agreement = shipped_agreements().get(motion.board.agreement_id)
    total = len(motion.seats)
    lines = [
        f"<b>{motion_title(motion, t)}</b>",
        t.ngettext(
            "{voted} of {total} voting seats has voted.",
            "{voted} of {total} voting seats have voted.",
            motion.voted,
        ).format(voted=motion.voted, total=total),
    ]
    if motion.secret:  # per delegation would name the seat of a one-seat delegation (UWV)
        overall = _counts(motion.seats)
        lines.append("\n" + tally_text(overall, t))
    delegations = dict.fromkeys(s.delegation for s in motion.seats) if not motion.secret else {}
    for delegation in delegations:
        seats = [s for s in motion.seats if s.delegation == delegation]
        name = (
            agreement.delegation(delegation).name.get(t.language)
            if agreement and delegation
            else "-"
        )
        tally = _counts(seats)
        counts = tally_text(tally, t)
        lines.append(f"\n<b>{esc(name[:1].upper() + name[1:])}</b>: {counts}")
        if names:
            for seat in seats:
                who = _who(seat, t)
                choice = choice_name(seat.choice, t) if seat.choice else t.gettext("not voted")
                lines.append(f"  {esc(seat.label(t.language))} ({who}): {choice}")
    if motion.secret:
        lines.append("\n" + t.gettext("Secret ballot: only the counts are shown."))
    lines.append("")
    lines.append(
        t.gettext("Voting is open until {deadline}.").format(
            deadline=deadline_text(motion.deadline_at, t)
        )
        if motion.open
        else status_line(motion, t)
    )
    return "\n".join(lines)


def _who(seat: SeatBallot, t: Translator) -> str:
    """Who a named tally shows beside a seat: the ballot's caster when it has one (not whoever
    holds the seat now), else the holder."""
    if seat.choice is not None:
        if seat.caster is None:
            return "<i>" + t.gettext("a former member") + "</i>"
        return esc(seat.caster)
    return esc(seat.holder) if seat.holder else "<i>" + t.gettext("vacant") + "</i>"


def outcome_sentences(
    motion: MotionView,
    outcome: Outcome,
    t: Translator,
    substitutes: Sequence[tuple[str, str, str]] = (),
) -> list[str]:
    """The result and its reasons as plain sentences (the result first), grounded in the
    agreement; who was absent and who voted as a substitute (``substitutes``: seat label nl,
    seat label en, substitute's name). For the result message and the decision list alike.

    For a secret ballot only counts: no seat named as absent, no substitute named (either
    says who took part, and with few ballots what they chose)."""
    agreement = shipped_agreements()[motion.board.agreement_id]
    labels = None if motion.secret else {seat.key: seat.label(t.language) for seat in motion.seats}
    sentences = render_outcome(outcome, agreement, t, secret=motion.secret, seat_labels=labels)
    if not motion.secret:
        sentences += [
            t.gettext("{name} voted as substitute for the seat {seat}.").format(
                name=name, seat=label_en if t.language == "en" else label_nl
            )
            for label_nl, label_en, name in substitutes
        ]
    return sentences


def render_result(
    motion: MotionView,
    outcome: Outcome,
    t: Translator,
    substitutes: Sequence[tuple[str, str, str]] = (),
    anchor: str | None = None,
) -> str:
    """The result message: :func:`outcome_sentences` under the proposal's title; last, the
    audit chain's ``anchor`` at that moment (``werkbot audit verify --anchor`` checks it)."""
    sentences = outcome_sentences(motion, outcome, t, substitutes)
    lines = [
        f"<b>{motion_title(motion, t)}</b>",
        esc(motion.board.name),
        "",
        f"<b>{esc(sentences[0])}</b>",
        *(esc(s) for s in sentences[1:]),
    ]
    if anchor is not None:
        lines += ["", "<i>" + esc(anchor_line(anchor, t)) + "</i>"]
    return "\n".join(lines)


def anchor_line(anchor: str, t: Translator) -> str:
    """ "Controlegetal: 3f9a1c2e5b7d9012@57": the audit chain's tip, on everything sent out."""
    return t.gettext("Audit check number: {anchor}").format(anchor=anchor)


def render_reminder(motion: MotionView, t: Translator) -> str:
    return t.gettext(
        "Reminder: you have not voted yet on proposal {number} ({title}). Voting closes {deadline}."
    ).format(
        number=motion.id, title=esc(motion.title), deadline=deadline_text(motion.deadline_at, t)
    )


def render_motion_list(motions: Sequence[tuple[MotionView, bool, int]], t: Translator) -> str:
    """Open proposals (each with whether the reader votes on it, and the reader's id), each
    with the ballot the reader cast: never a ballot someone else cast for a seat the reader
    holds now. One who votes for no seat on it and cast nothing (a secretary, a seat given to
    a substitute) is told so, not "not voted"."""
    if not motions:
        return t.gettext("There are no open proposals on your boards.")
    lines = ["<b>" + t.gettext("Open proposals") + "</b>"]
    for motion, votes, reader in motions:
        fields = {
            "number": motion.id,
            "title": esc(motion.title),
            "board": esc(motion.board.name),
            "deadline": deadline_text(motion.deadline_at, t),
        }
        mine = motion.cast_by(reader)
        if not votes and mine is None:
            line = t.gettext("{number}. {title} ({board}), until {deadline}; you do not vote on it")
        else:
            fields["ballot"] = choice_name(mine, t) if mine else t.gettext("not voted")
            line = t.gettext("{number}. {title} ({board}), until {deadline}; your ballot: {ballot}")
        lines.append(line.format(**fields))
    lines.append("")
    lines.append(t.gettext("Send /result N for the state of proposal N."))
    return "\n".join(lines)


def render_summary(
    board: str,
    title: str,
    body: str,
    deadline: datetime,
    secret: bool,
    t: Translator,
    *,
    hidden: bool = False,
) -> str:
    """The draft a proposer confirms."""
    kind = t.gettext("secret ballot") if secret else t.gettext("named ballot")
    tally = t.gettext("hidden until the close") if hidden else t.gettext("live")
    return "\n".join(
        [
            t.gettext("<b>Your proposal</b> for the {board}:").format(board=esc(board)),
            "",
            f"<b>{esc(title)}</b>",
            esc(body),
            "",
            t.gettext("Deadline: {deadline}").format(deadline=deadline_text(deadline, t)),
            t.gettext("Ballot: {kind}").format(kind=kind),
            t.gettext("Tally: {tally}").format(tally=tally),
            "",
            t.gettext("Put it to the board?"),
        ]
    )


def procedure_lines(motion: MotionView, t: Translator) -> list[str]:
    """Which procedure decides the motion: its subject (when the agreement has subjects), the
    rule with its article, and a re-vote after a tie or an adjourned meeting."""
    agreement = shipped_agreements()[motion.board.agreement_id]
    in_meeting = motion.meeting_id is not None or agreement.outside_meeting is None
    procedure = agreement.procedure_for(motion.subject, in_meeting=in_meeting)
    lines = []
    if motion.subject is not None:
        name = agreement.subject(motion.subject).name.get(t.language)
        lines.append(t.gettext("Subject: {subject}").format(subject=name))
    lines.append(procedure_text(procedure, agreement, t))
    if motion.deferred_from is not None:
        lines.append(
            t.gettext("Carried over from proposal {number}.").format(number=motion.deferred_from)
        )
    return lines


def deferral_line(number: int | None, when: datetime | None, t: Translator) -> str:
    """Where a deferred motion went: the next meeting's agenda, or nowhere yet."""
    if number is None or when is None:
        return t.gettext(
            "No next meeting is planned yet: put the proposal to the board again at the next one."
        )
    return t.gettext(
        "It is on the agenda of the meeting of {when} as proposal {number}; the ballots have been sent."
    ).format(when=deadline_text(when, t), number=number)
