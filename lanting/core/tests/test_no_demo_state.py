"""The test run uses none of what a demo served from this checkout leaves in var/."""

from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage


def test_static_media_and_the_shared_cache_are_the_runs_own():
    var = Path(settings.VAR_DIR).resolve()
    for folder in (staticfiles_storage.location, default_storage.location, settings.STATIC_ROOT):
        assert not Path(folder).resolve().is_relative_to(var), folder
    assert not Path(settings.LANTING_CHANGES_FILE).resolve().is_relative_to(var)


@pytest.mark.django_db
def test_favicon_ico_answers_with_the_site_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith(".png") and "/static/core/icon-192" in response["Location"]
    assert client.get(response["Location"]).status_code == 200
