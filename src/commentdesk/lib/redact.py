"""Keep readers' comment secrets out of logs.

A no-JavaScript reader's page of their own comment is a capability URL
(``/comments/<story>/mine/<comment>/<secret>/``); its secret must not reach a log file.
"""

import logging
import re

_SECRET_IN_PATH = re.compile(r"(/mine/\d+/)[^/\s?\"']+")


def redact_secrets(text: str) -> str:
    return _SECRET_IN_PATH.sub(r"\1[secret]", text)


class RedactSecretsFilter(logging.Filter):
    """A logging filter that rewrites each record's message without secrets."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = redact_secrets(message)
        if redacted != message:
            record.msg, record.args = redacted, ()
        return True
