"""The captcha widget's styles are a static file the page links (id ``altcha-css``), so the
widget adds no <style> element, which the site's Content-Security-Policy would refuse. The
file must stay the styles the widget carries: after an update of altcha.min.js, copy them
again (this test prints what differs)."""

import re
from pathlib import Path

STATIC = Path(__file__).resolve().parent.parent / "static" / "accounts"


def _styles_in_widget() -> str:
    script = (STATIC / "altcha.min.js").read_text()
    start = script.index("}(':root {") + 3  # the styles are the argument of the injector
    end = start
    while script[end] != "'":
        end += 2 if script[end] == "\\" else 1
    literal = script[start:end]
    assert set(re.findall(r"\\(.)", literal)) <= {"n", "t"}  # no other escape to undo
    return literal.replace("\\n", "\n").replace("\\t", "\t")


def test_the_linked_styles_are_the_widgets_own():
    linked = (STATIC / "altcha.css").read_text()
    comment_end = linked.index("*/\n") + 3
    assert linked[comment_end:] == _styles_in_widget()


def test_the_widget_skips_its_own_styles_when_the_page_has_them():
    script = (STATIC / "altcha.min.js").read_text()
    assert (
        't="altcha-css"){if("undefined"!=typeof document&&document&&!document.getElementById(t))'
        in script
    )
