import time

import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError

from lanting.moderation import wordfilter
from lanting.moderation.models import CensorWord

pytestmark = pytest.mark.django_db


def _word(find, action="banned", replacement=""):
    word = CensorWord(find=find, action=action, replacement=replacement)
    word.full_clean()
    word.save()
    return word


def test_banned_word_is_found_whatever_its_case():
    _word("Cheap Watches")
    verdict = wordfilter.check("buy CHEAP watches here")
    assert verdict.banned == ["Cheap Watches"] and verdict.refused
    assert "含有禁止的词语" in verdict.refusal()


def test_mod_word_sends_the_text_to_review_and_keeps_it():
    _word("代办", action="mod")
    verdict = wordfilter.check("专业代办签证")
    assert verdict.needs_review and not verdict.banned and verdict.text == "专业代办签证"


def test_replacement_is_put_in_and_empty_replacement_is_stars():
    _word("傻瓜", action="replace", replacement="朋友")
    _word("damn", action="replace")
    assert wordfilter.check("你这个傻瓜, damn").text == "你这个朋友, **"


def test_longest_replacement_wins_where_words_overlap():
    _word("abc", action="replace", replacement="X")
    _word("abcdef", action="replace", replacement="Y")
    assert wordfilter.check("zabcdefz abc").text == "zYz X"


def test_discuz_wildcard_matches_up_to_n_characters_between():
    _word("代{2}办")
    assert wordfilter.check("我们代理人员办").banned == []
    assert wordfilter.check("我们代理办").banned == ["代{2}办"]


def test_regex_pattern_between_slashes():
    _word(r"/v[x]?信\s*\d{5,}/", action="mod")
    assert wordfilter.check("加V信 123456").needs_review
    assert not wordfilter.check("加微信").needs_review


def test_adding_a_word_rebuilds_the_filter_at_once():
    assert wordfilter.check("spamword").banned == []
    _word("spamword")
    assert wordfilter.check("spamword").banned == ["spamword"]
    CensorWord.objects.all().delete()
    assert wordfilter.check("spamword").banned == []


@pytest.mark.parametrize(
    ("find", "says"),
    [
        ("/(a+)+b/", "repeats a repeat"),
        ("/(\\w*)*x/", "repeats a repeat"),
        ("/(a)\\1/", "Back-references"),
        ("/(?=a)b/", "look-arounds"),
        ("/[unclosed/", "not a pattern"),
        ("/a*/", "empty text"),
        ("   ", "Enter a word"),
    ],
)
def test_invalid_or_catastrophic_patterns_are_refused_with_a_reason(find, says, settings):
    settings.LANGUAGE_CODE = "en"
    from django.utils import translation

    with translation.override("en"), pytest.raises(ValidationError) as error:
        _word(find)
    assert says in str(error.value)
    assert not CensorWord.objects.exists()


def test_the_admin_refuses_a_bad_pattern_on_the_page_and_keeps_it(admin_client):
    response = admin_client.post(
        "/admin/moderation/censorword/add/", {"find": "/(x+)+y/", "action": "banned"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "(x+)+y" in html and "errorlist" in html
    assert not CensorWord.objects.exists()
    ok = admin_client.post(
        "/admin/moderation/censorword/add/", {"find": "/x+y/", "action": "banned"}
    )
    assert ok.status_code == 302
    assert CensorWord.objects.get().added_by is not None
    assert CensorWord in site._registry


def test_duplicate_word_is_refused_whatever_its_case():
    _word("Spam")
    with pytest.raises(ValidationError):
        _word("spam")


def test_filtering_is_bounded_in_time_for_a_hostile_text():
    _word(r"/(a|aa)b/")
    _word(r"/a.{0,50}a.{0,50}a.{0,50}c/")
    hostile = "a" * 100_000
    started = time.monotonic()
    verdict = wordfilter.check(hostile)
    assert time.monotonic() - started < 1.0
    assert not verdict.banned


def test_a_text_too_long_to_read_waits_for_review():
    assert wordfilter.check("x" * (wordfilter.TEXT_MAX + 1)).needs_review


def test_ten_thousand_words_in_one_pass():
    CensorWord.objects.bulk_create(
        [CensorWord(find=f"词{i:05d}", action="banned") for i in range(10_000)]
    )
    wordfilter.words_changed()
    text = ("正常的帖子内容 normal text " * 400)[:10_000] + "词09999"
    started = time.monotonic()
    verdict = wordfilter.check(text)
    assert verdict.banned == ["词09999"]
    wordfilter.check(text)
    assert time.monotonic() - started < 5
