"""One masked CSRF token for all of a page's forms, and it is valid."""

import pytest
from django.middleware.csrf import _get_new_csrf_string, rotate_token
from django.test import RequestFactory

from lanting.core.csrf import masked, page_token

pytestmark = pytest.mark.django_db


def test_a_request_masks_its_token_once_and_afresh_after_rotation():
    request = RequestFactory().get("/")
    first = page_token(request)
    assert page_token(request) == first
    rotate_token(request)  # as logging in does
    assert page_token(request) != first


def test_the_cheap_mask_is_one_django_unmasks_and_differs_each_time():
    from django.middleware.csrf import _unmask_cipher_token

    secret = _get_new_csrf_string()
    tokens = {masked(secret) for _ in range(200)}
    assert len(tokens) == 200
    assert all(len(t) == 64 and _unmask_cipher_token(t) == secret for t in tokens)
    assert len({t[0] for t in tokens}) > 40  # the mask's characters spread over all 62


def test_a_request_without_a_secret_gets_one_from_django():
    request = RequestFactory().get("/")
    token = page_token(request)
    assert request.META["CSRF_COOKIE"] and request.META["CSRF_COOKIE_NEEDS_UPDATE"]
    assert len(token) == 64
