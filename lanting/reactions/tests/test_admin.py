import pytest

from lanting.favorites import services as favorite_services
from lanting.reactions import services
from lanting.reactions.models import PostVote

pytestmark = pytest.mark.django_db


def test_staff_see_votes_moods_and_favourites_in_the_admin_in_chinese(
    admin_client, settings, reply, member, article
):
    services.vote_on_post(member=member, post=reply, attitude=PostVote.Attitude.SUPPORT)
    services.react_to_article(member=member, article=article, mood=4)
    favorite_services.add_favorite(member=member, item=reply.thread)
    admin_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    for path, words in (
        ("/admin/reactions/postvote/", ["帖子评价", "支持"]),
        ("/admin/reactions/articlemood/", ["文章表态", "鲜花"]),
        ("/admin/favorites/favorite/", ["收藏", "主题"]),
    ):
        page = admin_client.get(path)
        assert page.status_code == 200, path
        for word in words:
            assert word in page.content.decode(), (path, word)
