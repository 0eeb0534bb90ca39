"""The demo's members look as if they had joined over the years, not all today."""

import datetime as dt
import zlib

from django.utils import timezone


def joined_on(username: str, *, staff: bool = False) -> dt.datetime:
    """A demo member's join date: spread over the years a Discuz! site has lived (the same
    name, the same day, so loading twice changes nothing); staff were there first."""
    if staff:
        return dt.datetime(2012, 3, 1, 9, 30, tzinfo=dt.UTC)
    days = 90 + zlib.crc32(username.encode()) % 2900
    return timezone.now().replace(microsecond=0) - dt.timedelta(days=days, minutes=days * 7)
