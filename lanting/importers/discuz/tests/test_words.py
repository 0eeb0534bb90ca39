import pytest
from django.core.management import call_command

from lanting.importers.discuz.tests.test_import import _execute_on_source
from lanting.moderation import wordfilter
from lanting.moderation.models import CensorWord

pytestmark = pytest.mark.django_db


def test_the_word_filter_comes_over_with_discuz_semantics(discuz_dsn, settings, tmp_path):
    dsn, attachments = discuz_dsn
    settings.MEDIA_ROOT = tmp_path / "media"
    _execute_on_source(
        dsn,
        "INSERT INTO pre_common_word (admin, type, find, replacement) VALUES "
        "('admin', 2, '代办', '{BANNED}'), "
        "('admin', 2, '加微信', '{MOD}'), "
        "('admin', 1, '坏蛋', '好人'), "
        "('admin', 2, '/v[x]?信\\\\s*\\\\d{5,}/', '{MOD}'), "
        "('admin', 1, '/(a+)+$/', '{BANNED}'), "
        "('admin', 1, '发{2}票', '{BANNED}')",
    )
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))
    words = {w.find: (w.action, w.replacement, w.category) for w in CensorWord.objects.all()}
    assert words["代办"] == ("banned", "", "广告")
    assert words["加微信"] == ("mod", "", "广告")
    assert words["坏蛋"] == ("replace", "好人", "政治")
    assert words["/v[x]?信\\s*\\d{5,}/"][0] == "mod"
    assert "/(a+)+$/" not in words  # a catastrophic pattern is reported, not imported
    verdict = wordfilter.check("专业代办, 开发个票, 坏蛋, 加V信 1234567")
    assert verdict.banned == ["代办", "发{2}票"]
    assert verdict.needs_review and "好人" in verdict.text
    # A second run changes nothing and adds nothing.
    call_command("import-discuz", "--dsn", dsn, "--attachments", str(attachments))
    assert CensorWord.objects.count() == len(words)
