"""The visitor's address, read one way by the login lockout and the sign-up rate limit:
REMOTE_ADDR, or behind PROXY_COUNT reverse proxies the address the outermost of them
wrote into X-Forwarded-For (entries further left are the visitor's own and may be forged)."""

import pytest
from axes.helpers import get_client_ip_address
from django.test import RequestFactory

from pzss.lib.client_address import client_address


def _request(xff: str | None = None, remote: str = "10.0.0.1"):
    extra = {"REMOTE_ADDR": remote}
    if xff is not None:
        extra["HTTP_X_FORWARDED_FOR"] = xff
    return RequestFactory().post("/", **extra)


@pytest.mark.parametrize(
    ("count", "xff", "expected"),
    [
        (0, None, "10.0.0.1"),
        (0, "203.0.113.5", "10.0.0.1"),  # no proxy: the header is the visitor's to forge
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "198.51.100.7, 203.0.113.5", "203.0.113.5"),  # the forged entry is ignored
        (2, "198.51.100.7, 203.0.113.5, 10.0.0.2", "203.0.113.5"),
        (1, None, "10.0.0.1"),  # not through the proxy: its own address
        (2, "203.0.113.5", "10.0.0.1"),  # fewer entries than proxies: not trusted
        (1, "not-an-address", "10.0.0.1"),
        (1, " 2001:db8::1 ", "2001:db8::1"),
    ],
)
def test_client_address_is_the_one_the_outermost_proxy_saw(settings, count, xff, expected):
    settings.PROXY_COUNT = count
    assert client_address(_request(xff)) == expected


@pytest.mark.parametrize("count", [0, 1])
def test_login_lockout_reads_the_same_address(settings, count):
    settings.PROXY_COUNT = count
    request = _request("198.51.100.7, 203.0.113.5")
    assert get_client_ip_address(request) == client_address(request)
