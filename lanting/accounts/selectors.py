from django.shortcuts import get_object_or_404

from lanting.accounts.models import User


def member_by_username(username: str) -> User:
    return get_object_or_404(User, username=username, is_active=True)
