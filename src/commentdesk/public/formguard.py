"""CSRF protection for readers' forms that needs no cookie.

Readers' forms live in a third-party iframe where cookies are blocked, so Django's cookie
CSRF cannot work there. A form carries a signed, expiring token naming its story, and the
browser's own Origin / Sec-Fetch-Site headers must say the post comes from our pages.
"""

from django.core import signing
from django.http import HttpRequest
from django.utils.translation import gettext as _

TOKEN_MAX_AGE = 6 * 3600
_SALT = "commentdesk.public.form"


def issue_form_token(story_id: int) -> str:
    return signing.TimestampSigner(salt=_SALT).sign(str(story_id))


def form_token_problem(token: str, story_id: int) -> str | None:
    """None when the token is good for this story, else a reader-facing explanation."""
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token or "", max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired:
        return _("This form was open too long. Your text is kept below: please send it again.")
    except signing.BadSignature:
        return _("This form could not be verified. Your text is kept below: please send it again.")
    if value != str(story_id):
        return _("This form belongs to another story.")
    return None


def cross_site_problem(request: HttpRequest) -> str | None:
    """None when the browser says the post came from one of our own pages.

    Sec-Fetch-Site is set by the browser and cannot be forged by a page, so it decides when
    present. Older browsers send only Origin, which is "null" under our no-referrer policy.
    """
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site is not None:
        allowed = fetch_site in {"same-origin", "none"}
    else:
        allowed = request.headers.get("Origin") in (None, "null", own_origin(request))
    return None if allowed else _("Comments can only be sent from the comments form.")


def own_origin(request: HttpRequest) -> str:
    return f"{request.scheme}://{request.get_host()}"


def api_write_problem(request: HttpRequest, allowed_origins) -> str | None:
    """None when a JSON write may go ahead; else why not.

    No cookie is ever read, so a forged request gains nothing from a reader's session; still,
    a browser may only write from our own pages or the site's allowed origins. The API's
    parser requires ``Content-Type: application/json`` (and own-comment calls a secret
    header), so every cross-origin browser write is preflighted, and the CORS answer names
    only allowed origins. Clients that are not browsers send no
    Origin and no Sec-Fetch-Site and are judged by the same validation as everyone.
    """
    origin = request.headers.get("Origin")
    fetch_site = request.headers.get("Sec-Fetch-Site")
    if fetch_site in {"same-origin", "none"} and origin in (None, own_origin(request)):
        return None
    if origin is None and fetch_site is None:
        return None
    if origin == own_origin(request) or (origin and origin != "null" and origin in allowed_origins):
        return None
    return _("Comments for this site can only be sent from its own pages.")
