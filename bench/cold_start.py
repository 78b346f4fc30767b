"""Wall time of a cold ``werkbot`` command: a new process each run, as a user starts it.

    python bench/cold_start.py [--runs 7] [--chat]

It runs each command ``--runs`` times with :mod:`subprocess` and prints the median and the
minimum wall time (the minimum is the least disturbed by other work on the machine):

* ``werkbot --help``;
* ``werkbot ask "Wie is de voorzitter?"`` and ``werkbot ask "Who chairs the board?"`` (the
  agreements' data answers them, no clause search);
* two questions the clause search answers (``--agreement achterhoek-2014``, a Dutch and an
  English one), with the clause index kept on disk (``WERKBOT_CACHE_DIR`` in the temporary
  directory; the untimed first run builds and keeps it, as a user's first question does) and,
  beside them, with ``WERKBOT_CACHE_DIR=off`` (built in every process);
* ``python -c "import runtime.cli"``, the import of the command line alone.

With ``--chat`` it also starts ``werkbot chat`` on a fresh SQLite database in a temporary
directory (upgraded once, copied for every run) and times the first prompt (the demo board
offer waiting for an answer) and the whole run to the end of the process (answer 0, end of
input). The goals: under 0.4 s for ``--help`` and ``ask``, the chat's first prompt within 1.5 s.

The commands run in a temporary directory, so no ``.env`` of the working directory is read.
They run as installed: Python reads the modules' bytecode, as it does after ``pip install``
(which compiles it) and after the first run of a checkout (which writes ``__pycache__``). So
PYTHONDONTWRITEBYTECODE, which the CI machine sets, is taken out of their environment (the
untimed first run writes the bytecode). Until the ninth session it was kept: the project's
modules were then compiled again in every process, about 0.04 s of each figure.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from functools import partial
from pathlib import Path


def werkbot_command() -> str:
    """The ``werkbot`` script beside this Python (the virtualenv's), else the one on PATH."""
    beside = Path(sys.executable).with_name("werkbot")
    if beside.exists():
        return str(beside)
    found = shutil.which("werkbot")
    if found is None:
        raise SystemExit("werkbot is not installed: pip install -e . first")
    return found


def timed(argv: list[str], cwd: Path, env: dict[str, str]) -> float:
    """The wall time of one run of ``argv``; a failing command stops the bench."""
    start = time.perf_counter()
    result = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        sys.exit(f"{' '.join(argv)} failed ({result.returncode}):\n{result.stderr.decode()}")
    return elapsed


def chat_run(
    werkbot: str, template: Path, workdir: Path, env: dict[str, str]
) -> tuple[float, float]:
    """(first prompt, whole run) of ``werkbot chat`` on a copy of the upgraded ``template``."""
    database = workdir / "chat.sqlite3"
    for leftover in workdir.glob("chat.sqlite3*"):
        leftover.unlink()
    shutil.copyfile(template, database)
    env = {**env, "DATABASE_URL": f"sqlite+aiosqlite:///{database}"}
    start = time.perf_counter()
    process = subprocess.Popen(
        [werkbot, "chat", "--lang", "en"],
        cwd=workdir,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdin is not None
    assert process.stdout is not None
    prompt = None
    for line in process.stdout:  # the demo offer ends with "[0] No, start empty", then waits
        if line.lstrip().startswith("[0]"):
            prompt = time.perf_counter() - start
            break
    process.stdin.write("0\n")
    process.stdin.close()
    process.stdout.read()
    process.wait(timeout=60)
    whole = time.perf_counter() - start
    if prompt is None or process.returncode != 0:
        sys.exit(f"werkbot chat did not offer the demo board (exit {process.returncode})")
    return prompt, whole


def report(name: str, times: list[float]) -> None:
    median = statistics.median(times)
    print(f"{name:44} {median:7.3f} {min(times):7.3f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=7, help="runs per command (default 7)")
    parser.add_argument("--chat", action="store_true", help="also time the offline chat")
    args = parser.parse_args()
    werkbot = werkbot_command()
    env = dict(os.environ)
    env.pop("DATABASE_URL", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: see the module docstring
    search = [werkbot, "ask", "--agreement", "achterhoek-2014"]
    dutch = "Welke methodes voor loonwaarde mogen we gebruiken?"
    english = "Which wage value methods may we use?"
    kept, off = {"WERKBOT_CACHE_DIR": "cache"}, {"WERKBOT_CACHE_DIR": "off"}
    commands: list[tuple[str, list[str], dict[str, str]]] = [
        ("werkbot --help", [werkbot, "--help"], {}),
        ('werkbot ask "Wie is de voorzitter?"', [werkbot, "ask", "Wie is de voorzitter?"], {}),
        ('werkbot ask "Who chairs the board?"', [werkbot, "ask", "Who chairs the board?"], {}),
        ("werkbot ask (search, Dutch), index kept", [*search, dutch], kept),
        ("werkbot ask (search, Dutch), index built", [*search, dutch], off),
        ("werkbot ask (search, English), index kept", [*search, english], kept),
        ("werkbot ask (search, English), index built", [*search, english], off),
        ('python -c "import runtime.cli"', [sys.executable, "-c", "import runtime.cli"], {}),
    ]
    print(f"{'seconds, wall time, ' + str(args.runs) + ' runs each':44} {'median':>7} {'min':>7}")
    with tempfile.TemporaryDirectory(prefix="werkbot-cold-start-") as tmp:
        workdir = Path(tmp)
        env.setdefault("WERKBOT_CACHE_DIR", str(workdir / "cache"))
        for name, argv, extra in commands:
            here = {**env, **{k: str(workdir / v) if v == "cache" else v for k, v in extra.items()}}
            timed(argv, workdir, here)  # once untimed: the files in the OS cache, as when warm
            report(name, [timed(argv, workdir, here) for _ in range(args.runs)])
        if args.chat:
            template = workdir / "template.sqlite3"
            upgrade_env = {**env, "DATABASE_URL": f"sqlite+aiosqlite:///{template}"}
            timed([werkbot, "db", "upgrade"], workdir, upgrade_env)
            run = partial(chat_run, werkbot, template, workdir, env)
            run()  # untimed, as above
            results = [run() for _ in range(args.runs)]
            report("werkbot chat: first prompt (fresh database)", [p for p, _ in results])
            report("werkbot chat: whole run (answer 0, end)", [w for _, w in results])


if __name__ == "__main__":
    main()
