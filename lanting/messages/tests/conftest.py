import pytest

from lanting.accounts.models import MemberGroup


@pytest.fixture
def people(make_member):
    return {name: make_member(name) for name in ["amy", "bob", "carol", "dan"]}


@pytest.fixture
def newcomer_rank(db):
    """The rank a member registered today holds (from the migrations: ten a day)."""
    return MemberGroup.objects.filter(kind=MemberGroup.Kind.RANK, min_credits__lte=0).order_by(
        "-min_credits"
    )[0]


@pytest.fixture(autouse=True)
def _in_english():
    """Refusals are checked in English (the site's default language is zh_Hans)."""
    from django.utils import translation

    with translation.override("en"):
        yield
