"""The ``werkbot`` command line."""

from __future__ import annotations

import argparse
import html
import os
import re
import select
import sys
from collections.abc import Callable, Sequence
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.cli_agreements import add_agreement_tools
from bot.i18n import LANGUAGES, environment_language, translator

# The commands import what they need when they run: ``werkbot --help`` and ``werkbot ask`` must not
# pay for SQLAlchemy, Alembic, the PDF library and the clause index (see bench/cold_start.py).
if TYPE_CHECKING:
    from collections.abc import Awaitable

    from bot.db.engine import Database
    from bot.i18n import Translator
    from bot.settings import Settings
    from rules.agreements.model import Agreement
    from rules.decide import Ballot

EXIT_USAGE = 2
#: The reader of our output went away (`werkbot ... | head`), as a shell reports SIGPIPE.
EXIT_BROKEN_PIPE = 141


def _language(args: argparse.Namespace) -> Translator:
    return translator(args.lang or environment_language())


def cmd_agreements_list(args: argparse.Namespace) -> int:
    from rules.agreements.loader import shipped_agreements

    t = _language(args)
    for agreement in shipped_agreements().values():
        print(f"{agreement.id:26} {agreement.title.get(t.language)}")
    return 0


def _find_agreement(agreement_id: str, t: Translator) -> Agreement | None:
    """A shipped agreement, or None after telling the user which ones exist."""
    from rules.agreements.loader import shipped_agreements

    agreement = shipped_agreements().get(agreement_id)
    if agreement is None:
        message = t.gettext('Unknown agreement "{id}". Known agreements: {known}.')
        print(
            message.format(id=agreement_id, known=", ".join(shipped_agreements())), file=sys.stderr
        )
    return agreement


def cmd_agreements_show(args: argparse.Namespace) -> int:
    from bot.texts.agreement import find_clauses, render_agreement, render_clause

    t = _language(args)
    agreement = _find_agreement(args.id, t)
    if agreement is None:
        return EXIT_USAGE
    if args.clause is not None:
        found = find_clauses(agreement, args.clause)
        if not found:
            refs = ", ".join(dict.fromkeys(c.number or c.id for c in agreement.clauses))
            print(
                t.gettext(
                    "No article “{ref}” in {agreement}. Give one of these numbers or ids: {refs}."
                ).format(
                    ref=args.clause.strip(),
                    agreement=agreement.short_title.get(t.language),
                    refs=refs,
                ),
                file=sys.stderr,
            )
            return EXIT_USAGE
        print("\n\n".join(_plain(render_clause(agreement, clause, t)) for clause in found))
        return 0
    print(render_agreement(agreement, t, date.today()))
    if args.full:
        for clause in agreement.clauses:
            print("\n" + _plain(render_clause(agreement, clause, t)))
    return 0


def cmd_agreements_validate(args: argparse.Namespace) -> int:
    from rules.agreements.loader import AgreementError, load_agreement_file

    t = _language(args)
    try:
        agreement = load_agreement_file(Path(args.file))
    except AgreementError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    seats = len(agreement.expand_seats())
    print(
        t.gettext("{file}: valid ({id}: {seats}, {clauses}).").format(
            file=args.file,
            id=agreement.id,
            seats=t.ngettext("{count} seat", "{count} seats", seats).format(count=seats),
            clauses=t.ngettext("{count} clause", "{count} clauses", len(agreement.clauses)).format(
                count=len(agreement.clauses)
            ),
        )
    )
    return 0


def _parse_ballots(items: Sequence[str], t: Translator) -> list[Ballot]:
    from rules.decide import Ballot, Choice

    choices = {
        "for": Choice.FOR,
        "voor": Choice.FOR,
        "against": Choice.AGAINST,
        "tegen": Choice.AGAINST,
        "abstain": Choice.ABSTAIN,
        "onthouding": Choice.ABSTAIN,
    }
    ballots: list[Ballot] = []
    for item in items:
        seat, _, choice = item.partition("=")
        if choice.lower() not in choices:
            raise ValueError(
                t.gettext(
                    'Ballot "{item}" is not SEAT=for, SEAT=against or SEAT=abstain (or voor, tegen, onthouding).'
                ).format(item=item)
            )
        if any(b.seat == seat for b in ballots):
            raise ValueError(t.gettext("Seat {seat} has more than one ballot.").format(seat=seat))
        ballots.append(Ballot(seat, choices[choice.lower()]))
    return ballots


def cmd_agreements_decide(args: argparse.Namespace) -> int:
    from rules.decide import decide
    from rules.explain import render_outcome

    t = _language(args)
    agreement = _find_agreement(args.id, t)
    if agreement is None:
        return EXIT_USAGE
    seats = agreement.expand_seats()
    known_seats = {s.id for s in seats}
    try:
        ballots = _parse_ballots(args.ballots, t)
        unknown = [b.seat for b in ballots if b.seat not in known_seats] + [
            s
            for s in (args.present or []) + ([args.vice_chair] if args.vice_chair else [])
            if s not in known_seats
        ]
        if unknown:
            raise ValueError(
                t.gettext("Unknown seat(s): {seats}. Seats: {known}.").format(
                    seats=", ".join(unknown), known=", ".join(sorted(known_seats))
                )
            )
        outcome = decide(
            agreement.procedure, seats, ballots, attendance=args.present, vice_chair=args.vice_chair
        )
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    print("\n".join(render_outcome(outcome, agreement, t)))
    return 0


def _settings() -> Settings:
    from bot.settings import SettingsError, load_settings
    from bot.texts import clock

    try:
        settings = load_settings()
        clock.set_zone(settings.zone)
        return settings
    except SettingsError as exc:
        print(f"werkbot: {exc}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE) from None


def _with_database(
    args: argparse.Namespace,
    work: Callable[[Database, Translator, Settings], Awaitable[int]],
    *,
    check: bool = True,
    create: bool = False,
    url: str | None = None,
) -> int:
    """Run ``work`` on the configured database (or ``url``); refusals and an old schema become
    one line.

    Only ``create`` (``db upgrade``, ``setup``) may make a new SQLite file: any other command
    run where there is no database (another folder, a mistyped DATABASE_URL) says so and
    leaves no empty file behind."""
    import asyncio

    from bot.db.engine import Database, is_database_error
    from bot.db.schema import SchemaOutOfDate, ensure_current
    from bot.logs import describe_database_error
    from bot.services.errors import ServiceError
    from bot.texts.refusals import render_admin_refusal

    settings = _settings()
    t = _language(args)
    missing = missing_sqlite_file(url or settings.database_url)
    if missing is not None and not create:
        print(
            t.gettext(
                "werkbot: there is no database at {path} (DATABASE_URL). Run werkbot in the "
                "folder that holds its .env file, set DATABASE_URL, or create the database "
                "with: werkbot db upgrade"
            ).format(path=missing),
            file=sys.stderr,
        )
        return EXIT_USAGE

    async def run() -> int:
        db = Database.from_url(url or settings.database_url)
        try:
            if check:
                await ensure_current(db)
            return await work(db, t, settings)
        except SchemaOutOfDate as exc:
            print(f"werkbot: {exc}", file=sys.stderr)
            return EXIT_USAGE
        except ServiceError as exc:
            print(_plain(render_admin_refusal(exc, t)), file=sys.stderr)
            return 1
        except Exception as exc:  # one line, not a traceback that quotes rows
            if not is_database_error(exc):
                raise
            print(
                t.gettext("werkbot: the database failed ({error}); nothing was changed.").format(
                    error=describe_database_error(exc)
                ),
                file=sys.stderr,
            )
            return 1
        finally:
            await db.dispose()

    return asyncio.run(run())


def missing_sqlite_file(url: str) -> Path | None:
    """The absolute path of a SQLite database file that does not exist, else None (it exists,
    it is in memory, or the database is PostgreSQL)."""
    from sqlalchemy.engine import make_url

    parsed = make_url(url)
    name = parsed.database
    if parsed.get_backend_name() != "sqlite" or name is None or name in ("", ":memory:"):
        return None
    path = Path(name).absolute()
    return None if path.exists() else path


def _plain(html_text: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", html_text))


async def upgrade_and_tell(db: Database, t: Translator) -> None:
    """Bring the schema to the newest revision and say what that did."""
    from bot.db.schema import current_revision, head_revision, upgrade_engine

    before = await current_revision(db)
    await upgrade_engine(db.engine)
    head = head_revision()
    if before is None:
        message = t.gettext("Created the database's tables (revision {revision}).")
    elif before == head:
        message = t.gettext("The database is already up to date (revision {revision}).")
    else:
        message = t.gettext("Upgraded the database from revision {old} to {revision}.")
    print(message.format(revision=head, old=before))


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    """Migrate with its own role: --database-url, else MIGRATION_DATABASE_URL, else DATABASE_URL."""
    from bot.settings import Settings as Checked

    url = args.database_url or _settings().migration_database_url
    if args.database_url:
        try:  # the same check as the settings' URLs
            url = Checked(database_url=args.database_url).database_url
        except ValueError:
            print(
                _language(args).gettext(
                    "werkbot: --database-url takes sqlite+aiosqlite:///FILE or "
                    "postgresql+asyncpg://USER@HOST/DB."
                ),
                file=sys.stderr,
            )
            return EXIT_USAGE

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        await upgrade_and_tell(db, t)
        return 0

    return _with_database(args, work, check=False, create=True, url=url)


def _counts(items: Sequence[str] | None) -> dict[str, int]:
    counts = {}
    for item in items or []:
        kind, _, number = item.partition("=")
        if not number.isdigit():
            raise SystemExit(
                f"werkbot: --seats wants KIND=NUMBER, e.g. werkgevers=5 (got {item!r})"
            )
        counts[kind] = int(number)
    return counts


def _warn_if_ended(agreement_id: str, t: Translator) -> None:
    """Tell the administrator when the board's agreement is no longer in force."""
    from rules.agreements.loader import shipped_agreements

    last = shipped_agreements()[agreement_id].valid_until
    if last is not None and last < date.today():
        from bot.texts.agreement import long_date

        print(
            t.gettext(
                "Warning: the agreement {id} ended on {date}. The board works under its rules, "
                "but it asks no report and no meeting rhythm after that day; check that this "
                "is the agreement the board works under now."
            ).format(id=agreement_id, date=long_date(last, t)),
            file=sys.stderr,
        )


def cmd_board_create(args: argparse.Namespace) -> int:
    from bot.services import boards

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.create_board(db, args.agreement, args.name, counts=_counts(args.seats))
        overview = await boards.overview(db, board.id)
        print(
            t.ngettext(
                "Board {id} created: {name} ({count} seat).",
                "Board {id} created: {name} ({count} seats).",
                len(overview.seats),
            ).format(id=board.id, name=board.name, count=len(overview.seats))
        )
        _warn_if_ended(args.agreement, t)
        return 0

    return _with_database(args, work)


def cmd_board_list(args: argparse.Namespace) -> int:
    from bot.services import boards

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        found = await boards.list_boards(db)
        if not found:
            print(t.gettext("No boards yet. Create one: werkbot board create --agreement ID"))
        for board in found:
            print(f"{board.id:4}  {board.name}  [{board.agreement_id}]")
        return 0

    return _with_database(args, work)


def cmd_board_show(args: argparse.Namespace) -> int:
    from bot.services import boards

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        overview = await boards.overview(db, board.id)
        print(f"{board.name}  [{board.agreement_id}]")
        for seat in overview.seats:
            holder = seat.holder or "-"
            print(f"  {seat.key:28} {seat.label(t.language):45} {holder}")
        return 0

    return _with_database(args, work)


#: The longest an invite may stay valid, in days (as INVITE_VALID_DAYS).
MAX_INVITE_DAYS = 365


async def print_invite(
    db: Database, t: Translator, settings: Settings, board_id: int, seat: str, days: int
) -> int:
    """A new invite for the seat, printed as its link and code; refused (exit 2) while the
    bot's username is unknown, before any invite is made."""
    from bot.services import identity, invites
    from bot.texts.board import when

    username = settings.bot_username or await identity.username(db)
    if username is None:
        print(
            t.gettext(
                "werkbot does not know its bot's Telegram username yet, so it cannot make the "
                "link. Run werkbot setup, start the bot once (werkbot run), or set BOT_USERNAME."
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE
    code = await invites.create_invite(
        db, board_id, seat, created_by=None, valid_for=timedelta(days=days)
    )
    print(f"https://t.me/{username}?start={code.code}")
    print(
        t.gettext("Code: {code} (valid until {date})").format(
            code=code.code, date=when(code.expires_at, t)
        )
    )
    return 0


def cmd_invite(args: argparse.Namespace) -> int:
    from bot.services import boards

    t = _language(args)
    if args.days is not None and not 1 <= args.days <= MAX_INVITE_DAYS:
        print(
            t.gettext("werkbot: --days takes a number of days from 1 to {most}.").format(
                most=MAX_INVITE_DAYS
            ),
            file=sys.stderr,
        )
        return EXIT_USAGE

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        days = args.days if args.days is not None else settings.invite_valid_days
        return await print_invite(db, t, settings, board.id, args.seat, days)

    return _with_database(args, work)


def cmd_secretary(args: argparse.Namespace) -> int:
    from bot.i18n import translator
    from bot.services import boards, outbox, people
    from bot.services.views import HeldSeat, PersonView
    from bot.texts.board import render_appointed, render_replaced

    def tell(held: HeldSeat, previous: PersonView | None, new: PersonView) -> list[outbox.Outgoing]:
        told = []
        stamp = f"{held.board.id}:{held.seat.key}:{held.since.isoformat()}"
        if new.telegram_user_id is not None:
            text = render_appointed(held, translator(new.language))
            told.append(
                outbox.Outgoing(f"appointed:{stamp}", new.telegram_user_id, text, person_id=new.id)
            )
        if previous is not None and previous.telegram_user_id is not None:
            text = render_replaced(held, new.name, translator(previous.language))
            told.append(
                outbox.Outgoing(
                    f"replaced:{stamp}", previous.telegram_user_id, text, person_id=previous.id
                )
            )
        return told

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        person = await people.find_person(db, args.person, settings.default_language)
        seat = await boards.secretary_seat_key(db, board.id)
        current = await boards.holder(db, board.id, seat, settings.default_language)
        if current is not None and current.id == person.id:
            print(
                t.gettext("{person} is already secretary of the {board}.").format(
                    person=person.name, board=board.name
                )
            )
            return 0
        if (
            current is not None
            and not args.replace
            and not _confirmed(
                t.gettext(
                    "{old} is secretary of the {board} now. Make {new} secretary in their place?"
                ).format(old=current.name, new=person.name, board=board.name),
                t,
            )
        ):
            print(
                t.gettext(
                    "Nothing changed: {old} stays secretary. To replace them, confirm or add "
                    "--replace."
                ).format(old=current.name),
                file=sys.stderr,
            )
            return 1
        held = await boards.assign(
            db, board.id, seat, person.id, tell=tell, default_language=settings.default_language
        )
        print(
            t.gettext("{person} is now secretary of the {board}.").format(
                person=person.name, board=held.board.name
            )
        )
        if current is not None:
            print(
                t.gettext(
                    "{old} and {new} get a message from the bot about it once it runs."
                ).format(old=current.name, new=person.name)
            )
        return 0

    return _with_database(args, work)


def _confirmed(question: str, t: Translator) -> bool:
    """Ask a yes/no question at the terminal; without one (a script, a pipe) the answer is no."""
    if not sys.stdin.isatty():
        return False
    # Translators: the letters that answer yes, in lower case, separated by commas
    yes = t.gettext("y,yes").split(",")
    answer = input(question + " " + t.gettext("[y/N] "))
    return answer.strip().lower() in yes


def _numbers(text: str | None) -> list[int] | None:
    if text is None:
        return None
    try:
        return [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise SystemExit(
            f"werkbot: expected minutes separated by commas, e.g. 1440,60 (got {text!r})"
        ) from None


def cmd_board_settings(args: argparse.Namespace) -> int:
    from bot.services import boards
    from rules.explain import quorum_text

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        proposers = args.proposers.split(",") if args.proposers else None
        closers = args.closers.split(",") if args.closers else None
        current = await boards.settings_of(
            db,
            board.id,
            proposers=proposers,
            closers=closers,
            vote_reminders=_numbers(args.vote_reminders),
            meeting_reminders=_numbers(args.meeting_reminders),
            quorum=args.quorum,
            substitutes=args.substitutes,
        )
        print(t.gettext("Who may propose: {roles}").format(roles=", ".join(current.proposer_roles)))
        print(
            t.gettext("Who may close a vote: {roles}").format(roles=", ".join(current.closer_roles))
        )
        print(
            t.gettext("Vote reminders, minutes before the deadline: {minutes}").format(
                minutes=", ".join(str(m) for m in current.vote_reminder_minutes)
            )
        )
        print(
            t.gettext("Meeting reminders, minutes before the meeting: {minutes}").format(
                minutes=", ".join(str(m) for m in current.meeting_reminder_minutes)
            )
        )
        print(t.gettext("Quorum: {quorum}").format(quorum=quorum_text(current.quorum, t)))
        seats = current.substitute_seats
        print(
            t.gettext("Substitutes allowed for: {seats}").format(
                seats=t.gettext("every voting seat")
                if seats is None
                else (", ".join(seats) or t.gettext("no seat"))
            )
        )
        return 0

    return _with_database(args, work)


def cmd_vice_chair(args: argparse.Namespace) -> int:
    from bot.services import boards, motions

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        await motions.set_vice_chair(db, board.id, None if args.seat == "-" else args.seat)
        if args.seat == "-":
            print(t.gettext("The {board} has no vice-chair now.").format(board=board.name))
        else:
            print(
                t.gettext("Seat {seat} is now vice-chair of the {board}.").format(
                    seat=args.seat, board=board.name
                )
            )
        return 0

    return _with_database(args, work)


def cmd_decisions(args: argparse.Namespace) -> int:
    import asyncio

    from bot.services import boards
    from bot.services.decisions import decision_file

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        name, content, count = await decision_file(db, board.id, args.format, t)
        target = Path(args.output or name)
        await asyncio.to_thread(target.write_bytes, content)
        print(
            t.ngettext(
                "{count} decision written to {file}.",
                "{count} decisions written to {file}.",
                count,
            ).format(count=count, file=target)
        )
        return 0

    return _with_database(args, work)


def cmd_calendar(args: argparse.Namespace) -> int:
    import asyncio

    from bot.services import boards, meetings
    from bot.texts.decisions import slug

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        found = await meetings.of_board(db, board.id)
        # a board's name is data: only a safe name of it (no "../", no "/") becomes a file name
        target = Path(args.output or f"{slug(board.name) or 'board'}.ics")
        await asyncio.to_thread(target.write_bytes, meetings.board_calendar(found))
        print(
            t.ngettext(
                "{count} meeting written to {file}.",
                "{count} meetings written to {file}.",
                len(found),
            ).format(count=len(found), file=target)
        )
        return 0

    return _with_database(args, work)


def cmd_report(args: argparse.Namespace) -> int:
    import asyncio

    from bot.db.models import utcnow
    from bot.services import boards, yearly
    from bot.texts.report import report_pdf

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        report = await yearly.year_report(db, board.id, args.year, t)
        target = Path(args.output or t.gettext("yearly-report") + f"-{args.year}-{board.id}.pdf")
        await asyncio.to_thread(target.write_bytes, report_pdf(report, t, utcnow()))
        print(t.gettext("The draft yearly report is written to {file}.").format(file=target))
        return 0

    return _with_database(args, work)


def _anchor_claims(args: argparse.Namespace, t: Translator) -> list[Any] | None:
    """The anchors of ``--anchor`` and ``--anchors FILE``; None (after saying why) if one is
    not an anchor or the file cannot be read."""
    from bot.services.audit import find_anchors

    claims = []
    for given in args.anchor or []:
        found = find_anchors(given)
        if len(found) != 1 or found[0].text != given.strip():
            print(
                t.gettext(
                    'werkbot: "{anchor}" is not an anchor. An anchor is HASH@NUMBER, with at '
                    "least 8 characters of the hash, e.g. 3f9a1c2e5b7d9012@57."
                ).format(anchor=given),
                file=sys.stderr,
            )
            return None
        claims += found
    if args.anchors:
        try:
            content = Path(args.anchors).read_text(encoding="utf-8", errors="replace")
        except OSError as exc:
            print(
                t.gettext("werkbot: cannot read {file}: {reason}").format(
                    file=args.anchors, reason=exc.strerror or exc
                ),
                file=sys.stderr,
            )
            return None
        from_file = find_anchors(content)
        if not from_file:
            print(
                t.gettext("werkbot: {file} holds no anchor (HASH@NUMBER).").format(
                    file=args.anchors
                ),
                file=sys.stderr,
            )
            return None
        claims += from_file
    return claims


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from bot.services import boards
    from bot.services.verify import verify_board

    t = _language(args)
    claims = _anchor_claims(args, t)
    if claims is None:
        return EXIT_USAGE

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        board = await boards.find_board(db, args.board)
        report = await verify_board(db, board.id, t, claims)
        for problem in report.problems:
            print(t.gettext("BROKEN: {problem}").format(problem=problem))
        summary = t.gettext(
            "Checked for the {board}: audit events {events}; ballots {ballots}; "
            "closed outcomes {outcomes}."
        ).format(
            events=report.events, ballots=report.ballots, outcomes=report.outcomes, board=board.name
        )
        print(summary)
        if claims:
            print(
                t.ngettext(
                    "Anchors checked: {count}.", "Anchors checked: {count}.", len(claims)
                ).format(count=len(claims))
            )
        if report.partly_checked:
            print(
                t.ngettext(
                    "{count} event was written before events carried everything checked now "
                    "(a title's hash, a ballot's caster, a close time): checked on what it holds.",
                    "{count} events were written before events carried everything checked now "
                    "(a title's hash, a ballot's caster, a close time): checked on what they hold.",
                    report.partly_checked,
                ).format(count=report.partly_checked)
            )
        print(t.gettext("The chain's tip now: {anchor}").format(anchor=report.tip.full))
        print(
            t.gettext("Everything matches.")
            if report.intact
            else t.gettext("The records do not match: see above.")
        )
        return 0 if report.intact else 1

    return _with_database(args, work)


def cmd_db_prune(args: argparse.Namespace) -> int:
    """Delete what is kept only to run the bot, once older than RETENTION_DAYS (or --days)."""
    from bot.services import privacy

    async def work(db: Database, t: Translator, settings: Settings) -> int:
        days = args.days if args.days is not None else settings.retention_days
        counts = await privacy.prune(db, older_than_days=days)
        updates, inbox = counts["processed_updates"], counts["inbox_updates"]
        invites, stale = counts["invites"], counts["conversation_states"]
        parts = (
            (t.ngettext("{count} update record", "{count} update records", updates), updates),
            (t.ngettext("{count} inbox update", "{count} inbox updates", inbox), inbox),
            (t.ngettext("{count} invite", "{count} invites", invites), invites),
            (t.ngettext("{count} stale conversation", "{count} stale conversations", stale), stale),
        )
        removed = [text.format(count=count) for text, count in parts]
        print(
            t.ngettext(
                "Removed, older than {days} day: {removed}.",
                "Removed, older than {days} days: {removed}.",
                days,
            ).format(days=days, removed=", ".join(removed))
        )
        return 0

    return _with_database(args, work)


def cmd_ask(args: argparse.Namespace) -> int:
    """The bot's answer to a question, as plain text (for scripting and checking)."""
    from bot.ask.answer import answer
    from bot.ask.lines import unmarked
    from bot.ask.shipped import shipped_index
    from rules.agreements.loader import shipped_agreements

    t = _language(args)
    agreements = list(shipped_agreements().values())
    if args.agreement:
        found = _find_agreement(args.agreement, t)
        if found is None:
            return EXIT_USAGE
        agreements = [found]
    if not args.lang:  # answered in the language asked, unless told otherwise
        from bot.ask.text import question_language

        t = translator(question_language(args.question, t.language))
    # the index is built only if the structured data does not answer the question
    result = answer(args.question, agreements, shipped_index, t, date.today())
    print("\n".join(unmarked(line) for line in result.lines))
    # 1: the agreement does not say ("nothing matches", the line that comes closest, or an
    # answer from its data that it is silent on the matter: "names no end date")
    return 1 if result.refused else 0


def add_admin_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser], lang: argparse.ArgumentParser
) -> None:
    """db, board, invite and secretary: the administrator's commands."""
    database = commands.add_parser("db", help="the database").add_subparsers(
        dest="action", required=True
    )
    upgrade = database.add_parser("upgrade", parents=[lang], help="apply the migrations")
    upgrade.add_argument(
        "--database-url",
        help="the migration role's database URL (default: MIGRATION_DATABASE_URL, DATABASE_URL)",
    )
    upgrade.set_defaults(func=cmd_db_upgrade)
    prune = database.add_parser(
        "prune", parents=[lang], help="delete old update records, invites and inbox rows"
    )
    prune.add_argument("--days", type=int, help="older than this (default: RETENTION_DAYS, 90)")
    prune.set_defaults(func=cmd_db_prune)
    board = commands.add_parser("board", help="boards").add_subparsers(dest="action", required=True)
    create = board.add_parser("create", parents=[lang], help="a board from an agreement")
    create.add_argument("--agreement", required=True, help="e.g. achterhoek-2014")
    create.add_argument("--name", help="the board's name (default: from the agreement)")
    create.add_argument(
        "--seats", nargs="*", metavar="KIND=N", help="seat counts, e.g. werkgevers=5"
    )
    create.set_defaults(func=cmd_board_create)
    board.add_parser("list", parents=[lang], help="all boards").set_defaults(func=cmd_board_list)
    tune = board.add_parser("settings", parents=[lang], help="show or change a board's settings")
    tune.add_argument("board", help="board id or name")
    tune.add_argument("--proposers", help="roles that may propose, e.g. chair,vice_chair,secretary")
    tune.add_argument(
        "--closers", help="roles that may close a vote early, e.g. chair,vice_chair,secretary"
    )
    tune.add_argument("--vote-reminders", help="minutes before a vote's deadline, e.g. 1440,60")
    tune.add_argument("--meeting-reminders", help="minutes before a meeting, e.g. 10080,1440")
    tune.add_argument(
        "--quorum", help="off, majority, 2/3 or 60%%; add :delegations to count delegations"
    )
    tune.add_argument("--substitutes", help="all, none, or seat keys separated by commas")
    tune.set_defaults(func=cmd_board_settings)
    show = board.add_parser("show", parents=[lang], help="a board's seats and holders")
    show.add_argument("board", help="board id or name")
    show.set_defaults(func=cmd_board_show)
    invite = commands.add_parser("invite", parents=[lang], help="an invite link for a vacant seat")
    invite.add_argument("board", help="board id or name")
    invite.add_argument("seat", help="seat key, e.g. werkgevers-2 (see: werkbot board show)")
    invite.add_argument(
        "--days", type=int, help="days the invite stays valid, 1 to 365 (default: 14)"
    )
    invite.set_defaults(func=cmd_invite)
    secretary = commands.add_parser(
        "secretary", parents=[lang], help="make a person the board's secretary"
    )
    secretary.add_argument("board", help="board id or name")
    secretary.add_argument("person", help="Telegram user id, @username or exact name")
    secretary.add_argument(
        "--replace", action="store_true", help="replace the current secretary without asking"
    )
    secretary.set_defaults(func=cmd_secretary)
    vice = commands.add_parser("vicechair", parents=[lang], help="designate the vice-chair seat")
    vice.add_argument("board", help="board id or name")
    vice.add_argument("seat", help="seat key of a member, or - to clear")
    vice.set_defaults(func=cmd_vice_chair)
    decisions = commands.add_parser("decisions", parents=[lang], help="the decision list as a file")
    decisions.add_argument("board", help="board id or name")
    decisions.add_argument("--format", choices=["csv", "pdf"], default="pdf")
    decisions.add_argument("--output", help="file to write (default: a name from the board)")
    decisions.set_defaults(func=cmd_decisions)
    calendar = commands.add_parser(
        "calendar", parents=[lang], help="the board's meetings as one .ics file"
    )
    calendar.add_argument("board", help="board id or name")
    calendar.add_argument("--output", help="file to write (default: a name from the board)")
    calendar.set_defaults(func=cmd_calendar)
    report = commands.add_parser("report", parents=[lang], help="the draft yearly report as PDF")
    report.add_argument("board", help="board id or name")
    report.add_argument("year", type=int)
    report.add_argument("--output", help="file to write")
    report.set_defaults(func=cmd_report)
    audit = commands.add_parser("audit", help="the audit log").add_subparsers(
        dest="action", required=True
    )
    verify = audit.add_parser(
        "verify", parents=[lang], help="recompute the chain and every outcome"
    )
    verify.add_argument("board", help="board id or name")
    verify.add_argument(
        "--anchor",
        action="append",
        metavar="HASH@SEQ",
        help="an anchor from a result message or document (repeatable)",
    )
    verify.add_argument(
        "--anchors", metavar="FILE", help="a file holding anchors (e.g. pasted messages)"
    )
    verify.set_defaults(func=cmd_audit_verify)


Extension = Callable[
    ["argparse._SubParsersAction[argparse.ArgumentParser]", argparse.ArgumentParser], None
]


def build_parser(extend: Extension | None = None) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="werkbot", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    agreements = commands.add_parser(
        "agreements", help="the cooperation agreements"
    ).add_subparsers(dest="action", required=True)
    lang = argparse.ArgumentParser(add_help=False)
    lang.add_argument("--lang", choices=LANGUAGES, help="language of the output (default: $LANG)")
    agreements.add_parser("list", parents=[lang], help="list the shipped agreements").set_defaults(
        func=cmd_agreements_list
    )
    show = agreements.add_parser("show", parents=[lang], help="show one agreement")
    show.add_argument("id")
    which = show.add_mutually_exclusive_group()
    which.add_argument(
        "--clause", metavar="N", help="print one article's text: its number (3, 3.7) or id"
    )
    which.add_argument("--full", action="store_true", help="print every article's text as well")
    show.set_defaults(func=cmd_agreements_show)
    validate = agreements.add_parser("validate", parents=[lang], help="check an agreement file")
    validate.add_argument("file")
    validate.set_defaults(func=cmd_agreements_validate)
    decide_cmd = agreements.add_parser(
        "decide", parents=[lang], help="decide a motion: werkbot agreements decide ID SEAT=for ..."
    )
    decide_cmd.add_argument("id")
    decide_cmd.add_argument("ballots", nargs="*", metavar="SEAT=CHOICE")
    decide_cmd.add_argument("--present", nargs="*", metavar="SEAT", help="seats recorded present")
    decide_cmd.add_argument("--vice-chair", metavar="SEAT", help="the seat chosen as vice-chair")
    decide_cmd.set_defaults(func=cmd_agreements_decide)
    add_agreement_tools(agreements, lang)
    ask = commands.add_parser("ask", parents=[lang], help="ask the agreement a question")
    ask.add_argument("question")
    ask.add_argument("--agreement", help="only this agreement (default: all shipped)")
    ask.set_defaults(func=cmd_ask)
    add_admin_commands(commands, lang)
    if extend is not None:
        extend(commands, lang)
    return parser


def _reader_gone() -> bool:
    """Whether our standard output is a pipe whose reader has gone (`werkbot ... | head`);
    if so it is pointed at nothing, so that Python's flush at exit raises no more."""
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, ValueError, OSError):
        return False
    if hasattr(select, "poll"):  # the writing end of a pipe without a reader polls as an error
        poll = select.poll()
        poll.register(fd, select.POLLOUT)
        if not any(events & select.POLLERR for _, events in poll.poll(0)):
            return False
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fd)
    return True


def main(argv: Sequence[str] | None = None, parser: argparse.ArgumentParser | None = None) -> int:
    parser = parser or build_parser()
    args, extra = parser.parse_known_args(argv)
    # Ballots may follow options (`decide ID --lang nl uwv=for`): argparse leaves those over.
    if hasattr(args, "ballots") and all("=" in item and not item.startswith("-") for item in extra):
        args.ballots += extra
    elif extra:
        parser.error("unrecognized arguments: " + " ".join(extra))
    try:
        result: int = args.func(args)
        sys.stdout.flush()
    except SystemExit as stop:  # settings refused: the message is already printed
        return stop.code if isinstance(stop.code, int) else 1
    except BrokenPipeError:
        if not _reader_gone():
            raise  # another pipe or socket broke: that is an error of its own
        return EXIT_BROKEN_PIPE
    return result


if __name__ == "__main__":
    sys.exit(main())
