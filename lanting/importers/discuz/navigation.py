"""The site's chrome from Discuz!: its name and registration switch (common_setting)
and the main and footer navigation (common_nav)."""

from django.utils.translation import gettext, gettext_noop

from lanting.core.models import NavItem, SiteSettings
from lanting.importers.discuz.links import links
from lanting.importers.discuz.models import LegacyLink
from lanting.importers.discuz.run import RunState
from lanting.markup.text import html_to_text


def settings_map(run: RunState) -> dict[str, str]:
    rows = run.source.fetch(
        f"SELECT skey, svalue FROM {run.source.table('common_setting')} "
        "WHERE skey IN ('bbname', 'sitename', 'timeoffset', 'regstatus')"
    )
    return {bytes(k).decode(): run.source.decoder.text(v, "setting") for k, v in rows}


def import_settings(run: RunState) -> None:
    values = settings_map(run)
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    if values.get("bbname"):
        site.name = values["bbname"][:80]
    if values.get("sitename"):
        site.short_name = values["sitename"][:40]
    if values.get("regstatus") == "0":
        site.registration = SiteSettings.Registration.CLOSED
    site.save()
    offset = values.get("timeoffset", "")
    if offset and offset not in {"0", "9999"}:
        run.notes.append(
            gettext(
                "The Discuz! site showed times at GMT%(offset)s: set LANTING_TIME_ZONE to "
                "the matching zone (e.g. Asia/Shanghai for +8)."
            )
            % {"offset": f"{int(float(offset)):+d}"}
        )


def import_navigation(run: RunState) -> None:
    report = run.report("navigation")
    rows = run.source.fetch(
        f"SELECT id, name, url, navtype, available, displayorder, identifier, target "
        f"FROM {run.source.table('common_nav')} WHERE navtype IN (0, 1) ORDER BY id"
    )
    sections = {
        "portal.php": "portal:home",
        "forum.php": "forum:index",
        "darkroom": "moderation:darkroom",
        "archiver": "archiver:index",
        "mobile": "core:mobile",
    }
    for nav_id, name, url, navtype, available, order, identifier, target in rows:
        report.read += 1
        if int(available) != 1:
            report.skip(gettext_noop("switched off on Discuz!"))
            continue
        label = html_to_text(run.source.decoder.text(name, "nav"))[:60]
        link = run.source.decoder.text(url, "nav")
        ident = run.source.decoder.text(identifier, "nav")
        section = sections.get(ident) or sections.get(link, "")
        if not section and not link.startswith(("http://", "https://")):
            report.skip(gettext_noop("Discuz!-only page (no Lanting equivalent)"), label)
            continue
        location = NavItem.Location.MAIN if int(navtype) == 0 else NavItem.Location.FOOTER
        existing = links(LegacyLink.Kind.NAV, [int(nav_id)])
        values = {
            "label": label,
            "location": location,
            "section": section,
            "url": "" if section else link,
            "order": int(order) % 32767,
            "new_tab": int(target or 0) == 1,
        }
        if existing:
            NavItem.objects.filter(pk=existing[int(nav_id)].new_id).update(**values)
            report.unchanged += 1
            continue
        item = NavItem.objects.create(**values)
        LegacyLink.objects.create(kind=LegacyLink.Kind.NAV, old_id=int(nav_id), new_id=item.pk)
        report.imported += 1
