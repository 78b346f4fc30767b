"""Reply markup: ``reply_markup`` parsed like the Bot API server, buttons checked like Telegram."""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from typing import Any, Final
from urllib.parse import urlsplit

from standin.errors import _bad_request
from standin.limits import MAX_CALLBACK_DATA_BYTES, JSONDict
from standin.links import checked_link

_INLINE_ACTIONS: Final = (
    "callback_game",
    "pay",
    "switch_inline_query",
    "switch_inline_query_chosen_chat",
    "switch_inline_query_current_chat",
    "login_url",
    "web_app",
    "copy_text",
)


class _InvalidButton(Exception):
    """A keyboard button the Bot API server cannot parse."""


@dataclass
class _Markup:
    """A parsed ``reply_markup``: an inline keyboard, or another kind of markup."""

    inline: JSONDict | None = None
    other: JSONDict | None = None


def _parse_reply_markup(raw: Any) -> _Markup:
    """Parse ``reply_markup`` the way the Bot API server does (structure only)."""
    if raw is None or raw == "":
        return _Markup()
    value = raw
    if isinstance(raw, str):
        try:
            value = json.loads(raw)
        except ValueError as exc:
            raise _bad_request("can't parse reply keyboard markup JSON object") from exc
    if not isinstance(value, dict):
        raise _bad_request("object expected as reply markup")
    keyboard = _keyboard_rows(value)
    inline = _inline_rows(value)
    if keyboard:
        other = {
            key: copy.deepcopy(item) for key, item in value.items() if key != "inline_keyboard"
        }
        return _Markup(other={**other, "keyboard": keyboard})
    if inline:
        return _Markup(inline={"inline_keyboard": inline})
    if value.get("remove_keyboard") or value.get("hide_keyboard") or value.get("force_reply"):
        return _Markup(other=copy.deepcopy(value))
    return _Markup()


def _array_field(value: JSONDict, name: str) -> list[Any]:
    if name not in value:
        return []
    rows = value[name]
    if not isinstance(rows, list):
        raise _bad_request(f'field "{name}" must be of type Array')
    return rows


def _inline_rows(value: JSONDict) -> list[list[JSONDict]]:
    rows: list[list[JSONDict]] = []
    for row in _array_field(value, "inline_keyboard"):
        if not isinstance(row, list):
            raise _bad_request(
                'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
            )
        try:
            buttons = [_inline_button(button) for button in row]
        except _InvalidButton as exc:
            raise _bad_request(f"can't parse inline keyboard button: {exc}") from exc
        if buttons:
            rows.append(buttons)
    return rows


def _keyboard_rows(value: JSONDict) -> list[list[Any]]:
    rows: list[list[Any]] = []
    for row in _array_field(value, "keyboard"):
        if not isinstance(row, list):
            raise _bad_request('field "keyboard" must be an Array of Arrays')
        try:
            buttons = [_keyboard_button(button) for button in row]
        except _InvalidButton as exc:
            raise _bad_request(f"can't parse keyboard button: {exc}") from exc
        if buttons:
            rows.append(buttons)
    return rows


def _keyboard_button(button: Any) -> Any:
    if isinstance(button, str):
        return button
    if not isinstance(button, dict):
        raise _InvalidButton("KeyboardButton must be a String or an Object")
    _string_field(button, "text", required=True)
    return copy.deepcopy(button)


def _string_field(value: JSONDict, name: str, *, required: bool = False) -> str:
    """A string field of a JSON object, read like TDLib's JSON helpers (numbers are allowed)."""
    if name not in value:
        if required:
            raise _InvalidButton(f'Can\'t find field "{name}"')
        return ""
    field_value = value[name]
    if isinstance(field_value, str):
        return field_value
    if isinstance(field_value, int | float) and not isinstance(field_value, bool):
        return json.dumps(field_value)
    raise _InvalidButton(f'Field "{name}" must be of type String')


def _inline_button(button: Any) -> JSONDict:
    """An inline button reduced to its text and the one action Telegram keeps."""
    if not isinstance(button, dict):
        raise _InvalidButton("InlineKeyboardButton must be an Object")
    text = _string_field(button, "text", required=True)
    for key in ("url", "callback_data"):
        value = _string_field(button, key)
        if value:
            return {"text": text, key: value}
    for key in _INLINE_ACTIONS:
        if key in button:
            return {"text": text, key: copy.deepcopy(button[key])}
    raise _InvalidButton("Text buttons are unallowed in the inline keyboard")


def _check_inline_buttons(markup: JSONDict | None) -> None:
    """The checks Telegram's servers make on button contents when the message is sent."""
    for row in (markup or {}).get("inline_keyboard", []):
        for button in row:
            if not button["text"]:
                raise _bad_request("BUTTON_TEXT_INVALID")
            data = button.get("callback_data")
            if data is not None and len(data.encode("utf-8", "surrogatepass")) > (
                MAX_CALLBACK_DATA_BYTES
            ):
                raise _bad_request("BUTTON_DATA_INVALID")
            url = button.get("url")
            if url is not None and not _valid_button_url(url):
                raise _bad_request("BUTTON_URL_INVALID")


def _valid_button_url(url: str) -> bool:
    link = checked_link(url)
    if link is None:
        return False
    return urlsplit(link).hostname != "localhost"
