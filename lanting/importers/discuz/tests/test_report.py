"""The report at the end of a run: a table of the tables, and a file of every skip."""

import csv
import io
import json

import pytest
from django.core.management import call_command
from django.utils import translation

from lanting.importers.discuz.models import ImportRun, LegacyLink

pytestmark = pytest.mark.django_db


def _import(dsn, attachments, *extra, language="en"):
    out = io.StringIO()
    with translation.override(language):
        call_command(
            "import-discuz", "--dsn", dsn, "--attachments", str(attachments), *extra, stdout=out
        )
    return out.getvalue()


def test_the_report_is_a_table_of_rows_read_written_skipped_and_time(
    discuz_dsn, settings, tmp_path
):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    printed = _import(dsn, attachments, "--report", str(tmp_path / "report.json"))
    print(printed)
    lines = printed.splitlines()
    assert lines[0].split() == [
        "table",
        "read",
        "new",
        "changed",
        "unchanged",
        "skipped",
        "seconds",
    ]
    threads = next(line for line in lines if line.startswith("threads "))
    assert threads.split()[:6] == ["threads", "7", "5", "0", "0", "2"]
    float(threads.split()[6])  # the time it took
    assert "threads: 1 skipped: thread whose forum was deleted (e.g. thread 105)" in lines
    links = LegacyLink.objects.count()
    assert f"Old-URL map: {links} addresses" in lines
    assert (
        f"Skipped rows and warnings, with their reasons: {tmp_path / 'report.skips.csv'}" in lines
    )
    data = json.loads((tmp_path / "report.json").read_text())
    assert sum(data["old_url_map"].values()) == links
    assert data["old_url_map"]["thread"] == 5
    assert data["tables"]["threads"]["seconds"] >= 0


def test_every_skipped_row_is_listed_with_its_reason(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    skips = tmp_path / "skips" / "all.csv"
    _import(dsn, attachments, "--skips", str(skips))
    rows = list(csv.reader(skips.open(encoding="utf-8")))
    assert rows[0] == ["table", "row", "what", "reason"]
    assert ["threads", "thread 105", "skipped", "thread whose forum was deleted"] in rows
    assert ["posts", "post 1008", "skipped", "post whose thread was not imported"] in rows
    assert [
        "posts",
        "1007",
        "kept, with a warning",
        "author no longer exists (post kept, name shown)",
    ] in rows
    report = ImportRun.objects.get().report
    skipped = sum(sum(t["skipped"].values()) for t in report["tables"].values())
    warned = sum(sum(t["warnings"].values()) for t in report["tables"].values())
    assert len(rows) - 1 == skipped + warned


def test_without_report_or_skips_the_skips_go_to_var(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _import(dsn, attachments, "--dry-run")
    run = ImportRun.objects.get()
    assert run.report["skips_file"] == str(tmp_path / "var" / f"discuz-import-{run.pk}-skips.csv")
    assert "thread whose forum was deleted" in (tmp_path / "var").joinpath(
        f"discuz-import-{run.pk}-skips.csv"
    ).read_text(encoding="utf-8")


def test_the_report_speaks_chinese_on_a_chinese_site(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    printed = _import(dsn, attachments, "--skips", str(tmp_path / "s.csv"), language="zh-hans")
    lines = printed.splitlines()
    assert lines[0].split() == ["表", "读取", "新增", "更新", "未变", "跳过", "秒"]
    assert "主题：跳过 1 行：版块已删除的主题（例如 thread 105）" in lines
    assert any(line.startswith("旧地址对照表：") for line in lines)
    rows = list(csv.reader((tmp_path / "s.csv").open(encoding="utf-8")))
    assert rows[0] == ["表", "行", "处理", "原因"]
    assert ["主题", "thread 105", "跳过", "版块已删除的主题"] in rows
