"""The administrator's command line on a fresh SQLite file, and settings errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.settings import SettingsError, load_settings
from runtime.cli import main


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)
    monkeypatch.setenv("DATABASE_URL", f"sqlite+aiosqlite:///{tmp_path / 'cli.sqlite3'}")
    return tmp_path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(
        [*args, "--lang", "en"] if args[0] not in {"db", "board"} or len(args) > 1 else list(args)
    )
    out = capsys.readouterr()
    return code, out.out, out.err


def test_admin_sets_up_a_board_invites_and_appoints(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(capsys, "board", "list")
    assert code == 2
    assert "werkbot db upgrade" in err
    assert run(capsys, "db", "upgrade")[0] == 0
    code, out, _ = run(capsys, "board", "create", "--agreement", "achterhoek-2014")
    assert code == 0
    assert "Board 1 created: Bestuur Werkbedrijf Achterhoek (11 seats)." in out
    code, out, _ = run(capsys, "board", "show", "1")
    assert code == 0
    assert "werkgevers-2" in out
    code, out, _ = run(capsys, "invite", "1", "werkgevers-2")
    assert code == 0
    assert re.search(r"https://t\.me/werkbot_demo_bot\?start=[\w-]{20,}", out)
    code, _, err = run(capsys, "invite", "1", "nope")
    assert code == 1
    assert "The board has no seat called nope." in err
    code, _, err = run(capsys, "secretary", "1", "Nobody")
    assert code == 1
    assert "send /start" in err


def test_unknown_agreement_is_one_line(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run(capsys, "db", "upgrade")
    code, _, err = run(capsys, "board", "create", "--agreement", "nowhere")
    assert code == 1
    assert err.strip() == "There is no agreement called nowhere."


def test_run_without_token_explains_and_opens_the_chat(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    run(capsys, "db", "upgrade")
    monkeypatch.setattr("sys.stdin", open("/dev/null"))  # noqa: SIM115
    code, out, _ = run(capsys, "run")
    assert code == 0
    assert "@BotFather" in out
    assert "offline chat" in out
    assert "Goodbye." in out


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("TELEGRAM_BOT_TOKEN", "not-a-token", "TELEGRAM_BOT_TOKEN: does not look like a token"),
        ("DATABASE_URL", "mysql://x", "DATABASE_URL: use sqlite+aiosqlite"),
        ("TIME_ZONE", "Mars/Olympus", "TIME_ZONE: unknown time zone"),
        ("DEFAULT_LANGUAGE", "de", "DEFAULT_LANGUAGE:"),
    ],
)
def test_bad_settings_are_one_clear_line(
    variable: str, value: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(variable, value)
    with pytest.raises(SettingsError) as caught:
        load_settings(env_file=None)
    assert str(caught.value).startswith(expected)
    assert "\n" not in str(caught.value)


def test_bad_settings_exit_with_code_2(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TIME_ZONE", "Mars/Olympus")
    assert main(["db", "upgrade"]) == 2
    assert capsys.readouterr().err.startswith("werkbot: TIME_ZONE: unknown time zone")


def test_placeholder_token_counts_as_none(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TELEGRAM_BOT_TOKEN", "changeme")
    assert load_settings(env_file=None).telegram_bot_token is None
