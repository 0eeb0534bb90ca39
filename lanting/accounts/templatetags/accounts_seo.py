"""Structured data (JSON-LD) for member profiles, as search engines read a creator's page."""

from typing import Any

from django import template
from django.utils.safestring import SafeString

from lanting.accounts.models import User
from lanting.core.seo import json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def profile_json_ld(context: template.Context, member: User) -> SafeString:
    """A ProfilePage whose main entity is the member (Google's profile page markup)."""
    request = context["request"]
    url = request.build_absolute_uri(member.get_absolute_url())
    person: dict[str, Any] = {
        "@type": "Person",
        "name": member.shown_name,
        "alternateName": member.username,
        "identifier": str(member.pk),
        "url": url,
        "interactionStatistic": [
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/WriteAction",
                "userInteractionCount": member.post_count,
            },
            {
                "@type": "InteractionCounter",
                "interactionType": "https://schema.org/CommentAction",
                "userInteractionCount": member.comment_count,
            },
        ],
    }
    if member.bio:
        person["description"] = member.bio
    if member.avatar_large:
        person["image"] = request.build_absolute_uri(member.avatar_large.url)
    data: dict[str, Any] = {
        "@context": "https://schema.org",
        "@type": "ProfilePage",
        "url": url,
        "dateCreated": member.date_joined,
        "mainEntity": person,
    }
    return json_ld(data)
