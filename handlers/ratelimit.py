"""Telegram's limits, applied where Telegram applies them.

python-telegram-bot's ``AIORateLimiter`` paces every request that names a chat to about 30 per
second overall. That is Telegram's limit for messages sent in bulk (announcements, reminders,
broadcasts), and werkbot keeps it for those, for every other edit and for group chats. But the
edit of a member's own ballot message that answers their own button press is a reply, not a
bulk send: queueing it behind a broadcast would leave the member staring at a stale ballot.
Such edits are marked with ``rate_limit_args=REPLY_EDIT`` and skip the overall queue in private
chats. A 429 with ``retry_after`` is still waited out and retried like every other request.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any

from telegram._utils.types import JSONDict
from telegram.error import RetryAfter
from telegram.ext import AIORateLimiter

from bot import metrics

#: Pass as ``rate_limit_args`` on an edit that answers the member's own press.
REPLY_EDIT = 7_000_000


class ReplyAwareRateLimiter(AIORateLimiter):
    """AIORateLimiter that does not queue a member's own ballot edit behind bulk sends."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | JSONDict | list[JSONDict]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | JSONDict | list[JSONDict]:
        if rate_limit_args == REPLY_EDIT:
            rate_limit_args = None  # the default number of retries
            if _private_chat(data.get("chat_id")):
                data = {key: value for key, value in data.items() if key != "chat_id"}

        async def counted(*call_args: Any, **call_kwargs: Any) -> bool | JSONDict | list[JSONDict]:
            try:
                return await callback(*call_args, **call_kwargs)
            except RetryAfter:
                metrics.TELEGRAM_429.inc()
                raise

        return await super().process_request(counted, args, kwargs, endpoint, data, rate_limit_args)


def _private_chat(chat_id: object) -> bool:
    try:
        return int(str(chat_id)) > 0
    except ValueError:
        return False
