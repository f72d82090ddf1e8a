"""Secrets out of text that is shown or logged: the user:password part of a URL."""

from __future__ import annotations

import re

# scheme://user:password@host or scheme://token@host: everything between :// and the last @ before
# the host's end is userinfo (RFC 3986), and it may hold a password or a key.
_USERINFO = re.compile(r"(?P<scheme>\b[A-Za-z][A-Za-z0-9+.-]{0,30}://)[^/\s@?#]{1,2048}@")


def redact_urls(text: str) -> str:
    """``text`` with the credentials of every URL in it replaced by ``***``.

    ``http://admin:pw@host/v1`` becomes ``http://***@host/v1``; text without URLs is unchanged.
    """
    return _USERINFO.sub(r"\g<scheme>***@", text)
