"""Who may read the health check and the metrics: the machine itself and the networks the
owner names (``LANTING_OPS_NETWORKS``); from anywhere else they are not found."""

import ipaddress
from functools import cache

from django.conf import settings
from django.http import HttpRequest

from lanting.core.ratelimit import client_ip


@cache
def _networks() -> tuple[ipaddress.IPv4Network | ipaddress.IPv6Network, ...]:
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False)
        for part in settings.LANTING_OPS_NETWORKS.split(",")
        if part.strip()
    )


def may_look(request: HttpRequest) -> bool:
    try:
        address = ipaddress.ip_address(client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in _networks())
