"""A cheap Argon2 for the suite: the same algorithm and hash format, a fraction of the cost.

Production's Argon2 spends about a quarter of a second and 100 MB on every password, on
purpose. Tests create thousands of members, so they hash with one pass over 1 MB instead;
the hashes still read "argon2$…" and verify with the production hasher.
"""

from django.contrib.auth.hashers import Argon2PasswordHasher


class QuickArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 1024
    parallelism = 1
