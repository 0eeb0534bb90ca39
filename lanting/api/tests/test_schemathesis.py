"""The API against its own OpenAPI schema, with schemathesis: every check on.

Requests are generated from the live schema and sent to the whole Django stack (its
WSGI handler, middleware included), on a small forum with a hidden board, an article
and a member's read+write token. Any 5xx, or any response the schema does not allow,
fails. The runs are bounded (``max_examples``) so the suite stays quick.
"""

import copy
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck
from schemathesis.generation import GenerationMode

from lanting.forum.models import Post, Thread

pytestmark = pytest.mark.django_db

SETTINGS = hypothesis.settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@pytest.fixture
def api_schema(forum, article, member, token_for, settings) -> Iterator[Any]:
    settings.LANTING_API_IP_PER_MINUTE = settings.LANTING_API_TOKEN_PER_MINUTE = 100_000
    # As Django's test client does: the test's transaction is the requests' connection,
    # so the handler must not close it when a request ends.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        schema = schemathesis.openapi.from_wsgi("/api/openapi.json", WSGIHandler())
        # The member's token goes with every request; no made-up credentials beside it
        # (a random session cookie next to a good token is not "invalid auth accepted").
        # NUL bytes are refused before any view, site-wide (core's RejectHostileRequest):
        # a test of its own covers them (test_limits_and_errors).
        schema.config.generation.update(with_security_parameters=False, allow_x00=False)
        # Over WSGI nothing unzips: ask for plain bodies (gzip has tests of its own).
        schema.config.update(
            headers={
                "Authorization": f"Bearer {token_for(member)}",
                "Accept-Encoding": "identity",
            }
        )
        yield schema
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _operations() -> list[str]:
    from lanting.api.api import api

    paths = api.get_openapi_schema()["paths"]
    return [f"{method.upper()} {path}" for path, methods in paths.items() for method in methods]


@pytest.mark.parametrize("label", _operations())
def test_every_operation_keeps_to_its_schema(api_schema, label):
    method, path = label.split(" ", 1)
    operation = api_schema[path][method]
    # schemathesis' own pytest runner (schema.parametrize) does not run on pytest 9 yet:
    # its positive and negative generation are driven here, one operation per test.
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
        @SETTINGS
        def check(case):
            case.call_and_validate()

        try:
            check()
        except hypothesis.errors.Unsatisfiable:
            assert mode == GenerationMode.NEGATIVE  # no parameters at all: nothing to break


def _pinned_to_the_data(raw: dict[str, Any], values: dict[str, list[Any]]) -> dict[str, Any]:
    """The schema with each path parameter limited to rows that exist, so that a scenario
    starts from real boards and threads and follows the links from what it creates."""
    for operations in raw["paths"].values():
        for operation in operations.values():
            for parameter in operation.get("parameters", []):
                if parameter["in"] == "path" and parameter["name"] in values:
                    parameter["schema"] = {**parameter["schema"], "enum": values[parameter["name"]]}
    return raw


def test_stateful_links_keep_to_the_schema(api_schema, forum, article):
    thread, secret = forum["thread"], forum["secret"]
    raw = _pinned_to_the_data(
        copy.deepcopy(api_schema.raw_schema),
        {
            "slug": ["life", "office"],
            "thread_id": [thread.pk, secret.pk],
            "post_id": [p.pk for p in Post.objects.all()],
            "article_id": [article.pk],
            "username": ["louzhu", "reader"],
        },
    )
    pinned = schemathesis.openapi.from_dict(raw)
    pinned.app = api_schema.app
    pinned.config.generation.update(with_security_parameters=False, allow_x00=False)
    pinned.config.update(headers=dict(api_schema.config.headers or {}))
    pinned.as_state_machine().run(
        settings=hypothesis.settings(
            SETTINGS, max_examples=10, stateful_step_count=8, phases=[hypothesis.Phase.generate]
        )
    )
    assert Thread.objects.count() > 2  # scenarios started threads and went on from them
