#!/bin/sh
# Install werkbot into .venv and run it. Arguments go to `werkbot` (default: see below).
set -eu
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
if [ "$#" -eq 0 ]; then
  set -- agreements show achterhoek-2014
fi
exec .venv/bin/werkbot "$@"
