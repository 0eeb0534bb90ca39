from lanting.demo.seed import ARTICLE
from lanting.markup import summary


def test_seed_body_gives_its_first_200_characters_and_dots():
    body = "".join(f"<p>{p}</p>" for p in ARTICLE["paragraphs"])
    text = " ".join(ARTICLE["paragraphs"])
    shown = summary(body)
    assert shown == text[:200] + " ..."
    # Paragraphs are separated by a space, unlike Discuz!'s "Monday.Washington".
    assert "Monday. Washington" in shown
