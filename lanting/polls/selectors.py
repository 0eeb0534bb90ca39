"""Reading polls: the figures a poll block shows, in two queries at most."""

from dataclasses import dataclass, field

from lanting.polls.models import Poll, PollOption, Vote

VOTERS_SHOWN = 20  # names under each option, the latest first


@dataclass
class OptionResult:
    option: PollOption
    percent: int  # of all votes cast, rounded
    share: str  # the bar's length, of 100, e.g. "42.5"
    voters: list[str] = field(default_factory=list)


@dataclass
class PollResults:
    options: list[OptionResult]
    total_votes: int


def poll_results(poll: Poll) -> PollResults:
    options = list(PollOption.objects.filter(poll=poll).order_by("order", "pk"))
    total = sum(option.votes for option in options)
    rows = [
        OptionResult(
            option,
            round(100 * option.votes / total) if total else 0,
            f"{100 * option.votes / total:.1f}" if total else "0",
        )
        for option in options
    ]
    if poll.voters_public and total:
        by_option = {row.option.pk: row for row in rows}
        latest = (
            Vote.objects.filter(poll=poll)
            .select_related("member")
            .only("option_id", "member__username", "member__display_name")
            .order_by("-pk")[: VOTERS_SHOWN * len(rows)]
        )
        for vote in latest:
            row = by_option.get(vote.option_id)
            if row is not None and len(row.voters) < VOTERS_SHOWN:
                row.voters.append(vote.member.shown_name)
    return PollResults(rows, total)
