#!/bin/sh
# Install werkbot into .venv, bring the database up to date and run the bot.
# Without TELEGRAM_BOT_TOKEN (environment or .env) `werkbot run` opens the offline chat.
# Arguments go to `werkbot` instead of `run`, e.g. `sh scripts/start.sh agreements list`.
set -eu
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
.venv/bin/werkbot db upgrade
if [ "$#" -eq 0 ]; then
  set -- run
fi
exec .venv/bin/werkbot "$@"
