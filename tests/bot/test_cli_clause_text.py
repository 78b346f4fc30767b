"""`werkbot agreements show ID --clause N` and `--full`: the articles' own text on the command
line (issue 19), and a reader that stops early (`| head`) is no error."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import EXIT_BROKEN_PIPE, main
from rules.agreements.loader import shipped_agreements

ROOT = Path(__file__).resolve().parents[2]


def test_one_article_by_number_in_dutch(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreements", "show", "achterhoek-2014", "--clause", "3", "--lang", "nl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:3] == ["Art. 3 Besluitvorming", "Convenant Werkbedrijf Achterhoek", ""]
    assert lines[3].startswith("Partijen streven naar consensus over de te nemen besluiten.")


def test_one_article_by_id_in_english_is_marked_as_our_translation(
    capsys: pytest.CaptureFixture[str],
) -> None:
    asked = ["agreements", "show", "werkcentrum-twente-2025", "--clause", "kanttekening-3-7"]
    code = main([*asked, "--lang", "en"])
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Remark 3.7: The Werkcentrum reduces the autonomy")
    assert "Our English translation; the Dutch original is binding." in out
    assert "the mandate to take a decision lies with the municipality of Enschede" in out


def test_an_unknown_article_names_the_ones_there_are(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["agreements", "show", "twente-2020", "--clause", "12", "--lang", "nl"])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.strip() == (
        "Geen artikel “12” in Samenwerkingsovereenkomst Werkbedrijf Twente. "
        "Geef een van deze nummers of id's: preamble, 1, 2, 3, 4, 5, 6, 7, 8, signatures."
    )


def test_a_number_two_sections_share_prints_both(capsys: pytest.CaptureFixture[str]) -> None:
    """The Werkcentrum note numbers an argument and a remark "1.1" alike."""
    code = main(
        ["agreements", "show", "werkcentrum-twente-2025", "--clause", "1.1", "--lang", "nl"]
    )
    out = capsys.readouterr().out
    assert code == 0
    assert out.startswith("Argument 1.1: Het inrichtingsplan biedt een basis")
    assert "\n\nKanttekening 1.1: Het Werkcentrum brengt risico’s" in out


def test_clause_and_full_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stop:
        main(["agreements", "show", "twente-2020", "--clause", "3", "--full"])
    assert stop.value.code == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_broken_pipe_that_is_not_our_output_is_an_error() -> None:
    """Only a reader of our output that went away ends quietly: a pipe or socket that breaks
    inside a command (standard output still fine) is raised as the error it is."""
    parser = argparse.ArgumentParser()

    def broken(args: argparse.Namespace) -> int:
        raise BrokenPipeError("a socket broke")

    parser.set_defaults(func=broken)
    with pytest.raises(BrokenPipeError):
        main([], parser)


def test_full_prints_the_summary_and_every_article(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreements", "show", "twente-2020", "--full", "--lang", "nl"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Samenwerkingsovereenkomst Bestuurlijk Werkbedrijf Twente")
    for clause in shipped_agreements()["twente-2020"].clauses:
        assert clause.text.nl.splitlines()[0] in out


def test_a_reader_that_stops_early_is_no_traceback() -> None:
    """`werkbot agreements show ... --full | head -1`: the pipe closes before werkbot is done."""
    read, write = os.pipe()
    os.close(read)  # the reader has gone before the first line
    try:
        done = subprocess.run(
            [sys.executable, "-m", "runtime.cli", "agreements", "show", "twente-2020", "--full"],
            stdout=write,
            stderr=subprocess.PIPE,
            cwd=ROOT,
            env={**os.environ, "LANG": "nl_NL.UTF-8"},
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)
    assert done.returncode == EXIT_BROKEN_PIPE
    assert done.stderr == b""
