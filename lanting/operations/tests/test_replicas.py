"""Read replicas: the router and middleware, and pages read through a stand-in replica.

The stand-in is a second connection to the test database, set up as Django's test mirror
of ``default`` (``TEST: {"MIRROR": "default"}``, as ``DATABASE_REPLICA_URL`` configures
it): queries counted on it prove the reads went there.
"""

import copy
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connections, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lanting.accounts.models import User
from lanting.conftest import PASSWORD
from lanting.forum import services as forum_services
from lanting.forum.models import Board, Post, Section, Thread
from lanting.operations import replicas

ROUTER = "lanting.operations.replicas.ReplicaRouter"
MIDDLEWARE = "lanting.operations.replicas.ReplicaMiddleware"


# The alias must exist before the test databases are set up (a mirror is pointed at its
# primary's test database then). Nothing routes to it outside the tests that ask.
if replicas.REPLICA not in connections.settings:
    _config = copy.deepcopy(connections.settings["default"])
    _config["TEST"] = {**_config.get("TEST", {}), "MIRROR": "default"}
    connections.settings[replicas.REPLICA] = _config


@pytest.fixture
def replica(settings: Any) -> Iterator[Any]:
    """The "replica" connection, with the router and middleware on."""
    settings.DATABASE_ROUTERS = [ROUTER]
    settings.MIDDLEWARE = [settings.MIDDLEWARE[0], MIDDLEWARE, *settings.MIDDLEWARE[1:]]
    yield connections[replicas.REPLICA]


def test_reads_go_to_the_replica_only_where_a_request_allows_it():
    router = replicas.ReplicaRouter()
    assert router.db_for_read(Thread) == "default"  # no request: a command, a job
    token = replicas.reading(replica=True)
    try:
        assert router.db_for_read(Thread) == "replica"
        assert router.db_for_read(User) == "default"  # who may do what: never stale
        assert router.db_for_write(Post) == "default"
        assert router.db_for_read(Thread) == "default"  # the request wrote: read your writes
    finally:
        replicas.done(token)
    token = replicas.reading(replica=False)  # a POST, or a browser pinned after writing
    try:
        assert router.db_for_read(Thread) == "default"
    finally:
        replicas.done(token)
    assert router.allow_migrate("default", "forum")
    assert not router.allow_migrate("replica", "forum")


@pytest.mark.django_db(transaction=True)  # a test's own transaction would pin it
def test_reads_inside_a_transaction_stay_on_the_primary():
    router = replicas.ReplicaRouter()
    token = replicas.reading(replica=True)
    try:
        with transaction.atomic():
            assert router.db_for_read(Thread) == "default"
        assert router.db_for_read(Thread) == "replica"
    finally:
        replicas.done(token)


@pytest.mark.django_db(transaction=True, databases=["default", "replica"])
def test_pages_read_the_replica_and_a_member_who_posts_reads_the_primary(replica):
    board = Board.objects.create(
        section=Section.objects.create(name="社区生活"), name="生活杂谈", slug="life"
    )
    author = User(username="louzhu", email="louzhu@example.com", email_verified=True)
    author.set_password(PASSWORD)
    author.save()
    thread = forum_services.create_thread(
        board=board, title="周末去哪儿玩", author=author, body="大家推荐一下。"
    )
    primary = connections["default"]

    guest = Client()
    with CaptureQueriesContext(replica) as on_replica:
        assert guest.get(f"/forum/{board.slug}/").status_code == 200
    assert any("forum_thread" in q["sql"] for q in on_replica.captured_queries)

    member = Client()
    assert (
        member.post("/accounts/login/", {"username": "louzhu", "password": PASSWORD}).status_code
        == 302
    )
    with (
        CaptureQueriesContext(replica) as on_replica,
        CaptureQueriesContext(primary) as on_primary,
    ):
        response = member.post(
            f"/thread/{thread.pk}/reply/", {"body": "我刚回的帖", "markup": "bbcode"}
        )
        assert response.status_code == 302
        assert replicas.PIN_COOKIE in response.cookies  # pinned to the primary for a while
        page = member.get(f"/thread/{thread.pk}/")
    assert "我刚回的帖" in page.content.decode()
    assert not on_replica.captured_queries  # the reply and the page after it: the primary
    assert any("forum_post" in q["sql"] for q in on_primary.captured_queries)

    with CaptureQueriesContext(replica) as on_replica:
        assert guest.get(f"/thread/{thread.pk}/").status_code == 200
    assert any("forum_post" in q["sql"] for q in on_replica.captured_queries)


@pytest.mark.django_db(transaction=True)
def test_a_page_changed_within_the_replica_lag_is_not_kept_for_guests(settings):
    """It may have been read from a replica the change had not reached yet."""
    settings.LANTING_REPLICA_LAG_SECONDS = 60
    board = Board.objects.create(
        section=Section.objects.create(name="社区生活"), name="生活杂谈", slug="life"
    )
    author = User.objects.create(username="louzhu", email="louzhu@example.com")
    thread = forum_services.create_thread(board=board, title="标题", author=author, body="正文")
    guest = Client()
    answers = [guest.get(f"/thread/{thread.pk}/").get("X-Page-Cache") for _ in range(3)]
    assert "hit" not in answers
    settings.LANTING_REPLICA_LAG_SECONDS = 0
    answers = [guest.get(f"/thread/{thread.pk}/").get("X-Page-Cache") for _ in range(3)]
    assert answers[-1] == "hit"
