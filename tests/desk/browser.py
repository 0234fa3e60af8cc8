"""Helpers for the desk's browser tests: a signed-in page, CSP watching, and axe-core."""

from pathlib import Path

from django.conf import settings
from django.test import Client

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def signed_in_page(browser, live_server, user):
    """A new browser context whose session belongs to ``user``; CSP violations are collected."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    page.csp_violations = []
    page.on(
        "console",
        lambda message: (
            "Content Security Policy" in message.text and page.csp_violations.append(message.text)
        ),
    )
    page.on("pageerror", lambda error: page.csp_violations.append(f"page error: {error}"))
    return page


SERIOUS = ("serious", "critical")


def axe_violations(page, *, strict: bool = False) -> list[dict]:
    """Run axe-core in the page (through the DevTools protocol, so the page's CSP holds) and
    return its serious and critical violations.

    ``strict``: every violation whatever its impact, and every check axe could not decide
    except colour contrast (undecidable where elements overlap, as the sticky context panel
    does). The desk holds itself to that.
    """
    assert AXE.exists(), f"{AXE} is missing: run `make install` (npm ci)"
    page.evaluate(AXE.read_text())
    result = page.evaluate("axe.run(document)")
    found = result["violations"]
    if strict:
        found = found + [v for v in result["incomplete"] if v["id"] != "color-contrast"]
    else:
        found = [v for v in found if v["impact"] in SERIOUS]
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"][:3]]}
        for v in found
    ]
