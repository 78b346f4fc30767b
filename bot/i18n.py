"""Translations: the gettext catalogs in ``locale/``, loaded once per language."""

from __future__ import annotations

import gettext
import hashlib
import os
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

from bot.cache import cache_dir, keep

LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
DOMAIN = "messages"
LANGUAGES = ("nl", "en")
DEFAULT_LANGUAGE = "nl"


@dataclass(frozen=True)
class Translator:
    """gettext for one language, with the language code the renderers need."""

    language: str
    catalog: gettext.NullTranslations

    def gettext(self, message: str, /) -> str:
        return self.catalog.gettext(message)

    def ngettext(self, singular: str, plural: str, n: int, /) -> str:
        return self.catalog.ngettext(singular, plural, n)


def normalize_language(code: str | None, default: str = DEFAULT_LANGUAGE) -> str:
    """ "nl", "nl-BE", "nl_NL.UTF-8" -> "nl"; any other language -> "en"; nothing -> default."""
    if not code:
        return default
    return "nl" if code.lower().startswith("nl") else "en"


@cache
def translator(language: str) -> Translator:
    """The translator for ``language`` ("nl" or "en"), from its .po file: compiled once and
    kept in a cache file named by the catalog's content (a start reads it in a millisecond;
    compiling with Babel takes a tenth of a second), so an edited catalog is never stale."""
    language = normalize_language(language)
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    source = po_file.read_bytes()
    folder = cache_dir()
    name = f"{language}-{hashlib.sha256(source).hexdigest()[:32]}.mo"
    cached = folder / name if folder is not None else None
    try:
        compiled = cached.read_bytes() if cached is not None else b""
    except OSError:
        compiled = b""
    if not compiled:
        compiled = _compile(source, language)
        if cached is not None:
            keep(cached, compiled)  # a read-only place: compile at every start, as before
    return Translator(language, gettext.GNUTranslations(BytesIO(compiled)))


def _compile(source: bytes, language: str) -> bytes:
    from babel.messages.mofile import write_mo  # imported here: a cached start needs none
    from babel.messages.pofile import read_po

    catalog = read_po(BytesIO(source), locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    return buffer.getvalue()


def environment_language() -> str:
    """The language of the terminal (``LANG``/``LC_ALL``), for the command line."""
    return normalize_language(os.environ.get("LC_ALL") or os.environ.get("LANG"), "en")
