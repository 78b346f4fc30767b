"""The ``werkbot`` command line."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from bot.i18n import LANGUAGES, Translator, environment_language, translator
from bot.texts.agreement import render_agreement
from rules.agreements.loader import AgreementError, load_agreement_file, shipped_agreements
from rules.agreements.model import Agreement
from rules.decide import Ballot, Choice, decide
from rules.explain import render_outcome

EXIT_USAGE = 2


def _language(args: argparse.Namespace) -> Translator:
    return translator(args.lang or environment_language())


def cmd_agreements_list(args: argparse.Namespace) -> int:
    t = _language(args)
    for agreement in shipped_agreements().values():
        print(f"{agreement.id:26} {agreement.title.get(t.language)}")
    return 0


def _find_agreement(agreement_id: str, t: Translator) -> Agreement | None:
    """A shipped agreement, or None after telling the user which ones exist."""
    agreement = shipped_agreements().get(agreement_id)
    if agreement is None:
        message = t.gettext('Unknown agreement "{id}". Known agreements: {known}.')
        print(
            message.format(id=agreement_id, known=", ".join(shipped_agreements())), file=sys.stderr
        )
    return agreement


def cmd_agreements_show(args: argparse.Namespace) -> int:
    t = _language(args)
    agreement = _find_agreement(args.id, t)
    if agreement is None:
        return EXIT_USAGE
    print(render_agreement(agreement, t, date.today()))
    return 0


def cmd_agreements_validate(args: argparse.Namespace) -> int:
    t = _language(args)
    try:
        agreement = load_agreement_file(Path(args.file))
    except AgreementError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    seats = len(agreement.expand_seats())
    print(
        t.gettext("{file}: valid ({id}: {seats} seats, {clauses} clauses).").format(
            file=args.file, id=agreement.id, seats=seats, clauses=len(agreement.clauses)
        )
    )
    return 0


def _parse_ballots(items: Sequence[str], t: Translator) -> list[Ballot]:
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


def build_parser() -> argparse.ArgumentParser:
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
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args, extra = parser.parse_known_args(argv)
    # Ballots may follow options (`decide ID --lang nl uwv=for`): argparse leaves those over.
    if hasattr(args, "ballots") and all("=" in item and not item.startswith("-") for item in extra):
        args.ballots += extra
    elif extra:
        parser.error("unrecognized arguments: " + " ".join(extra))
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    sys.exit(main())
