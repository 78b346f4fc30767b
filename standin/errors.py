"""The Bot API's error answers: :class:`BotAPIError`, its helpers and Telegram's wording."""

from __future__ import annotations

from typing import Final

from standin.limits import JSONDict

_STATUS_PHRASES: Final = {
    400: "Bad Request",
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    409: "Conflict",
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class BotAPIError(Exception):
    """An error answer of the Bot API: the HTTP status and Telegram's ``description``."""

    def __init__(
        self, description: str, status: int = 400, parameters: JSONDict | None = None
    ) -> None:
        super().__init__(description)
        self.description = description
        self.status = status
        self.parameters = parameters

    def body(self) -> JSONDict:
        """The JSON body Telegram sends with this error."""
        body: JSONDict = {"ok": False, "error_code": self.status, "description": self.description}
        if self.parameters:
            body["parameters"] = dict(self.parameters)
        return body


def _bad_request(message: str) -> BotAPIError:
    """A 400 answer; ``message`` is what follows Telegram's "Bad Request: " prefix."""
    return BotAPIError(f"Bad Request: {message}")


def _forbidden(message: str) -> BotAPIError:
    """A 403 answer; ``message`` is what follows Telegram's "Forbidden: " prefix."""
    return BotAPIError(f"Forbidden: {message}", status=403)


def _conflict(message: str) -> BotAPIError:
    """A 409 answer; ``message`` is what follows Telegram's "Conflict: " prefix."""
    return BotAPIError(f"Conflict: {message}", status=409)


_NOT_MODIFIED: Final = (
    "message is not modified: specified new message content and reply markup are exactly the "
    "same as a current content and reply markup of the message"
)
_QUERY_INVALID: Final = "query is too old and response timeout expired or query ID is invalid"
_GET_UPDATES_CONFLICT: Final = (
    "terminated by other getUpdates request; make sure that only one bot instance is running"
)


class EntityParseError(ValueError):
    """Formatted text could not be parsed; the message is TDLib's, word for word."""


def _status_of(description: str | None) -> int:
    """The HTTP status that goes with a Bot API description's prefix."""
    if description is None:
        return 500
    for status, phrase in _STATUS_PHRASES.items():
        if description.startswith(phrase):
            return status
    return 400
