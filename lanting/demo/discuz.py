"""The demo's imported Discuz! X3.4 sample: a small old site, run through the importer.

So an owner trying the demo can open an old ``forum.php?mod=viewthread&tid=100`` or
``article-1-1.html`` link and watch it answer 301 with the new page. It needs what
the importer needs: a MySQL or MariaDB server (``LANTING_DEMO_DISCUZ_DSN``, by default
root on 127.0.0.1:3306) and Discuz!'s own install SQL (``LANTING_DISCUZ_INSTALL_DIR``,
by default ``../shared/discuz-x3.4`` beside the checkout), which Lanting does not ship.
Without them the demo says so and goes on without the sample.
"""

import os
from pathlib import Path
from typing import TextIO

from django.conf import settings

from lanting.importers.discuz import navigation
from lanting.importers.discuz.runner import STEPS, Importer

DATABASE = "lanting_demo_discuz"
OLD_SECTION = "旧站 · Discuz! 导入"
OLD_CATEGORY = "旧站文章"
# The demo's old site is the sample less Discuz!'s default boards (电影, 交友, … as owners
# delete them), its board group and portal category named so a visitor sees where they
# came from, and its copy of the seed article marked as the old site's.
TIDY: list[tuple[str, tuple[str, ...]]] = [
    ("DELETE FROM pre_forum_forum WHERE fid NOT IN (1, 100, 101)", ()),
    ("DELETE FROM pre_forum_forumfield WHERE fid NOT IN (1, 100, 101)", ()),
    ("UPDATE pre_forum_forum SET name = %s WHERE fid = 1", (OLD_SECTION,)),
    ("UPDATE pre_portal_category SET catname = %s WHERE catid = 50", (OLD_CATEGORY,)),
    ("UPDATE pre_portal_article_title SET title = CONCAT(%s, title) WHERE aid = 1", ("【旧站】",)),
]


class SampleImporter(Importer):
    """The importer without the site's name and navigation: the demo keeps its own."""

    steps = [
        s for s in STEPS if s not in (navigation.import_settings, navigation.import_navigation)
    ]


def _install_dir() -> Path:
    default = Path(settings.BASE_DIR).parent.parent / "shared" / "discuz-x3.4"
    return Path(os.environ.get("LANTING_DISCUZ_INSTALL_DIR", str(default)))


def load_discuz_sample(out: TextIO, *, database: str = DATABASE) -> bool:
    """Build the sample site in MySQL/MariaDB and import it; False (and why) when it cannot."""
    import pymysql

    from lanting.importers.discuz.models import ImportRun
    from lanting.importers.discuz.sample import write_site
    from lanting.importers.discuz.source import DiscuzSource, parse_dsn
    from lanting.importers.discuz.sqlfile import load_install_files

    server = os.environ.get("LANTING_DEMO_DISCUZ_DSN", "mysql://root@127.0.0.1:3306")
    folder = _install_dir()
    if not (folder / "install.sql").is_file():
        out.write(
            f"Discuz! sample skipped: no Discuz! X3.4 install SQL in {folder} "
            "(set LANTING_DISCUZ_INSTALL_DIR).\n"
        )
        return False
    params = parse_dsn(server.rstrip("/") + "/mysql")
    try:
        connection = pymysql.connect(
            host=params["host"],
            port=params["port"],
            user=params["user"],
            password=params["password"],
            charset="utf8mb4",
            autocommit=True,
        )
    except pymysql.MySQLError as error:
        out.write(
            f"Discuz! sample skipped: no MySQL/MariaDB at {params['host']}:{params['port']} "
            f"({error.args[-1]}); set LANTING_DEMO_DISCUZ_DSN to import it.\n"
        )
        return False
    attachments = Path(settings.MEDIA_ROOT).parent / "demo-discuz" / "attachment"
    with connection.cursor() as cursor:
        # Made anew each time, the same rows: the import finds them unchanged and skips them.
        cursor.execute(f"DROP DATABASE IF EXISTS `{database}`")
        cursor.execute(f"CREATE DATABASE `{database}` CHARACTER SET utf8")
        cursor.execute(f"USE `{database}`")
        load_install_files(cursor, folder)
        write_site(cursor, attachments)
        for statement, values in TIDY:
            cursor.execute(statement, values)
    connection.close()
    source = DiscuzSource(f"{server.rstrip('/')}/{database}")
    run = ImportRun.objects.create(dsn_host=params["host"], database=database)
    try:
        run.report = SampleImporter(source, attachments=attachments, out=out).run()
    finally:
        source.close()
    run.save()
    out.write(
        "Discuz! sample imported: old links such as /forum.php?mod=viewthread&tid=100 work.\n"
    )
    return True
