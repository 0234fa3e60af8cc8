"""Domain exceptions. Services raise them; the edges (forms, API, admin) translate them."""


class CommentdeskError(Exception):
    code = "error"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class SubmissionRefused(CommentdeskError):
    """A reader's comment was not stored. ``errors`` maps form fields to messages."""

    code = "invalid"

    def __init__(self, errors: dict[str, list[str]], code: str = "invalid"):
        super().__init__("; ".join(msg for msgs in errors.values() for msg in msgs))
        self.errors = errors
        self.code = code


class DecisionConflict(CommentdeskError):
    """The comment changed since the moderator looked at it (someone else decided it)."""

    code = "conflict"


class NotAllowed(CommentdeskError):
    code = "forbidden"


class RateLimited(SubmissionRefused):
    """Too many submissions in a short time. The edges answer 429 with Retry-After."""

    def __init__(self, message: str, *, scope: str, retry_after: int):
        super().__init__({"body": [message]}, code="rate_limited")
        self.scope = scope
        self.retry_after = retry_after
