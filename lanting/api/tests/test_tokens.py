"""Personal tokens: made on the settings page, shown once, kept hashed, revoked for good."""

import hashlib
import re

import pytest
from django.test import Client

from lanting.api.models import ApiToken
from lanting.api.services import MAX_TOKENS, create_token, token_for

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_as_a_prefix_and_a_hash_never_in_clear(member):
    made = create_token(member=member, name="新闻机器人", scope="write")
    row = ApiToken.objects.get()
    assert made.plain.startswith(f"lt_{row.prefix}_")
    assert made.plain not in {row.prefix, row.hashed, row.name}
    assert row.hashed == hashlib.sha256(made.plain.encode()).hexdigest()
    assert token_for(made.plain) == row
    assert token_for(made.plain[:-1] + ("A" if made.plain[-1] != "A" else "B")) is None
    assert token_for("lt_nothing") is None


def test_a_revoked_token_no_longer_works(client, member):
    made = create_token(member=member, name="bot", scope="read")
    assert client.get("/api/site", HTTP_AUTHORIZATION=f"Bearer {made.plain}").status_code == 200
    ApiToken.objects.update(revoked_at="2026-01-01T00:00:00Z")
    refused = client.get("/api/site", HTTP_AUTHORIZATION=f"Bearer {made.plain}")
    assert refused.status_code == 401
    assert refused.json()["error"]["code"] == "invalid_token"


def test_a_bad_token_is_refused_never_read_as_a_guest(client, db):
    for header in ("Bearer lt_abcdefgh_wrong", "Basic dXNlcjpwYXNz", "Bearer"):
        response = client.get("/api/site", HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header


def test_a_disabled_member_s_token_stops_working(client, member):
    made = create_token(member=member, name="bot", scope="read")
    member.is_active = False
    member.save()
    assert client.get("/api/site", HTTP_AUTHORIZATION=f"Bearer {made.plain}").status_code == 401


def test_token_names_and_counts_are_checked(member):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        create_token(member=member, name="   ", scope="read")
    with pytest.raises(ValidationError):
        create_token(member=member, name="x", scope="admin")
    for number in range(MAX_TOKENS):
        create_token(member=member, name=f"bot {number}", scope="read")
    with pytest.raises(ValidationError):
        create_token(member=member, name="one too many", scope="read")


def test_the_settings_page_links_to_the_tokens_page(client, member):
    client.force_login(member)
    assert 'href="/accounts/settings/tokens/"' in client.get("/accounts/settings/").content.decode()


def test_a_member_makes_a_token_sees_it_once_and_revokes_it(member):
    browser = Client()
    browser.force_login(member)
    made = browser.post("/accounts/settings/tokens/", {"name": "微信桥", "scope": "write"})
    assert made.status_code == 201
    page = made.content.decode()
    row = ApiToken.objects.get()
    start = page.index('id="new-token">') + len('id="new-token">')
    plain = page[start : page.index("</code>", start)]
    assert token_for(plain) == row
    assert made["Cache-Control"] == "no-store"
    again = browser.get("/accounts/settings/tokens/").content.decode()
    assert plain not in again and "微信桥" in again
    browser.post(f"/accounts/settings/tokens/{row.pk}/revoke/")
    assert token_for(plain) is None


def test_a_member_cannot_revoke_anothers_token(member, make_member):
    other = make_member("other")
    theirs = create_token(member=other, name="bot", scope="read")
    browser = Client()
    browser.force_login(member)
    browser.post(f"/accounts/settings/tokens/{theirs.token.pk}/revoke/")
    assert token_for(theirs.plain) is not None


def test_an_empty_name_is_said_on_the_page_with_the_choice_kept(member):
    browser = Client()
    browser.force_login(member)
    response = browser.post("/accounts/settings/tokens/", {"name": "", "scope": "write"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'class="errors"' in page
    assert re.search(r'value="write"[^>]*checked', page)  # the choice kept
    assert not ApiToken.objects.exists()


def test_guests_are_sent_to_log_in(client, db):
    response = client.get("/accounts/settings/tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_staff_see_and_revoke_tokens_in_the_admin_but_never_their_secret(admin_client, member):
    made = create_token(member=member, name="bot", scope="write")
    page = admin_client.get("/admin/api/apitoken/").content.decode()
    assert "bot" in page and made.plain not in page
    admin_client.post(
        "/admin/api/apitoken/",
        {"action": "revoke", "_selected_action": [made.token.pk]},
    )
    assert token_for(made.plain) is None
