"""The offline chat, the quick start's main job: the real Application in a terminal."""

from __future__ import annotations

from collections.abc import Iterator
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
    assert "Je hebt de zetel Voorzitter (portefeuillehouder Doetinchem)" in second, second
    # the buttons of the first session are not shown again, and a number says so
    assert "Geen bericht in dit gesprek heeft (nog) knoppen." in second, second
    assert "Hier is geen knop 9." in second, second  # /taal has two
