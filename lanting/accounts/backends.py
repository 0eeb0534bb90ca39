from functools import cache
from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.db import connection
from django.http import HttpRequest

from lanting.accounts.models import User
from lanting.accounts.services import member_groups


def find_member(login: str) -> User | None:
    """A member by username (any letter case) or by email address."""
    login = login.strip()
    if not login:
        return None
    field = "email__iexact" if "@" in login else "username__iexact"
    member = User.objects.filter(**{field: login}).first()
    if member is None and "@" in login:  # usernames may contain "@" too
        member = User.objects.filter(username__iexact=login).first()
    return member


def lockout_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """What django-axes counts failures against: the account, however it was named."""
    login = str((credentials or {}).get("username", ""))
    member = find_member(login)
    return member.username.lower() if member else login.strip().lower()


class UsernameOrEmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> User | None:
        if username is None or password is None:
            return None
        member = find_member(username)
        if member is None:
            User().set_password(password)  # same time as a real check: no account probing
            return None
        if member.check_password(password) and self.user_can_authenticate(member):
            return member
        return None

    def get_user(self, user_id: Any) -> User | None:
        """The member of a session, with the groups every page asks about from the cache."""
        try:
            pk = int(user_id)
        except (TypeError, ValueError):
            return None
        # Every member's request asks for this row: plain SQL, built once, costs half
        # of what the ORM spends compiling the same query each time.
        member = next(iter(User._default_manager.raw(_member_sql(), [pk])), None)
        if member is None or not self.user_can_authenticate(member):
            return None
        groups = member_groups()
        for field, group_id in (("group", member.group_id), ("rank", member.rank_id)):
            if group_id in groups:
                setattr(member, field, groups[group_id])
        return member


@cache
def _member_sql() -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in User._meta.concrete_fields)
    table, key = quote(User._meta.db_table), quote(User._meta.pk.column)
    return f"SELECT {columns} FROM {table} WHERE {key} = %s"  # noqa: S608  (names from the model)
