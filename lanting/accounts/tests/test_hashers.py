import pytest

from lanting.accounts.hashers import discuz_digest
from lanting.accounts.models import User

pytestmark = pytest.mark.django_db


def test_discuz_digest_is_md5_of_md5_and_salt():
    # UCenter: md5(md5('123456') . 'a1b2c3'); md5('123456') = e10adc3949ba59abbe56e057f20f883e.
    assert discuz_digest("123456", "a1b2c3") == "333cb042f8bbb18037919adc325b3d7c"


def test_imported_member_logs_in_with_the_old_password_and_is_upgraded(client):
    salt = "9f3kQz"
    member = User.objects.create(
        username="老会员",
        email="old@example.com",
        password=f"discuz${salt}${discuz_digest('伦敦2008', salt)}",
    )
    response = client.post("/accounts/login/", {"username": "老会员", "password": "伦敦2008"})
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.password.startswith("argon2$")
    assert member.check_password("伦敦2008")


def test_wrong_password_does_not_log_in_an_imported_member(client):
    member = User.objects.create(
        username="oldie",
        email="o@example.com",
        password=f"discuz$abcdef${discuz_digest('right', 'abcdef')}",
    )
    response = client.post("/accounts/login/", {"username": "oldie", "password": "wrong"})
    assert response.status_code == 200
    member.refresh_from_db()
    assert member.password.startswith("discuz$")
