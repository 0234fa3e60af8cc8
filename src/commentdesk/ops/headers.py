"""Security headers on every response: a strict Content-Security-Policy and friends.

The policy allows nothing inline ('unsafe-inline' never appears) and nothing from another
origin. A view may set its own ``Content-Security-Policy`` header (the comments page sets
``frame-ancestors`` to its site's allowed origins): its directives replace the same-named
defaults and every other default stays, so no view can drop the rest of the policy by accident.
Django's SecurityMiddleware already sends nosniff, Referrer-Policy, COOP and HSTS.
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

HEADER = "Content-Security-Policy"


def parse_policy(value: str) -> dict[str, str]:
    """Directive name -> its source list, in order; the first of a repeated name wins."""
    policy: dict[str, str] = {}
    for part in value.split(";"):
        name, _, sources = part.strip().partition(" ")
        if name:
            policy.setdefault(name.lower(), sources.strip())
    return policy


def render_policy(policy: dict[str, str]) -> str:
    return "; ".join(f"{name} {sources}".strip() for name, sources in policy.items())


def merged_policy(view_header: str | None) -> str:
    policy = dict(settings.CONTENT_SECURITY_POLICY)
    if view_header:
        policy.update(parse_policy(view_header))
    return render_policy(policy)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response[HEADER] = merged_policy(response.get(HEADER))
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if _signed_in(request):
            # Moderator pages show unpublished comments: never keep them in any cache.
            patch_cache_control(response, private=True, no_store=True)
        return response


def _signed_in(request) -> bool:
    # Only a request carrying a session cookie can be a moderator's: others need no lookup.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated
