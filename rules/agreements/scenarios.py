"""Agreement test cases as data: scenarios beside an agreement, and running them.

A scenario file (``region.scenarios.yaml`` beside ``region.yaml``) lists situations (who votes
what, who is present, the subject, in a meeting or not) with the outcome the agreement's words
give and the clause words that decide it. :func:`run_scenario` decides each with
:func:`rules.decide.decide` and reports every disagreement; rendering is the caller's business.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Literal

from pydantic import ConfigDict, Field, model_validator

from rules.agreements.loader import AgreementError, load_yaml, validated
from rules.agreements.model import Agreement, Strict
from rules.decide import Ballot, Choice, Outcome, Result, decide

ChoiceName = Literal["for", "against", "abstain"]


class Scenario(Strict):
    """One situation and the outcome the agreement's words give for it."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    name: str = Field(min_length=1)
    #: The proposal's subject (None: the default procedure).
    subject: str | None = None
    #: False: a decision outside a meeting (schriftelijke besluitvorming).
    meeting: bool = True
    #: Seats per seat kind, when the board differs from the agreement's defaults.
    seats: dict[str, int] = Field(default_factory=dict)
    votes_for: tuple[str, ...] = Field(default=(), alias="for")
    against: tuple[str, ...] = ()
    abstain: tuple[str, ...] = ()
    #: What every other voting seat votes (None: they cast no ballot).
    rest: ChoiceName | None = None
    #: Seats recorded present at the meeting besides those that voted (None: none recorded).
    present: tuple[str, ...] | None = None
    vice_chair: str | None = None
    #: The vote is held again after a tie deferred it.
    revote: bool = False
    #: The previous meeting was adjourned for lack of quorum.
    adjourned: bool = False
    expect: Result
    #: Words of a clause the deciding rule cites, quoted exactly (whitespace may differ).
    clause: str | None = None

    @model_validator(mode="after")
    def _one_ballot_per_seat(self) -> Scenario:
        named = [*self.votes_for, *self.against, *self.abstain]
        twice = sorted({s for s in named if named.count(s) > 1})
        if twice:
            raise ValueError(f"seat(s) with more than one ballot: {', '.join(twice)}")
        return self

    def ballots(self, voting: list[str]) -> list[Ballot]:
        out = [Ballot(s, Choice.FOR) for s in self.votes_for]
        out += [Ballot(s, Choice.AGAINST) for s in self.against]
        out += [Ballot(s, Choice.ABSTAIN) for s in self.abstain]
        if self.rest is not None:
            named = {b.seat for b in out}
            out += [Ballot(s, Choice(self.rest)) for s in voting if s not in named]
        return out


class ScenarioFile(Strict):
    agreement: str
    scenarios: tuple[Scenario, ...] = Field(min_length=1)


@dataclass(frozen=True)
class Checked:
    """A scenario decided: the outcome, and what disagrees with the scenario (nothing: passes)."""

    scenario: Scenario
    outcome: Outcome
    wrong_result: bool
    #: The clause words were given and none of the clauses the outcome cites holds them.
    clause_not_found: bool

    @property
    def agrees(self) -> bool:
        return not (self.wrong_result or self.clause_not_found)


def scenario_path(agreement_path: Path) -> Path:
    """Where the scenarios of an agreement file live: ``x.yaml`` -> ``x.scenarios.yaml``."""
    return agreement_path.with_name(agreement_path.name.removesuffix(".yaml") + ".scenarios.yaml")


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _problems(agreement: Agreement, scenarios: ScenarioFile) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if scenarios.agreement != agreement.id:
        problems.append(("agreement", f"is {scenarios.agreement!r}, the file is {agreement.id!r}"))
    spec_ids = {s.id for s in agreement.seats}
    subjects = {s.id for s in agreement.subjects}
    for i, scenario in enumerate(scenarios.scenarios):
        where = f"scenarios[{i}]"
        bad_kinds = [k for k in scenario.seats if k not in spec_ids]
        for kind in bad_kinds:
            problems.append((f"{where}.seats.{kind}", f"unknown seat kind {kind!r}"))
        if bad_kinds:
            continue
        seats = {s.id: s for s in agreement.expand_seats(dict(scenario.seats))}
        named: tuple[tuple[str, tuple[str, ...]], ...] = (
            ("for", scenario.votes_for),
            ("against", scenario.against),
            ("abstain", scenario.abstain),
            ("present", scenario.present or ()),
        )
        for field, names in named:
            for j, seat in enumerate(names):
                if seat not in seats:
                    known = ", ".join(s for s in seats if seats[s].votes)
                    problems.append(
                        (f"{where}.{field}[{j}]", f"unknown seat {seat!r} (voting seats: {known})")
                    )
        if scenario.vice_chair is not None and scenario.vice_chair not in seats:
            problems.append((f"{where}.vice_chair", f"unknown seat {scenario.vice_chair!r}"))
        if scenario.subject is not None and scenario.subject not in subjects:
            listed = ", ".join(sorted(subjects)) or "none"
            problems.append(
                (f"{where}.subject", f"unknown subject {scenario.subject!r} (subjects: {listed})")
            )
    return problems


def parse_scenarios(data: object, file: str, agreement: Agreement) -> ScenarioFile:
    """Validate scenario data against ``agreement``; :class:`AgreementError` names the fault."""
    return validated(ScenarioFile, data, file, partial(_problems, agreement))


def load_scenarios(path: Path, agreement: Agreement) -> ScenarioFile:
    import yaml

    try:
        data = load_yaml(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise AgreementError(path.name, [("", f"cannot read the file ({exc.strerror})")]) from None
    except yaml.YAMLError as exc:
        raise AgreementError(path.name, [("", f"not valid YAML ({exc})")]) from None
    return parse_scenarios(data, path.name, agreement)


def run_scenario(agreement: Agreement, scenario: Scenario) -> Checked:
    """Decide the scenario under the agreement and compare with what it expects."""
    seats = agreement.expand_seats(dict(scenario.seats))
    voting = [s.id for s in seats if s.votes]
    outcome = decide(
        agreement.procedure_for(scenario.subject, in_meeting=scenario.meeting),
        seats,
        scenario.ballots(voting),
        attendance=scenario.present if scenario.meeting else None,
        vice_chair=scenario.vice_chair,
        quorum=agreement.quorum,
        in_meeting=scenario.meeting,
        revote=scenario.revote,
        adjourned=scenario.adjourned,
        inhabitants=agreement.inhabitants(),
    )
    clause_not_found = False
    if scenario.clause is not None:
        words = _words(scenario.clause)
        texts = [_words(agreement.clause(c).text.nl) for c in outcome.cites]
        clause_not_found = not any(words in text for text in texts)
    return Checked(scenario, outcome, outcome.result is not scenario.expect, clause_not_found)
