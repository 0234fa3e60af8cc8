"""Who may frame the comments pages: the site's allowed origins, through CSP frame-ancestors.

One function builds the directive so a global Content-Security-Policy can merge it.
"""

from django.http import HttpResponse


def frame_ancestors(allowed_origins) -> str:
    origins = [origin for origin in allowed_origins if origin and origin != "null"]
    return "frame-ancestors " + " ".join(["'self'", *origins])


def allow_framing_by(response: HttpResponse, allowed_origins) -> HttpResponse:
    """Set frame-ancestors; a CSP already on the response keeps its other directives."""
    directive = frame_ancestors(allowed_origins)
    existing = [
        part.strip()
        for part in response.headers.get("Content-Security-Policy", "").split(";")
        if part.strip() and not part.strip().startswith("frame-ancestors")
    ]
    response["Content-Security-Policy"] = "; ".join([*existing, directive])
    return response
