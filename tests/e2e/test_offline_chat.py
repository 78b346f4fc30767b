"""The offline chat, the quick start's main job: the real Application in a terminal."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from bot.db.engine import make_engine
from bot.db.schema import upgrade_engine
from bot.i18n import translator
from bot.settings import Settings
from runtime.offline_chat import OfflineChat


async def _session(settings: Settings, lines: list[str]) -> list[str]:
    """One run of the offline chat with ``lines`` typed in; what it printed."""
    typed: Iterator[str] = iter(lines)
    printed: list[str] = []

    def ask(prompt: str) -> str:
        printed.append(prompt)
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    await OfflineChat(settings, translator("nl"), ask=ask, say=printed.append).run()
    return printed


async def test_the_offline_chat_answers_again_when_started_on_the_same_database(
    tmp_path: Path,
) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path / 'chat.sqlite3'}"
    engine = make_engine(url)
    await upgrade_engine(engine)
    await engine.dispose()
    settings = Settings(_env_file=None, database_url=url)

    first = "\n".join(await _session(settings, ["1", "/zetel", "/as Anna", "/zetel", "/quit"]))
    assert "Demobestuur aangemaakt" in first
    assert first.count("Je hebt de zetel") == 2, first

    # a second session: Telegram's update numbers go on, so nothing is taken for a replay
    second = "\n".join(await _session(settings, ["/as Anna", "/zetel", "1", "/taal", "9", "/quit"]))
    assert "Je hebt de zetel Voorzitter (portefeuillehouder van Doetinchem)" in second, second
    # the buttons of the first session are not shown again, and a number says so
    assert "Geen bericht in dit gesprek heeft (nog) knoppen." in second, second
    assert "Hier is geen knop 9." in second, second  # /taal has two


async def test_the_chat_presses_older_buttons_saves_files_and_reads_several_lines(
    tmp_path: Path,
) -> None:
    """Every message with buttons can be pressed by its number; a bare number never answers an
    older message; files are written to the folder the chat names; several lines are one
    message; a new person reads the default language, not the terminal's."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'chat.sqlite3'}"
    engine = make_engine(url)
    await upgrade_engine(engine)
    await engine.dispose()
    settings = Settings(_env_file=None, database_url=url, default_language="nl")
    files = tmp_path / "files"
    typed: Iterator[str] = iter(
        [
            "1",  # the demo board
            "/vergadering",
            "over 10 dagen 14:00",
            "Stadhuis",
            '"""',
            "Punt 1: opening",
            "Punt 2: begroting",
            '"""',
            "1",  # send the invitations
            "/voorstel",
            "Begroting 2027",
            "Het bestuur stelt \\",
            "de begroting vast.",
            "/annuleer",
            "1",  # the newest message has no buttons: not the meeting invitation
            "/messages",
            "/besluiten",
            "/as new Nina",
            "/taal",
            "/quit",
        ]
    )
    printed: list[str] = []

    def ask(prompt: str) -> str:
        printed.append(prompt)
        try:
            return next(typed)
        except StopIteration:
            raise EOFError from None

    # the terminal reads English; the board's default language is Dutch
    chat = OfflineChat(settings, translator("en"), ask=ask, say=printed.append, files=files)
    await chat.run()
    out = "\n".join(printed)
    assert f"Files the bot sends are saved in {files}" in out
    assert "Vergadering gepland" in out
    saved = sorted(p.name for p in files.iterdir())
    assert saved == ["vergadering-1.ics"]
    assert "BEGIN:VCALENDAR" in (files / "vergadering-1.ics").read_text()
    assert f"saved as {files / 'vergadering-1.ics'}" in out
    # the agenda typed as a block is one message of two lines
    assert "Punt 1: opening\n  Punt 2: begroting" in out
    after_cancel = out.split("Geannuleerd.")[1]
    assert "The newest message has no buttons." in after_cancel.split("/messages")[0]
    assert "Noted: present" not in out
    assert "Genoteerd" not in out
    # /messages lists the secretary's own invitation, pressable as NUMBER.1
    invitation = re.search(r"\[(\d+)\.1\] Aanwezig", after_cancel)
    assert invitation, after_cancel
    # the decision list in the chat is pressable by message and button number
    number = re.findall(r"werkbot -> Sam de Secretaris \(demo\) \[(\d+)\]:\n  Besluitenlijst", out)
    assert number, out
    # Nina, new, reads the default language (Dutch), not the terminal's English
    assert "Kies je taal" in out.split("You are Nina")[1]


async def test_a_numbered_press_reaches_an_older_message(tmp_path: Path) -> None:
    """After /taal and /uitnodigen, "N.2" presses English on the /taal message (N), although
    the invite's buttons came later; a number that names no message with buttons is refused."""
    url = f"sqlite+aiosqlite:///{tmp_path / 'chat.sqlite3'}"
    engine = make_engine(url)
    await upgrade_engine(engine)
    await engine.dispose()
    settings = Settings(_env_file=None, database_url=url)
    printed: list[str] = []

    def taal_button() -> str:
        found = re.findall(r"\[(\d+)\.2\] English", "\n".join(printed))
        return f"{found[-1]}.2"

    steps: list[str | Callable[[], str]] = [
        "1",
        "/taal",
        "/uitnodigen",
        "/messages",
        taal_button,
        "99.1",
        "/quit",
    ]
    script = iter(steps)

    def ask(prompt: str) -> str:
        step = next(script, None)
        if step is None:
            raise EOFError
        line = step if isinstance(step, str) else step()
        printed.append(prompt + line)
        return line

    await OfflineChat(settings, translator("nl"), ask=ask, say=printed.append).run()
    out = "\n".join(printed)
    listing = out.split("> /messages")[1].split("> ")[0]
    assert re.search(r"\[\d+\.2\] English", listing)  # /taal's message, listed
    assert re.search(r"\[\d+\.1\] Regiomanager UWV", listing)  # and the newer invite's
    assert "From now on I write to you in English." in out
    assert "Hier is geen bericht 99 met knoppen. /messages toont ze." in out
