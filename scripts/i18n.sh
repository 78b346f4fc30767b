#!/bin/sh
# Re-extract the message template and merge it into the nl and en catalogs.
# Then translate the new or changed entries in locale/*/LC_MESSAGES/messages.po.
set -eu
cd "$(dirname "$0")/.."
PY=${PYTHON:-.venv/bin/python}
"$PY" -m babel.messages.frontend extract -F babel.cfg -o locale/messages.pot \
  --no-location --sort-output -c "Translators:" --project werkbot --version 0.1 \
  --copyright-holder "werkbot maintainers" --msgid-bugs-address "" .
for lang in nl en; do
  po="locale/$lang/LC_MESSAGES/messages.po"
  if [ -f "$po" ]; then
    "$PY" -m babel.messages.frontend update -i locale/messages.pot -d locale -D messages -l "$lang" \
      --no-fuzzy-matching --ignore-obsolete
  else
    "$PY" -m babel.messages.frontend init -i locale/messages.pot -d locale -D messages -l "$lang"
  fi
done
