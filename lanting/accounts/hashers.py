"""Discuz!/UCenter passwords, so imported members log in with what they know.

UCenter stores ``md5(md5(password) + salt)`` with a 6-character salt
(``uc_members.password`` and ``salt``; NOTES.md §c). Django calls this hasher
for hashes stored as ``discuz$<salt>$<md5>``; because Argon2 is first in
``PASSWORD_HASHERS``, a successful login re-hashes the password with Argon2.
"""

import hashlib
from typing import Any

from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_noop


def discuz_digest(password: str, salt: str) -> str:
    inner = hashlib.md5(password.encode(), usedforsecurity=False).hexdigest()
    return hashlib.md5((inner + salt).encode(), usedforsecurity=False).hexdigest()


class DiscuzPasswordHasher(BasePasswordHasher):
    algorithm = "discuz"

    def salt(self) -> str:
        return super().salt()[:6]

    def encode(self, password: str, salt: str) -> str:
        return f"{self.algorithm}${salt}${discuz_digest(password, salt)}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, salt, digest = encoded.split("$", 2)
        return {"algorithm": algorithm, "hash": digest, "salt": salt}

    def verify(self, password: str, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return constant_time_compare(discuz_digest(password, decoded["salt"]), decoded["hash"])

    def safe_summary(self, encoded: str) -> dict[Any, Any]:
        decoded = self.decode(encoded)
        return {
            gettext_noop("algorithm"): decoded["algorithm"],
            gettext_noop("salt"): mask_hash(decoded["salt"], show=2),
            gettext_noop("hash"): mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        return True  # never keep an md5 hash longer than one login

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass
