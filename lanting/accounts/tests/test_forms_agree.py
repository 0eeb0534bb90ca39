"""The username field says what it takes, and takes what it says, on register and on log in."""

import re
from html.parser import HTMLParser

import pytest

from lanting.accounts.forms import LOGIN_MAX_LENGTH, USERNAME_MIN_LENGTH
from lanting.accounts.models import USERNAME_MAX_LENGTH
from lanting.conftest import PASSWORD

pytestmark = pytest.mark.django_db


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.by_id: dict[str, dict[str, str | None]] = {}
        self.all: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.all.append((tag, found))
        if found.get("id"):
            self.by_id[str(found["id"])] = found


def _parse(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def _help_text(html: str, field_id: str) -> str:
    found = re.search(rf'<div class="help" id="{field_id}_helptext">(.*?)</div>', html, re.S)
    assert found, field_id
    return found[1]


def test_register_username_holds_the_length_its_help_text_names(client):
    html = client.get("/accounts/register/").content.decode()
    field = _parse(html).by_id["id_username"]
    assert field["maxlength"] == str(USERNAME_MAX_LENGTH)
    assert field["minlength"] == str(USERNAME_MIN_LENGTH)
    assert f"{USERNAME_MIN_LENGTH} 到 {USERNAME_MAX_LENGTH}" in _help_text(html, "id_username")
    client.cookies["django_language"] = "en"
    english = client.get("/accounts/register/?lang=en").content.decode()
    assert f"{USERNAME_MIN_LENGTH} to {USERNAME_MAX_LENGTH} characters" in english


def test_every_aria_describedby_on_register_and_login_points_at_the_page(client):
    for path in ("/accounts/register/", "/accounts/login/"):
        page = _parse(client.get(path).content.decode())
        described = [a["aria-describedby"] for _tag, a in page.all if a.get("aria-describedby")]
        if path.endswith("register/"):
            assert described  # the help texts are tied to their fields
        for ids in described:
            for target in str(ids).split():
                assert target in page.by_id, (path, target)


def test_an_over_long_username_gets_the_help_texts_message(client):
    answer = client.post(
        "/accounts/register/",
        {"username": "x" * (USERNAME_MAX_LENGTH + 1), "email": "long@example.com"},
    )
    assert answer.status_code == 200
    assert (
        f"用户名长度为 {USERNAME_MIN_LENGTH} 到 {USERNAME_MAX_LENGTH} 个字符"
        in answer.content.decode()
    )


def test_login_takes_an_email_address_longer_than_any_username(client, make_member):
    address = "a.very.long.mailbox.name@subdomain.example.org"
    assert len(address) > USERNAME_MAX_LENGTH
    make_member("longmail", email=address)
    html = client.get("/accounts/login/").content.decode()
    field = _parse(html).by_id["id_username"]
    assert field["maxlength"] == str(LOGIN_MAX_LENGTH)
    assert field["autocomplete"] == "username"
    answer = client.post("/accounts/login/", {"username": address, "password": PASSWORD})
    assert answer.status_code == 302
