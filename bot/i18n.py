"""Translations: the gettext catalogs in ``locale/``, loaded once per language."""

from __future__ import annotations

import gettext
import os
from dataclasses import dataclass
from functools import cache
from io import BytesIO
from pathlib import Path

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
    """The translator for ``language`` ("nl" or "en"), compiled from its .po file once."""
    from babel.messages.mofile import write_mo  # imported here: ``werkbot --help`` needs none
    from babel.messages.pofile import read_po

    language = normalize_language(language)
    po_file = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"
    with po_file.open("rb") as handle:
        catalog = read_po(handle, locale=language, domain=DOMAIN)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translator(language, gettext.GNUTranslations(buffer))


def environment_language() -> str:
    """The language of the terminal (``LANG``/``LC_ALL``), for the command line."""
    return normalize_language(os.environ.get("LC_ALL") or os.environ.get("LANG"), "en")
