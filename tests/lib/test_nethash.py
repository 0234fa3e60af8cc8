from django.test import RequestFactory, override_settings

from commentdesk.lib.nethash import client_address, hash_address


def test_the_same_address_hashes_alike_within_a_period():
    assert hash_address("203.0.113.9", now=1000.0) == hash_address("203.0.113.9", now=2000.0)


def test_the_hash_changes_when_the_key_rotates():
    day = 24 * 3600
    assert hash_address("203.0.113.9", now=10.0) != hash_address("203.0.113.9", now=10.0 + day)


def test_the_hash_does_not_contain_the_address():
    assert "203.0.113.9" not in hash_address("203.0.113.9")


def test_forwarded_for_is_ignored_without_trusted_proxies():
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
    assert client_address(request) == "10.0.0.1"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_forwarded_for_names_the_client_behind_one_trusted_proxy():
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 1.2.3.4"
    )
    assert client_address(request) == "1.2.3.4"
