"""The deployment files: the webhook URL is a setting, migrations run once, a lean image."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_webhook_url_is_a_setting_not_written_into_the_image_or_the_unit() -> None:
    for path in ("Dockerfile", "deploy/werkbot@.service"):
        commands = [
            line
            for line in (ROOT / path).read_text().splitlines()
            if line.startswith(("CMD", "ENTRYPOINT", "ExecStart"))
        ]
        assert commands, path
        assert not any("https://" in line or "--webhook" in line for line in commands), path


def test_migrations_run_once_before_the_workers_not_in_each_worker() -> None:
    worker = (ROOT / "deploy/werkbot@.service").read_text()
    assert "db upgrade" not in "".join(
        line for line in worker.splitlines() if not line.startswith("#")
    )
    assert "Requires=werkbot-migrate.service" in worker
    assert "After=" in worker
    assert "werkbot-migrate.service" in worker.split("After=")[1].splitlines()[0]
    migrate = (ROOT / "deploy/werkbot-migrate.service").read_text()
    assert "Type=oneshot" in migrate
    assert "ExecStart=/opt/werkbot/.venv/bin/werkbot db upgrade" in migrate


def test_the_build_context_leaves_out_the_virtualenv_and_local_state() -> None:
    ignored = set((ROOT / ".dockerignore").read_text().splitlines())
    assert {".venv", ".git", ".env", "*.sqlite3*", "tests"} <= ignored
