from django.contrib.auth import password_validation
from django.db import transaction

from lanting.accounts.models import User


@transaction.atomic
def register_member(*, username: str, email: str, password: str) -> User:
    user = User(username=username, email=email)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    return user
