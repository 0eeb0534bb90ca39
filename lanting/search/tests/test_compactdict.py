"""jieba over the compact trie cuts text exactly as jieba over its own dictionary."""

import jieba  # type: ignore[import-untyped]
import pytest

from lanting.demo import benchdata
from lanting.search import compactdict


@pytest.fixture(scope="module")
def reference() -> jieba.Tokenizer:
    """jieba as shipped: its dictionary in a Python dict (60 MB, this test only)."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer


def _texts() -> list[str]:
    texts = [
        *benchdata._demo_forum_texts(),
        *benchdata._demo_article_texts(),
        *benchdata._demo_comment_texts(),
        "我们在伦敦东区租房子押一付三，地铁二区很方便，代购包邮。Zone 2 的 studio 月租￡1200",
    ]
    assert len(texts) > 100
    return texts


def test_the_default_tokenizer_uses_the_trie():
    compactdict.install()
    assert isinstance(jieba.dt.FREQ, compactdict.CompactFrequencies)
    assert len(jieba.dt.FREQ.trie) > 300_000


@pytest.mark.parametrize("mode", ["default", "search"])
def test_same_words_as_jieba(reference, mode):
    compactdict.install()
    for text in _texts():
        assert list(jieba.tokenize(text, mode=mode)) == list(reference.tokenize(text, mode=mode))


def test_same_words_with_site_words_added(reference):
    compactdict.install()
    added, total = dict(jieba.dt.FREQ.added), jieba.dt.total
    try:
        for word in ("押一付三", "伦敦华人网"):
            jieba.add_word(word)
            reference.add_word(word)
        for text in [*_texts(), "租房子押一付三伦敦华人网"]:
            assert list(jieba.tokenize(text, mode="search")) == list(
                reference.tokenize(text, mode="search")
            )
        assert jieba.lcut("押一付三伦敦华人网") == ["押一付三", "伦敦华人网"]
    finally:  # jieba's words as they were, for the other tests
        jieba.dt.FREQ.added.clear()
        jieba.dt.FREQ.added.update(added)
        jieba.dt.total = total
