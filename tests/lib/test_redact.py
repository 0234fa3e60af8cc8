import logging

from commentdesk.lib.redact import RedactSecretsFilter, redact_secrets


def test_a_capability_urls_secret_is_replaced():
    line = '"GET /comments/4/mine/17/AbC-123_x/ HTTP/1.1" 200'
    assert redact_secrets(line) == '"GET /comments/4/mine/17/[secret]/ HTTP/1.1" 200'


def test_other_paths_are_left_alone():
    assert redact_secrets("/comments/4/?sort=newest") == "/comments/4/?sort=newest"


def test_log_records_lose_the_secret_before_any_handler_sees_it():
    record = logging.LogRecord(
        "django.request",
        logging.WARNING,
        __file__,
        1,
        "Not Found: %s",
        ("/x/mine/2/s3cr3t/",),
        None,
    )
    assert RedactSecretsFilter().filter(record)
    assert record.getMessage() == "Not Found: /x/mine/2/[secret]/"
