"""``werkbot agreements check``: run an agreement's scenarios and print every disagreement."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import cast

from bot.i18n import Translator, environment_language, translator
from rules.agreements.template import (
    DECIDES,
    IN_WRITING,
    SUBJECT_RULES,
    TIES,
    Decides,
    InWriting,
    Member,
    NewAgreement,
    SubjectRule,
    Tie,
    render_template,
    slug,
)

EXIT_USAGE = 2


def _language(args: argparse.Namespace) -> Translator:
    return translator(args.lang or environment_language())


def cmd_agreements_check(args: argparse.Namespace) -> int:
    """Validate FILE, run its scenarios; 1 when a scenario disagrees, 2 when a file is wrong."""
    from rules.agreements.loader import AgreementError, load_agreement_file
    from rules.agreements.scenarios import load_scenarios, run_scenario, scenario_path
    from rules.explain import render_outcome, result_label

    t = _language(args)
    path = Path(args.file)
    scenarios_file = Path(args.scenarios) if args.scenarios else scenario_path(path)
    try:
        agreement = load_agreement_file(path)
        if not scenarios_file.exists():
            message = t.gettext("{file}: no scenarios (expected them in {scenarios}).")
            print(message.format(file=args.file, scenarios=scenarios_file), file=sys.stderr)
            return EXIT_USAGE
        scenarios = load_scenarios(scenarios_file, agreement)
    except AgreementError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    disagreements = 0
    for checked in (run_scenario(agreement, s) for s in scenarios.scenarios):
        if checked.agrees:
            continue
        disagreements += 1
        name = checked.scenario.name
        if checked.wrong_result:
            text = t.gettext('Scenario "{name}": expected {expected}, decided {decided}.')
            print(
                text.format(
                    name=name,
                    expected=result_label(checked.scenario.expect, t),
                    decided=result_label(checked.outcome.result, t),
                )
            )
        if checked.clause_not_found:
            text = t.gettext(
                'Scenario "{name}": the words "{words}" are in none of the clauses the decision cites.'
            )
            print(text.format(name=name, words=checked.scenario.clause))
        for sentence in render_outcome(checked.outcome, agreement, t):
            print("    " + sentence)
    total = len(scenarios.scenarios)
    summary = t.ngettext(
        "{file}: {total} scenario, {wrong} disagreeing.",
        "{file}: {total} scenarios, {wrong} disagreeing.",
        total,
    )
    print(summary.format(file=args.file, total=total, wrong=disagreements))
    return 1 if disagreements else 0


def _ask(t: Translator, question: str, default: str, interactive: bool) -> str:
    """One question with its default in brackets; an empty answer (or no input) takes it."""
    if not interactive:
        return default
    answer = input(t.gettext("{question} [{default}]: ").format(question=question, default=default))
    return answer.strip() or default


def _choice(t: Translator, question: str, options: tuple[str, ...], default: str, ask: bool) -> str:
    prompt = t.gettext("{question} ({options})").format(
        question=question, options=", ".join(options)
    )
    while True:
        answer = _ask(t, prompt, default, ask)
        if answer in options:
            return answer
        print(t.gettext("Please answer one of: {options}.").format(options=", ".join(options)))


def _members(items: list[str]) -> tuple[Member, ...]:
    """ "Werkgevers:3" -> three employers' seats; "UWV" -> one."""
    members = []
    for item in items:
        name, _, seats = item.partition(":")
        members.append(Member(name.strip(), int(seats) if seats.strip().isdigit() else 1))
    return tuple(m for m in members if m.name)


def _subjects(items: list[str], t: Translator) -> tuple[tuple[str, SubjectRule], ...]:
    out: list[tuple[str, SubjectRule]] = []
    for item in items:
        name, _, rule = item.partition("=")
        if rule not in SUBJECT_RULES:
            raise ValueError(
                t.gettext('Subject "{item}" is not NAME=RULE with RULE one of {rules}.').format(
                    item=item, rules=", ".join(SUBJECT_RULES)
                )
            )
        out.append((name.strip(), rule))
    return tuple(out)


def _questions(args: argparse.Namespace, t: Translator) -> NewAgreement:
    ask = not args.no_input
    region = args.region or _ask(t, t.gettext("Region"), "Mijn regio", ask)
    chair = args.chair or _ask(t, t.gettext("Party of the chair"), "Centrumgemeente", ask)
    members = args.member or _ask(
        t,
        t.gettext("Other members, comma-separated, NAME:SEATS for more than one seat"),
        "Gemeenten:3, UWV, Werkgevers:3, Werknemers:3",
        ask,
    ).split(",")
    decides = args.decides or _choice(
        t, t.gettext("How does the board decide"), DECIDES, "majority", ask
    )
    tie = args.tie or _choice(t, t.gettext("What does a tie mean"), TIES, "rejected", ask)
    subjects = args.subject or [
        s
        for s in _ask(
            t,
            t.gettext("Subjects that need more, comma-separated NAME=RULE (RULE: {rules})").format(
                rules=", ".join(SUBJECT_RULES)
            ),
            "Begroting=two_thirds",
            ask,
        ).split(",")
        if s.strip()
    ]
    in_writing = args.in_writing or _choice(
        t, t.gettext("Decisions outside a meeting"), IN_WRITING, "none", ask
    )
    return NewAgreement(
        id=args.id or slug(region),
        region=region,
        chair=chair,
        members=_members(members),
        decides=cast(Decides, decides),
        tie=cast(Tie, tie),
        subjects=_subjects([s.strip() for s in subjects], t),
        in_writing=cast(InWriting, in_writing),
    )


def cmd_agreements_new(args: argparse.Namespace) -> int:
    """Write a commented starting file that validates as written."""
    from rules.agreements.loader import AgreementError, load_agreement_file

    t = _language(args)
    path = Path(args.file)
    if path.exists() and not args.force:
        message = t.gettext("{file} exists; give --force to overwrite it.")
        print(message.format(file=args.file), file=sys.stderr)
        return EXIT_USAGE
    try:
        spec = _questions(args, t)
    except ValueError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_USAGE
    path.write_text(render_template(spec), encoding="utf-8")
    try:
        load_agreement_file(path)
    except AgreementError as exc:
        print(str(exc), file=sys.stderr)
        return 1
    message = t.gettext(
        "{file} written and valid. Fill in the clause texts, then write scenarios beside it."
    )
    print(message.format(file=args.file))
    return 0


def add_agreement_tools(
    agreements: argparse._SubParsersAction[argparse.ArgumentParser],
    lang: argparse.ArgumentParser,
) -> None:
    check = agreements.add_parser("check", parents=[lang], help="run an agreement file's scenarios")
    check.add_argument("file")
    check.add_argument(
        "--scenarios", metavar="FILE", help="the scenario file (default: FILE.scenarios.yaml)"
    )
    check.set_defaults(func=cmd_agreements_check)
    new = agreements.add_parser(
        "new", parents=[lang], help="write a commented starting file for a new region"
    )
    new.add_argument("file")
    new.add_argument("--id", help="the agreement's id (default: from the region)")
    new.add_argument("--region")
    new.add_argument("--chair", help="the party of the chair")
    new.add_argument("--member", action="append", metavar="NAME[:SEATS]")
    new.add_argument("--decides", choices=DECIDES)
    new.add_argument("--tie", choices=TIES)
    new.add_argument("--subject", action="append", metavar="NAME=RULE")
    new.add_argument("--in-writing", choices=IN_WRITING)
    new.add_argument("--no-input", action="store_true", help="ask nothing; take the defaults")
    new.add_argument("--force", action="store_true", help="overwrite FILE")
    new.set_defaults(func=cmd_agreements_new)
