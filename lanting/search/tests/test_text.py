"""Cutting text into terms, reading queries, and marking matches."""

import pytest

from lanting.search.text import (
    MAX_QUERY_TERMS,
    highlight,
    index_terms,
    parse_query,
    snippet,
    tokens,
)

pytestmark = pytest.mark.django_db  # the site dictionary is read from the database


def test_chinese_is_cut_into_words_and_the_words_inside_them():
    assert index_terms("我们在伦敦租房子") == "我们 在 伦敦 租房 房子 租房子"


def test_latin_words_are_folded_and_stemmed_and_split_from_digits():
    assert index_terms("Ｆｌａｔｓ in ZONE2, Café!") == "flat in zone 2 cafe"


def test_punctuation_and_emoji_are_not_terms():
    assert index_terms("。，！？😀🎉 -- ** ()") == ""


def test_tokens_point_back_into_the_original_text():
    text = "Ｆｌａｔ，伦敦"
    assert [(t.term, text[t.start : t.end]) for t in tokens(text)] == [
        ("flat", "Ｆｌａｔ"),
        ("伦敦", "伦敦"),
    ]


def test_query_keeps_phrases_in_order_and_terms_once():
    query = parse_query('伦敦 伦敦 "Zone 2" “伦敦租房”')
    assert query.terms == ["伦敦"]
    assert query.phrases == [["zone", "2"], ["伦敦", "租房"]]


def test_unclosed_quote_counts_as_loose_words():
    query = parse_query('flat "zone 2')
    assert query.terms == ["flat", "zone", "2"]
    assert query.phrases == []


def test_query_syntax_characters_are_only_ever_dropped():
    query = parse_query('NEAR(a b) * : & | ( ) " {title} ^x -y')
    assert query.terms == ["near", "a", "b", "titl", "x", "y"]
    assert all(term.isalnum() for term in query.terms)


def test_query_is_cut_to_a_few_terms():
    query = parse_query(" ".join(f"word{n}" for n in range(100)))
    assert len(query.terms) == MAX_QUERY_TERMS


def test_empty_and_meaningless_queries_are_empty():
    for raw in ["", "   ", "!!!", "😀", '""', "。，"]:
        assert parse_query(raw).is_empty


def test_highlight_marks_every_form_of_a_term_and_escapes_the_rest():
    marked = highlight("<b>Flats</b> & 伦敦租房 flat", {"flat", "伦敦"})
    assert marked == (
        "&lt;b&gt;<mark>Flats</mark>&lt;/b&gt; &amp; <mark>伦敦</mark>租房 <mark>flat</mark>"
    )


def test_snippet_is_a_window_around_the_first_match():
    text = "开头" * 200 + "伦敦租房" + "结尾" * 200
    shown = snippet(text, {"租房"}, length=40)
    assert shown.startswith("… ")
    assert shown.endswith(" …")
    assert "<mark>租房</mark>" in shown
    assert len(shown) < 80


def test_snippet_without_a_match_is_the_beginning():
    assert snippet("一二三四五", {"伦敦"}, length=3) == "一二三 …"


def _mixed_texts() -> list[str]:
    import random

    rng = random.Random(7)
    pieces = [
        "伦敦", "租房子", "押一付三", "，", "。", "Ｆｌａｔｓ", "Café", "ZONE2", " ", "eVisa",
        "ｅＶｉｓａ", "😀", "x" * 70, "伦" * 50, "ﾊﾝｶｸ", "①②", "e\u0301", "_", "汉字𠀀", "１２３",
        "the flats", "\n", "[b]", "東京", "Ⅻ", "ﬁne",
    ]  # fmt: skip
    texts = ["", "。。", "Hello", "伦敦" * 40]
    for _ in range(300):
        texts.append("".join(rng.choice(pieces) for _ in range(rng.randint(1, 30))))
    return texts


def test_index_terms_are_the_terms_of_tokens():
    for text in _mixed_texts():
        assert index_terms(text) == " ".join(t.term for t in tokens(text)), text
        assert index_terms(text) == index_terms(text)  # cut again, from what was kept


def test_runs_cut_before_the_site_words_changed_are_cut_again():
    from lanting.search import dictionary
    from lanting.search.models import DictionaryWord

    assert index_terms("押一付三") != "押一付三"
    DictionaryWord.objects.create(word="押一付三")
    dictionary.words_changed()
    try:
        assert index_terms("押一付三") == "押一付三"
        assert [t.term for t in tokens("押一付三")] == ["押一付三"]
    finally:
        DictionaryWord.objects.all().delete()
        dictionary.forget()
