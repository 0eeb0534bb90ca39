from lanting.jobs.queue import job
from lanting.polls import services


@job(attempts=3)
def announce_ended_polls() -> int:
    return services.announce_ended_polls()
