from dataclasses import dataclass
from typing import Any

from django import template

from lanting.portal.models import Article
from lanting.reactions.models import MOOD_ICONS, ArticleMood

register = template.Library()


@dataclass(frozen=True)
class MoodCount:
    value: int
    label: str
    icon: str
    count: int


@register.inclusion_tag("reactions/_mood_bar.html", takes_context=True)
def mood_bar(context: template.Context, article: Article) -> dict[str, Any]:
    """Discuz!'s 表态 under an article: each mood with its icon, its name and its count."""
    moods = [
        MoodCount(mood.value, str(mood.label), MOOD_ICONS[mood], getattr(article, f"click{mood}"))
        for mood in ArticleMood.Mood
    ]
    return {
        "article": article,
        "moods": moods,
        "user": context.get("user"),
        "csrf_token": context.get("csrf_token"),
    }
