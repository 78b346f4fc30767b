"""The validator refuses a procedure that can never decide or contradicts itself, naming the
file, the field path and the reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from rules.agreements.loader import AgreementError, load_agreement_file

REGIONS = Path(__file__).parent / "regions"

Breaks = Callable[[dict[str, Any]], None]


def _first_step(data: dict[str, Any]) -> dict[str, Any]:
    step: dict[str, Any] = data["procedure"]["steps"][0]
    return step


def _threshold_over_one(data: dict[str, Any]) -> None:
    _first_step(data)["threshold"] = {"numerator": 3, "denominator": 2}


def _more_than_everything(data: dict[str, Any]) -> None:
    _first_step(data)["threshold"] = {"numerator": 1, "denominator": 1, "more_than": True}


def _weight_for_unknown_party(data: dict[str, Any]) -> None:
    _first_step(data)["weights"]["naarden"] = 3


def _party_without_weight(data: dict[str, Any]) -> None:
    del _first_step(data)["weights"]["uwv"]


def _weights_without_weight_count(data: dict[str, Any]) -> None:
    _first_step(data)["kind"] = "majority"


def _subject_nobody_can_pick(data: dict[str, Any]) -> None:
    data["by_subject"][0]["subjects"] = ["fusie"]


def _subject_twice(data: dict[str, Any]) -> None:
    data["by_subject"][1]["subjects"] = ["begroting"]


def _vice_chair_casting_vote_without_vice_chair(data: dict[str, Any]) -> None:
    _first_step(data)["tie_break"] = ["chair", "vice_chair"]


def _casting_vote_of_a_chair_without_a_vote(data: dict[str, Any]) -> None:
    _first_step(data)["tie"] = "casting_vote"
    _first_step(data)["tie_break"] = ["chair"]


def _unreachable_step(data: dict[str, Any]) -> None:
    data["procedure"]["steps"].append({"kind": "mandate", "party": "alkmaar"})


def _never_adopts(data: dict[str, Any]) -> None:
    data["procedure"]["steps"] = [{"kind": "veto", "parties": ["uwv"]}, {"kind": "none"}]


def _veto_of_unknown_party(data: dict[str, Any]) -> None:
    data["by_subject"][0]["procedure"]["steps"][0]["parties"] = ["cwi"]


def _inhabitants_missing(data: dict[str, Any]) -> None:
    del data["parties"][2]["inhabitants"]


def _no_next_meeting_without_deferral(data: dict[str, Any]) -> None:
    data["quorum"]["if_not_met"] = "no_decision"


def _unknown_tie_rule(data: dict[str, Any]) -> None:
    _first_step(data)["tie"] = "coin"


CASES = [
    ("noorderkwartier", _threshold_over_one, "procedure.steps[0].majority.threshold", "over 1"),
    ("noorderkwartier", _more_than_everything, "procedure.steps[0].threshold", "never"),
    ("gooi-vecht", _weight_for_unknown_party, "procedure.steps[0].weights.naarden", "unknown"),
    ("gooi-vecht", _party_without_weight, "procedure.steps[0].weights", "'uwv' has no weight"),
    ("gooi-vecht", _weights_without_weight_count, "procedure.steps[0].majority", "count 'weight'"),
    ("zeeland-delta", _subject_nobody_can_pick, "by_subject[0].subjects[0]", "nobody can pick"),
    ("zeeland-delta", _subject_twice, "by_subject[1].subjects[0]", "two procedures"),
    (
        "rivierenland",
        _vice_chair_casting_vote_without_vice_chair,
        "procedure.steps[0].tie_break",
        "vice-chair, who is never defined",
    ),
    (
        "veluwe-noord",
        _casting_vote_of_a_chair_without_a_vote,
        "procedure.steps[0].tie_break",
        "chair's seat has no vote",
    ),
    ("noorderkwartier", _unreachable_step, "procedure", "never reached"),
    ("noorderkwartier", _never_adopts, "procedure", "no step can ever adopt"),
    ("veluwe-noord", _veto_of_unknown_party, "by_subject[0].procedure.steps[0].parties[0]", "cwi"),
    ("drechtsteden", _inhabitants_missing, "procedure.steps[0].count", "no inhabitants"),
    ("noorderkwartier", _no_next_meeting_without_deferral, "quorum", "'deferred'"),
    ("noorderkwartier", _unknown_tie_rule, "procedure.steps[0].majority.tie", "casting_vote"),
]


@pytest.mark.parametrize(
    ("region", "breaks", "field", "fault"),
    [pytest.param(*case, id=case[1].__name__.strip("_")) for case in CASES],
)
def test_a_procedure_that_cannot_decide_or_contradicts_itself_is_refused(
    tmp_path: Path, region: str, breaks: Breaks, field: str, fault: str
) -> None:
    data = yaml.safe_load((REGIONS / f"{region}.yaml").read_text(encoding="utf-8"))
    breaks(data)
    path = tmp_path / f"{region}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    with pytest.raises(AgreementError) as caught:
        load_agreement_file(path)

    assert caught.value.file == f"{region}.yaml"
    problems = caught.value.problems
    assert any(where == field and fault in what for where, what in problems), problems
