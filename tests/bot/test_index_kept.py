"""The clause index kept on disk between processes (bot/ask/shipped.py): loaded when it
matches what it is made from, rebuilt when it does not or cannot be read, never an error."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.ask import shipped
from bot.ask.answer import answer
from bot.ask.index import ClauseIndex
from bot.cache import CACHE_ENV, cache_dir
from bot.i18n import translator
from rules.agreements.loader import shipped_agreements
from tests.bot.asking import ACHTERHOEK, TODAY, in_a_new_process, text_of

QUESTION = "Welke methodes voor loonwaarde mogen we gebruiken?"


@pytest.fixture
def kept(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    shipped.shipped_index.cache_clear()
    yield tmp_path / "cache"
    shipped.shipped_index.cache_clear()


def fresh_index() -> object:
    """The index as a new process gets it."""
    shipped.shipped_index.cache_clear()
    return shipped.shipped_index()


def asked() -> str:
    agreement = shipped_agreements()[ACHTERHOEK]
    index = shipped.shipped_index()
    return text_of(answer(QUESTION, [agreement], index, translator("nl"), TODAY))


def test_the_built_index_is_kept_and_the_next_process_loads_it(
    kept: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    built = fresh_index()
    files = list(kept.glob("index-*.pickle"))
    assert [f.name for f in files] == [f"index-{shipped.index_key()}.pickle"]
    first = asked()

    def no_build(*args: object) -> None:
        raise AssertionError("built again instead of loaded")

    monkeypatch.setattr(ClauseIndex, "build", no_build)
    loaded = fresh_index()  # read back from the file: building would fail
    assert loaded is not built
    assert asked() == first
    assert "Dariuz" in first


def test_the_kept_index_holds_no_agreements_and_is_linked_to_the_loaders_own(
    kept: Path,
) -> None:
    """The agreements are not pickled with the index (the loader reads them anyway): a loaded
    index quotes from the very objects the loader gave, not from copies."""
    fresh_index()
    (path,) = kept.glob("index-*.pickle")
    assert b"rules.agreements.model" not in path.read_bytes()
    loaded = fresh_index()
    assert isinstance(loaded, ClauseIndex)
    agreements = shipped_agreements()
    for doc in loaded._docs:
        assert doc.agreement is agreements[doc.agreement_id]
        assert any(doc.clause is c for c in agreements[doc.agreement_id].clauses)
    assert len(loaded) == sum(len(a.clauses) for a in agreements.values())
    assert loaded.attach(agreements) is loaded  # once linked, attaching again changes nothing


def test_reading_a_kept_file_leaves_the_garbage_collector_as_it_found_it(
    kept: Path,
) -> None:
    import gc

    fresh_index()
    assert gc.isenabled()
    fresh_index()  # read back with the collector paused
    assert gc.isenabled()
    gc.disable()
    try:
        fresh_index()
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_damaged_file_is_rebuilt_with_a_warning(
    kept: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fresh_index()
    (path,) = kept.glob("index-*.pickle")
    path.write_bytes(b"not a pickle")
    with caplog.at_level(logging.WARNING, logger="bot.ask.shipped"):
        fresh_index()
    assert "could not be read" in caplog.text
    assert "Dariuz" in asked()
    assert path.read_bytes() != b"not a pickle"  # written again, whole


def test_a_change_to_what_the_index_is_made_from_gives_a_new_key(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh_index()
    source = tmp_path / "agreement.yaml"
    source.write_text("id: one\n", encoding="utf-8")
    sources = shipped.index_sources()
    monkeypatch.setattr(shipped, "index_sources", lambda: [*sources, source])
    before = shipped.index_key()
    source.write_text("id: two\n", encoding="utf-8")
    assert shipped.index_key() != before
    fresh_index()  # built again under the new key; the old file is removed
    assert [f.name for f in kept.glob("index-*.pickle")] == [f"index-{shipped.index_key()}.pickle"]


def test_off_keeps_nothing_and_an_unwritable_place_is_no_error(
    kept: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(CACHE_ENV, "off")
    assert cache_dir() is None
    fresh_index()
    assert not kept.exists()
    blocked = tmp_path / "a-file"
    blocked.write_text("", encoding="utf-8")
    monkeypatch.setenv(CACHE_ENV, str(blocked / "cache"))  # under a file: cannot be made
    fresh_index()
    assert "Dariuz" in asked()


def test_building_the_index_keeps_the_configured_log_level() -> None:
    """bm25s sets its logger to DEBUG when first imported (here: when the index is first
    built, after logging was set up): its "Building index from tokens" must not reach the
    offline chat's terminal or an operator's WARNING log."""
    script = (
        "from bot.logs import setup_logging; setup_logging('WARNING', []);"
        "from bot.ask.index import ClauseIndex;"
        "from rules.agreements.loader import shipped_agreements;"
        "ClauseIndex.build(shipped_agreements().values())"
    )
    assert "bm25s" not in in_a_new_process(script)


def test_the_glossary_is_kept_too_and_read_back_instead_of_compiled(
    kept: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    from bot.ask import text

    text.glossary.cache_clear()
    try:
        compiled = text.glossary()
        (path,) = kept.glob("glossary-*.pickle")
        assert path.name == f"glossary-{text.glossary_key()}.pickle"

        def no_compile() -> None:
            raise AssertionError("compiled again instead of read back")

        monkeypatch.setattr(text, "_compile_glossary", no_compile)
        text.glossary.cache_clear()
        loaded = text.glossary()
        assert loaded is not compiled
        assert loaded.surface == compiled.surface
        assert loaded.word("loonwaarde", "nl") == compiled.word("loonwaarde", "nl")
        monkeypatch.undo()
        monkeypatch.setenv(CACHE_ENV, str(kept))
        path.write_bytes(b"damaged")
        text.glossary.cache_clear()
        with caplog.at_level(logging.WARNING):
            assert text.glossary().phrases == compiled.phrases
        assert "could not be read" in caplog.text
    finally:
        text.glossary.cache_clear()
