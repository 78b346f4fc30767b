"""Agreement scenarios as data: every shipped and fictional agreement decides its scenarios as
their clauses say, and ``werkbot agreements check`` reports each disagreement."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bot.cli import main
from rules.agreements.loader import DATA_DIR, AgreementError, load_agreement_file
from rules.agreements.model import (
    Agreement,
    Condition,
    DoubleMajorityStep,
    MajorityStep,
    Procedure,
    WeightedMajorityStep,
)
from rules.agreements.scenarios import load_scenarios, run_scenario, scenario_path

REGIONS = Path(__file__).parent / "regions"
SHIPPED = sorted(p for p in DATA_DIR.glob("*.yaml") if not p.name.endswith(".scenarios.yaml"))
FICTIONAL = sorted(p for p in REGIONS.glob("*.yaml") if not p.name.endswith(".scenarios.yaml"))
ALL = SHIPPED + FICTIONAL


def _cases() -> list[pytest.ParameterSet]:
    cases = []
    for path in ALL:
        agreement = load_agreement_file(path)
        for scenario in load_scenarios(scenario_path(path), agreement).scenarios:
            cases.append(pytest.param(path, scenario.name, id=f"{agreement.id}: {scenario.name}"))
    return cases


@pytest.mark.parametrize(("path", "name"), _cases())
def test_every_scenario_is_decided_as_its_clause_says(path: Path, name: str) -> None:
    agreement = load_agreement_file(path)
    scenario = next(
        s for s in load_scenarios(scenario_path(path), agreement).scenarios if s.name == name
    )
    checked = run_scenario(agreement, scenario)
    assert checked.outcome.result is scenario.expect
    assert not checked.clause_not_found


@pytest.mark.parametrize("path", ALL, ids=[p.stem for p in ALL])
def test_agreements_check_passes_on_every_shipped_and_fictional_agreement(
    path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["agreements", "check", str(path), "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert out.strip().endswith("0 disagreeing.")


def test_there_are_eight_fictional_regions_with_ten_scenarios_or_more() -> None:
    counts = {
        p.stem: len(load_scenarios(scenario_path(p), load_agreement_file(p)).scenarios)
        for p in FICTIONAL
    }
    assert len(counts) >= 8
    assert min(counts.values()) >= 10, counts


def _procedures(agreement: Agreement) -> list[Procedure]:
    out = [agreement.procedure]
    out += [agreement.outside_meeting] if agreement.outside_meeting else []
    for entry in agreement.by_subject:
        out += [entry.procedure] + ([entry.outside_meeting] if entry.outside_meeting else [])
    return out


def _conditions(procedure: Procedure) -> list[Condition]:
    out: list[Condition] = []
    for step in procedure.steps:
        if isinstance(step, DoubleMajorityStep):
            out += step.conditions
        elif isinstance(step, Condition):
            out.append(step)
    return out


def test_the_fictional_regions_cover_every_rule_kind() -> None:
    agreements = [load_agreement_file(p) for p in FICTIONAL]
    procedures = [p for a in agreements for p in _procedures(a)]
    steps = [s for p in procedures for s in p.steps]
    conditions = [c for p in procedures for c in _conditions(p)]
    kinds = {s.kind for s in steps}
    assert kinds >= {
        "consensus",
        "majority",
        "weighted_majority",
        "bloc_majority",
        "double_majority",
        "unanimity",
        "veto",
        "no_objection",
        "mandate",
    }
    ties = {s.tie for s in steps if isinstance(s, MajorityStep | WeightedMajorityStep)}
    assert ties >= {"casting_vote", "rejected", "deferred"}
    assert "no_decision" in {s.tie for s in steps if isinstance(s, DoubleMajorityStep)}
    assert {c.basis for c in conditions} == {"votes_cast", "present", "members"}
    assert {c.count for c in conditions} >= {
        "seats",
        "delegations",
        "parties",
        "weight",
        "inhabitants",
    }
    assert {c.abstentions for c in conditions} == {"cast", "not_cast"}
    assert any(c.threshold.qualified for c in conditions)
    assert any(c.votes_per_inhabitants for c in conditions)
    assert any(c.weights for c in conditions)
    assert {c.rounding for c in conditions} == {"up", "down"}
    assert any(c.min_weight for c in conditions)
    assert any(c.among for c in conditions)
    quorums = [a.quorum for a in agreements if a.quorum is not None]
    assert {q.if_not_met for q in quorums} == {"no_decision", "deferred"}
    assert any(q.next_meeting_without_quorum for q in quorums)
    assert any(a.outside_meeting for a in agreements)
    assert any(a.by_subject for a in agreements)
    chairs = [s for a in agreements for s in a.seats if s.role.value == "chair"]
    assert any(not s.votes for s in chairs)


def _write(tmp_path: Path, source: Path, scenarios: str) -> Path:
    path = tmp_path / source.name
    path.write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    scenario_path(path).write_text(scenarios, encoding="utf-8")
    return path


def test_a_disagreeing_scenario_is_printed_with_the_explanation(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        REGIONS / "noorderkwartier.yaml",
        "agreement: noorderkwartier\nscenarios:\n"
        "  - {name: wrong, for: [voorzitter, hoorn, den-helder], against: [uwv], expect: rejected}\n"
        "  - {name: right, for: [voorzitter, hoorn, den-helder], against: [uwv], expect: adopted}\n",
    )

    assert main(["agreements", "check", str(path), "--lang", "en"]) == 1

    out = capsys.readouterr().out
    assert 'Scenario "wrong": expected Rejected, decided Adopted.' in out
    assert "needed more than 1/2 of the votes cast (4): reached (art. 5 JA Noorderkwartier)" in out
    assert "2 scenarios, 1 disagreeing." in out
    assert '"right"' not in out


def test_clause_words_missing_from_the_cited_clauses_are_a_disagreement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _write(
        tmp_path,
        REGIONS / "noorderkwartier.yaml",
        "agreement: noorderkwartier\nscenarios:\n"
        "  - name: quoted from the wrong article\n"
        "    rest: for\n"
        "    expect: adopted\n"
        "    clause: twee leden namens de werkgevers\n",
    )

    assert main(["agreements", "check", str(path), "--lang", "nl"]) == 1

    out = capsys.readouterr().out
    assert "staan in geen van de artikelen" in out


def test_the_scenarios_option_names_another_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = tmp_path / "mine.yaml"
    other.write_text(
        "agreement: twente-2020\nscenarios:\n  - {name: all for, rest: for, expect: adopted}\n",
        encoding="utf-8",
    )
    path = DATA_DIR / "twente-2020.yaml"

    assert main(["agreements", "check", str(path), "--scenarios", str(other), "--lang", "en"]) == 0
    assert "1 scenario, 0 disagreeing." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("scenario", "field", "fault"),
    [
        ("{name: x, for: [nobody], expect: adopted}", "scenarios[0].for[0]", "unknown seat"),
        ("{name: x, expect: maybe}", "scenarios[0].expect", "Input should be"),
        ("{name: x, subject: begroting, expect: adopted}", "scenarios[0].subject", "unknown"),
        ("{name: x, for: [uwv], against: [uwv], expect: adopted}", "scenarios[0]", "uwv"),
        ("{name: x, seats: {stoel: 2}, expect: adopted}", "scenarios[0].seats.stoel", "unknown"),
        ("{name: x, colour: red, expect: adopted}", "scenarios[0].colour", "unknown field"),
    ],
)
def test_a_broken_scenario_file_is_named_with_its_field_path(
    tmp_path: Path, scenario: str, field: str, fault: str
) -> None:
    path = tmp_path / "s.yaml"
    path.write_text(f"agreement: twente-2020\nscenarios:\n  - {scenario}\n", encoding="utf-8")
    agreement = load_agreement_file(DATA_DIR / "twente-2020.yaml")

    with pytest.raises(AgreementError) as caught:
        load_scenarios(path, agreement)

    assert caught.value.file == "s.yaml"
    assert any(where == field and fault in what for where, what in caught.value.problems), (
        caught.value.problems
    )


def test_check_without_scenarios_says_where_it_looked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "twente-2020.yaml"
    path.write_text((DATA_DIR / "twente-2020.yaml").read_text(encoding="utf-8"), encoding="utf-8")

    assert main(["agreements", "check", str(path), "--lang", "en"]) == 2
    assert "twente-2020.scenarios.yaml" in capsys.readouterr().err


def test_scenario_files_are_not_loaded_as_agreements() -> None:
    data = yaml.safe_load((DATA_DIR / "twente-2020.scenarios.yaml").read_text(encoding="utf-8"))
    assert data["agreement"] == "twente-2020"
