"""This device's time zone, as a ZoneInfo where one can be found (for reminders and the demo)."""

from __future__ import annotations

import os
from datetime import datetime, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

_LOCALTIME = Path("/etc/localtime")


def local_zone() -> tzinfo:
    """The local zone: ``TZ`` if it names one, else /etc/localtime, else today's fixed offset.

    A real zone keeps reminders right across daylight-saving changes; the fixed offset (used
    where neither is available, e.g. on Windows) is right until the next change, and callers
    ask again at every check, so it catches up by itself.
    """
    name = os.environ.get("TZ", "").strip().lstrip(":")
    if name:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            pass
    try:
        with _LOCALTIME.open("rb") as file:
            return ZoneInfo.from_file(file, key="localtime")
    except (OSError, ValueError):
        pass
    return datetime.now().astimezone().tzinfo or ZoneInfo("UTC")
