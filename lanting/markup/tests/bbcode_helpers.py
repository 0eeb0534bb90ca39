import re
from html.parser import HTMLParser

from lanting.markup.bbcode import (
    AttachmentRef,
    bbcode_to_html,
)

REL = 'rel="nofollow noopener noreferrer"'
VOID_TAGS = {"br", "hr", "img"}
SAFE_URL = re.compile(r"(https?://|mailto:|/(?!/))", re.IGNORECASE)

ATTACHMENTS = {
    7: AttachmentRef(url="/media/forum/201905/photo.jpg", is_image=True, name="photo.jpg"),
    8: AttachmentRef(
        url="/media/forum/201905/map.png", is_image=True, name="map.png", width=640, height=480
    ),
    9: AttachmentRef(url="/media/forum/201905/rules.pdf", is_image=False, name="规则 <v2>.pdf"),
    10: AttachmentRef(url="javascript:alert(1)", is_image=False, name="evil"),
}


def render(source, **options):
    return bbcode_to_html(source, **options)


class _Structure(HTMLParser):
    """Records tags and attributes, and whether every element is closed in order."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.open = []
        self.misnested = []
        self.tags = set()
        self.attributes = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)
        if tag not in VOID_TAGS:
            self.open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes.extend((tag, name, value or "") for name, value in attrs)

    def handle_endtag(self, tag):
        if not self.open or self.open.pop() != tag:
            self.misnested.append(tag)


def assert_safe_and_well_formed(output):
    structure = _Structure()
    structure.feed(output)
    structure.close()
    assert structure.open == [], output[:500]
    assert structure.misnested == [], output[:500]
    assert "<script" not in output.lower()
    assert "<style" not in output.lower()
    for tag, name, value in structure.attributes:
        assert not name.lower().startswith("on"), (tag, name, value)
        if name in {"href", "src"}:
            assert SAFE_URL.match(value), (tag, name, value)
        if name == "style":
            assert "url(" not in value and "expression" not in value, value
            assert re.fullmatch(r"[a-z-]+: [#%\w ,.-]+(; [a-z-]+: [#%\w ,.-]+)*", value), value
    return structure
