"""One way to show a time everywhere: 2026-12-3 22:02 in the reader's time zone, in a <time>.

Discuz!'s own form (its default ``dateformat`` Y-n-j and ``timeformat`` H:i), as the
seed page shows it: months and days without a leading zero, hours and minutes with.

The ``datetime`` attribute carries the moment to the second with its offset (the
HTML checker refuses more than three digits of a second).
"""

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()


def shown_day(value: dt.date) -> str:
    return f"{value.year}-{value.month}-{value.day}"


def shown_moment(value: dt.datetime) -> str:
    return f"{shown_day(value)} {value:%H:%M}"


def _local(value: dt.datetime) -> dt.datetime:
    return timezone.localtime(value) if timezone.is_aware(value) else value


def iso_moment(value: dt.datetime | dt.date) -> str:
    """The machine-readable form: seconds and offset for a time, the day for a date."""
    if isinstance(value, dt.datetime):
        return _local(value).replace(microsecond=0).isoformat()
    return value.isoformat()


@register.filter
def iso(value: dt.datetime | dt.date | None) -> str:
    return iso_moment(value) if value else ""


@register.filter
def when(value: dt.datetime | None) -> SafeString | str:
    """<time datetime="…">2026-12-3 22:02</time>."""
    if not value:
        return ""
    shown = shown_moment(_local(value))
    return format_html('<time datetime="{}">{}</time>', iso_moment(value), shown)


@register.filter
def day(value: dt.datetime | dt.date | None) -> SafeString | str:
    """<time datetime="…">2026-12-3</time>."""
    if not value:
        return ""
    local = _local(value) if isinstance(value, dt.datetime) else value
    return format_html('<time datetime="{}">{}</time>', iso_moment(value), shown_day(local))


@register.simple_tag
def clock() -> SafeString:
    """The site's time now, with the zone's name: GMT, 2026-12-3 22:02."""
    now = timezone.localtime()
    return format_html(
        '<time datetime="{}">{}, {}</time>', iso_moment(now), now.strftime("%Z"),
        shown_moment(now),
    )  # fmt: skip
