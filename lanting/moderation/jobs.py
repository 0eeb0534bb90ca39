"""Moderation's periodic job: bans end on time, and the member's earlier group comes back."""

from lanting.jobs.queue import job
from lanting.moderation import services


@job(attempts=3, backoff=30)
def lift_expired_bans() -> int:
    return services.lift_expired_bans()
