"""Small parts of the Telegram layer: callback codec, flood gate, splitting, redaction."""

from __future__ import annotations

import logging

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.logs import REDACTED, RedactingFormatter
from bot.texts.html import split_message
from handlers.callbacks import MAX_BYTES, Kind, decode, encode
from handlers.flood import FloodGate


def test_callback_round_trip_and_limit() -> None:
    data = encode(Kind.INVITE_SEAT, 12, "werkgevers-2")
    assert data == "is|12|werkgevers-2"
    decoded = decode(data)
    assert decoded is not None
    assert (decoded.kind, decoded.int_arg(0), decoded.args[1]) == (
        Kind.INVITE_SEAT,
        12,
        "werkgevers-2",
    )
    with pytest.raises(ValueError, match="invalid callback data"):
        encode(Kind.INVITE_SEAT, 12, "x" * 70)
    with pytest.raises(ValueError, match="invalid callback data"):
        encode(Kind.LANGUAGE, "de")


@given(st.text(max_size=80))
def test_decode_never_accepts_what_the_bot_could_not_have_sent(data: str) -> None:
    decoded = decode(data)
    if decoded is not None:
        assert len(data.encode()) <= MAX_BYTES
        assert encode(decoded.kind, *decoded.args) == data


def test_flood_gate_admits_a_burst_then_warns_once() -> None:
    gate = FloodGate(limit=3, window=10)
    assert [gate.admit(1, now=t) for t in (0, 1, 2, 3)] == [True, True, True, False]
    assert gate.should_warn(1)
    assert not gate.should_warn(1)
    assert gate.admit(1, now=20)
    assert gate.admit(2, now=3)


@given(st.lists(st.text(alphabet="abc <>\n", max_size=300), max_size=40))
def test_split_message_keeps_every_character_within_the_limit(lines: list[str]) -> None:
    text = "\n".join(lines)
    parts = split_message(text, limit=100)
    assert all(len(p) <= 100 for p in parts)
    assert "".join(parts).replace("\n", "") == text.replace("\n", "")


def test_long_board_text_is_split_at_line_breaks() -> None:
    text = "\n".join(f"• Zetel {i}: Iemand met een lange naam" for i in range(400))
    parts = split_message(text)
    assert len(parts) > 1
    assert all(len(p) <= 4096 and p.startswith("•") for p in parts)


def test_token_is_redacted_from_log_lines_and_tracebacks() -> None:
    token = "7000000001:AAsecretsecretsecretsecretsecret123"
    formatter = RedactingFormatter([token], "%(message)s")
    try:
        raise RuntimeError(f"POST https://api.telegram.org/bot{token}/sendMessage failed")
    except RuntimeError as exc:
        record = logging.LogRecord(
            "x", logging.ERROR, "f", 1, "url %s", (token,), (type(exc), exc, exc.__traceback__)
        )
    line = formatter.format(record)
    assert token not in line
    assert line.count(REDACTED) >= 2
    assert "Traceback" in line


def test_times_are_shown_in_the_configured_time_zone() -> None:
    from datetime import UTC, datetime
    from zoneinfo import ZoneInfo

    from bot.i18n import translator
    from bot.texts import clock
    from bot.texts.motions import deadline_text

    moment = datetime(2026, 12, 4, 16, 0, tzinfo=UTC)
    assert deadline_text(moment, translator("en")).endswith("at 17:00")
    clock.set_zone(ZoneInfo("Europe/London"))
    try:
        assert deadline_text(moment, translator("en")).endswith("at 16:00")
    finally:
        clock.set_zone(ZoneInfo("Europe/Amsterdam"))


@pytest.mark.parametrize("data", ["v|1|f\n", "v|1|f\r\n", "l|nl\n", "v|01|f", " v|1|f"])
def test_decode_refuses_a_trailing_newline_and_other_near_misses(data: str) -> None:
    assert decode(data) is None
