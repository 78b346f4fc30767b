"""Links as Telegram keeps them: checked text-link URLs and ``tg://user?id=`` mentions."""

from __future__ import annotations

import re
from typing import Final

_USER_LINK_RE: Final = re.compile(r"tg:(?://)?user\?id=(\d+)", re.IGNORECASE)
_SCHEME_RE: Final = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*)://(.*)", re.DOTALL)
_DOMAIN_RE: Final = re.compile(
    r"(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+[A-Za-z]{2,}(?::\d{1,5})?(?:[/?#].*)?",
    re.DOTALL,
)


def checked_link(url: str) -> str | None:
    """The URL a text link gets on Telegram, or None when Telegram drops the link.

    An approximation of TDLib's ``LinkManager::get_checked_link``: http(s), tg and ton URLs are
    kept (a bare http(s) host gets its trailing slash), a scheme-less domain gets ``http://``.
    """
    url = url.strip()
    if not url:
        return None
    match = _SCHEME_RE.fullmatch(url)
    if match is None:
        if url.lower().startswith("tg:"):
            return url
        if _DOMAIN_RE.fullmatch(url):
            return _with_root_path(f"http://{url}")
        return None
    scheme, rest = match.group(1).lower(), match.group(2)
    if scheme in ("tg", "ton"):
        return url if rest else None
    if scheme not in ("http", "https") or not re.split(r"[/?#]", rest, maxsplit=1)[0]:
        return None
    return _with_root_path(url)


def _with_root_path(url: str) -> str:
    """Add the "/" path Telegram shows after a bare host."""
    host_and_rest = url.split("://", 1)[1]
    return url if re.search(r"[/?#]", host_and_rest) else f"{url}/"


def _link_user_id(url: str) -> int | None:
    """The user id of a ``tg://user?id=`` link (a text mention), if ``url`` is one."""
    match = _USER_LINK_RE.fullmatch(url.strip())
    return int(match.group(1)) if match and int(match.group(1)) > 0 else None
