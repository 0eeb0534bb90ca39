"""Token writes by members the site asks for the captcha: refused, saying where to post.

A token cannot solve the puzzle; letting tokens past it would give every spammer who
registered once a way round it. So the API answers 403 ``captcha_required`` until the
member has the posts the owner asks for.
"""

import pytest

from lanting.core.models import SiteSettings
from lanting.core.selectors import forget_site_chrome
from lanting.forum.models import Post

pytestmark = pytest.mark.django_db


@pytest.fixture
def captcha_below_3(db):
    site = SiteSettings.objects.filter(pk=1).first() or SiteSettings(pk=1)
    site.posting_captcha_posts = 3
    site.save()
    forget_site_chrome()


def test_a_member_with_few_posts_is_refused_in_the_one_error_shape(
    as_member, member, forum, captcha_below_3
):
    thread = forum["thread"]
    response = as_member(member).post(
        f"/api/threads/{thread.pk}/posts", {"body": "用令牌发帖"}, content_type="application/json"
    )
    assert response.status_code == 403
    error = response.json()["error"]
    assert error["code"] == "captcha_required"
    assert "API" in error["message"] and "3" in error["message"]
    assert not Post.objects.filter(author=member).exists()


def test_members_past_the_number_and_staff_write_as_before(
    as_member, make_member_with_rank, forum, captcha_below_3
):
    thread = forum["thread"]
    for writer in (make_member_with_rank("laoshou", post_count=3), forum["staff"]):
        response = as_member(writer).post(
            f"/api/threads/{thread.pk}/posts", {"body": "照常"}, content_type="application/json"
        )
        assert response.status_code == 201
