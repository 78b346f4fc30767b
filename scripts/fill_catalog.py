"""Fill catalog entries from a Python file holding ``NL = {msgid: msgstr}``.

Usage: python scripts/fill_catalog.py TRANSLATIONS.py
English msgids are the source language: the en catalog gets msgstr = msgid for new entries.
Only empty entries are filled; existing translations are kept.
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

LOCALE = Path(__file__).resolve().parent.parent / "locale"


def fill(lang: str, table: dict[object, object]) -> int:
    path = LOCALE / lang / "LC_MESSAGES" / "messages.po"
    with path.open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    filled = 0
    for message in catalog:
        if not message.id or (message.string and any(message.string)):
            continue
        if lang == "en":
            message.string = message.id
        elif message.id in table:
            message.string = table[message.id]  # type: ignore[assignment]
        else:
            continue
        filled += 1
    with path.open("wb") as handle:
        write_po(handle, catalog, ignore_obsolete=True)
    return filled


def main() -> None:
    table = runpy.run_path(sys.argv[1])["NL"] if len(sys.argv) > 1 else {}
    for lang in ("nl", "en"):
        print(f"{lang}: filled {fill(lang, table)}")


if __name__ == "__main__":
    main()
