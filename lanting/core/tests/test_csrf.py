"""One masked CSRF token for all of a page's forms, and it is valid."""

import pytest
from django.middleware.csrf import rotate_token
from django.test import RequestFactory

from lanting.core.csrf import page_token

pytestmark = pytest.mark.django_db


def test_a_request_masks_its_token_once_and_afresh_after_rotation():
    request = RequestFactory().get("/")
    first = page_token(request)
    assert page_token(request) == first
    rotate_token(request)  # as logging in does
    assert page_token(request) != first
