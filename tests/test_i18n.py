"""The catalogs: complete in nl and en, and in step with the code."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "locale"
FRONTEND = [sys.executable, "-m", "babel.messages.frontend"]
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def without_dates(template: str) -> str:
    """The template without what changes with the day it is made: its creation date and the
    year of its copyright lines (a template made in 2026 is not stale in 2027)."""
    template = re.sub(r'^"POT-Creation-Date: .*\n', "", template, flags=re.MULTILINE)
    return re.sub(r"^(# .*)\b(?:19|20)[0-9]{2}\b", r"\1YEAR", template, flags=re.MULTILINE)


def catalog(lang: str):  # type: ignore[no-untyped-def]
    with (LOCALE / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def test_message_template_matches_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "messages.pot"
    subprocess.run(
        [
            *FRONTEND,
            "extract",
            "-F",
            "babel.cfg",
            "-o",
            str(fresh),
            "--no-location",
            "--sort-output",
            "-c",
            "Translators:",
            "--project",
            "werkbot",
            "--version",
            "0.1",
            "--copyright-holder",
            "werkbot maintainers",
            "--msgid-bugs-address",
            "",
            ".",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    committed = (LOCALE / "messages.pot").read_text(encoding="utf-8")
    assert without_dates(fresh.read_text(encoding="utf-8")) == without_dates(committed), (
        "the template is stale: run scripts/i18n.sh and translate the new entries"
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_catalog_is_up_to_date_with_the_template(lang: str) -> None:
    result = subprocess.run(
        [
            *FRONTEND,
            "update",
            "-i",
            "locale/messages.pot",
            "-d",
            "locale",
            "-D",
            "messages",
            "-l",
            lang,
            "--check",
            "--no-fuzzy-matching",
            "--ignore-obsolete",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_message_is_translated_with_the_same_placeholders(lang: str) -> None:
    problems = []
    for message in catalog(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            problems.append(f"untranslated: {ids[0]!r}")
            continue
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) - wanted or (
                len(strings) == 1 and set(PLACEHOLDER.findall(string)) != wanted
            ):
                problems.append(f"placeholders differ: {ids[0]!r} -> {string!r}")
    assert problems == []


def test_dutch_catalog_really_is_dutch() -> None:
    nl = {m.id: m.string for m in catalog("nl") if m.id}
    assert nl["Adopted"] == "Aangenomen"
    same = [i for i, s in nl.items() if isinstance(i, str) and i == s and " " in i]
    assert len(same) <= len(nl) // 10, f"too many untranslated-looking entries: {same}"


def test_no_translated_string_hides_inside_an_f_string() -> None:
    """pybabel cannot extract gettext() inside an f-string, so such a string is never translated."""
    import ast

    hidden = []
    for package in ("rules", "bot", "handlers", "runtime"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if not isinstance(node, ast.JoinedStr):
                    continue
                for inner in ast.walk(node):
                    name = getattr(getattr(inner, "func", None), "attr", None) or getattr(
                        getattr(inner, "func", None), "id", None
                    )
                    if isinstance(inner, ast.Call) and name in {"gettext", "ngettext", "_"}:
                        hidden.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert hidden == []


def test_a_compiled_catalog_is_cached_by_its_content(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import i18n

    monkeypatch.delenv("WERKBOT_CACHE_DIR", raising=False)  # the tests keep nothing
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    i18n.translator.cache_clear()
    try:
        first = i18n.translator("nl")
        (cached,) = (tmp_path / "werkbot").glob("nl-*.mo")

        def no_compiling(source: bytes, language: str) -> bytes:
            raise AssertionError("compiled again although the catalog did not change")

        monkeypatch.setattr(i18n, "_compile", no_compiling)
        i18n.translator.cache_clear()
        again = i18n.translator("nl")
        assert again.gettext("Yes") == first.gettext("Yes")
        # a catalog that changed is never read from an old cache file: its name is the content's
        cached.rename(tmp_path / "werkbot" / "nl-0000.mo")
        i18n.translator.cache_clear()
        with pytest.raises(AssertionError, match="compiled again"):
            i18n.translator("nl")
    finally:
        i18n.translator.cache_clear()
