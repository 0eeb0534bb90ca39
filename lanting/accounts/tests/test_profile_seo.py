"""A member's profile tells search engines whose page it is (ProfilePage + Person)."""

import json
import re
from typing import Any

import pytest

pytestmark = pytest.mark.django_db


def _json_ld(html: str) -> list[dict[str, Any]]:
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.DOTALL)
    return [json.loads(s) for s in scripts]


def test_a_profile_is_a_profile_page_of_a_person(client, make_member):
    member = make_member("xiaowang", display_name="小王", bio="住在伦敦。")
    html = client.get(member.get_absolute_url()).content.decode()
    [page] = _json_ld(html)
    url = f"http://testserver{member.get_absolute_url()}"
    assert page["@type"] == "ProfilePage"
    assert page["url"] == url
    assert page["dateCreated"]
    person = page["mainEntity"]
    assert person["@type"] == "Person"
    assert person["name"] == "小王"
    assert person["alternateName"] == "xiaowang"
    assert person["identifier"] == str(member.pk)
    assert person["description"] == "住在伦敦。"
    counts = {
        c["interactionType"]: c["userInteractionCount"] for c in person["interactionStatistic"]
    }
    assert counts == {"https://schema.org/WriteAction": 0, "https://schema.org/CommentAction": 0}
    assert '<meta name="description" content="住在伦敦。">' in html


def test_a_profile_without_a_bio_still_has_a_description(client, make_member):
    member = make_member("quiet")
    html = client.get(member.get_absolute_url()).content.decode()
    found = re.search(r'<meta name="description" content="([^"]+)">', html)
    assert found and "quiet" in found[1]
    assert "description" not in _json_ld(html)[0]["mainEntity"]
