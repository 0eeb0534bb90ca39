import random

import pytest

from lanting.forum.markup import render_body
from lanting.forum.models import Post
from lanting.importers.discuz.posts import render_bbcode

TRICKY = [
    "伦敦租房，二手 tax",
    "a\nb\n\nc",
    "\nleading and trailing\n",
    "\n\n\ntwo kept\n\n",
    "a & b < c > \"d\" 'e' &amp; &nbsp;",
    "  lead  and   runs\tand\ttabs  ",
    "x\r\ny\rz",
    "no\xa0break\xa0\xa0spaces",
    "see http://example.com/a?b=1&c=2 ok",
    "emoji 😀 and 中文 and ｆｕｌｌ ｗｉｄｔｈ",
    "",
    " ",
    "\n",
    # not plain: these take the full renderer, and must still agree
    "[b]bold[/b] text",
    "smile :) and {:1_2:}",
    "semi ;P colon a:b",
    "bell \x07 char",
]


@pytest.mark.parametrize("body", TRICKY)
def test_plain_text_short_cut_renders_as_the_forum_does(body):
    assert render_bbcode(body) == render_body(Post.Markup.BBCODE, body)


def test_plain_text_short_cut_agrees_on_random_text():
    rng = random.Random(7)
    alphabet = [*"ab 中文\n\t\r&<>\"'\xa0.,!?-_/=+#%*~^`|@$0123456789😀", "  ", "\n\n"]
    for _ in range(2000):
        body = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert render_bbcode(body) == render_body(Post.Markup.BBCODE, body), repr(body)
