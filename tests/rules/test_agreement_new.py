"""``werkbot agreements new`` writes a commented starting file that validates as written."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

from bot.cli import main
from rules.agreements.loader import load_agreement_file
from rules.agreements.template import DECIDES, IN_WRITING, TIES


@pytest.mark.parametrize(
    ("decides", "tie", "in_writing"),
    list(itertools.product(DECIDES, TIES, IN_WRITING)),
)
def test_every_answer_gives_a_file_that_validates_as_written(
    tmp_path: Path, decides: str, tie: str, in_writing: str
) -> None:
    path = tmp_path / "regio.yaml"
    argv = ["agreements", "new", str(path), "--region", "Regio Oost", "--chair", "Enschede"]
    argv += ["--member", "Hengelo", "--member", "Werkgevers:3", "--member", "UWV"]
    argv += ["--decides", decides, "--tie", tie, "--in-writing", in_writing]
    argv += ["--subject", "Begroting=three_quarters", "--subject", "Toetreding=unanimity"]

    assert main([*argv, "--lang", "en"]) == 0

    agreement = load_agreement_file(path)
    assert agreement.id == "regio-oost"
    assert [s.id for s in agreement.expand_seats() if s.votes] == [
        "voorzitter",
        "hengelo",
        "werkgevers-1",
        "werkgevers-2",
        "werkgevers-3",
        "uwv",
    ]
    assert [s.id for s in agreement.subjects] == ["begroting", "toetreding"]
    assert (agreement.outside_meeting is None) == (in_writing == "none")
    assert "# " in path.read_text(encoding="utf-8")


def test_the_questions_are_asked_with_defaults(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["Regio West", "", "Leiden, UWV:2", "two_thirds", "", "", "no_objection"])
    asked: list[str] = []

    def answer(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr("builtins.input", answer)
    path = tmp_path / "west.yaml"

    assert main(["agreements", "new", str(path), "--lang", "nl"]) == 0

    agreement = load_agreement_file(path)
    assert agreement.region == "Regio West"
    assert agreement.seat_spec("uwv").count.default == 2
    assert agreement.procedure.steps[0].kind == "majority"
    assert [s.id for s in agreement.subjects] == ["begroting"]  # the default subject
    assert agreement.outside_meeting is not None
    assert len(asked) == 7
    assert asked[0] == "Regio [Mijn regio]: "
    assert "geschreven en geldig" in capsys.readouterr().out


def test_a_wrong_choice_is_asked_again(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    answers = iter(["R", "C", "A", "sometimes", "majority", "", "", ""])
    monkeypatch.setattr("builtins.input", lambda prompt: next(answers))

    assert main(["agreements", "new", str(tmp_path / "r.yaml"), "--lang", "en"]) == 0
    assert load_agreement_file(tmp_path / "r.yaml").procedure.steps[0].kind == "majority"


def test_new_refuses_to_overwrite_a_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "x.yaml"
    path.write_text("keep me", encoding="utf-8")

    assert main(["agreements", "new", str(path), "--no-input", "--lang", "en"]) == 2

    assert path.read_text(encoding="utf-8") == "keep me"
    assert "--force" in capsys.readouterr().err


def test_a_subject_without_a_rule_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["agreements", "new", str(tmp_path / "x.yaml"), "--no-input", "--lang", "en"]

    assert main([*argv, "--subject", "Begroting"]) == 2
    assert 'Subject "Begroting" is not NAME=RULE' in capsys.readouterr().err
