"""Find links in a comment (with or without a scheme) and the domains they point to."""

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

import regex

# Common top-level domains for links written without a scheme ("buy-now.shop/deal").
_BARE_TLDS = (
    "com|net|org|info|biz|io|co|me|ru|cn|tk|top|xyz|shop|online|site|club|vip|win|link|click|"
    "ly|gl|to|cc|us|uk|de|kr|vn|hk|tw|la|kh|mm|app|dev|live|store|tv"
)
_LINK = regex.compile(
    r"(?i)\b(?:https?://|www\.)[^\s<>\"'()\[\]{}]+"
    rf"|\b(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_BARE_TLDS})\b(?:/[^\s<>\"'()\[\]{{}}]*)?"
)
_TRAILING = ".,;:!?)]}'\"»”’"


@dataclass(frozen=True)
class Link:
    url: str
    domain: str
    start: int  # in the text given
    end: int


def find_links(text: str) -> list[Link]:
    """Links in ``text``; full-width and other compatibility forms are read as ASCII."""
    compatible = unicodedata.normalize("NFKC", text)
    source = compatible if len(compatible) == len(text) else text
    links = []
    for match in _LINK.finditer(source):
        url = match.group().rstrip(_TRAILING)
        start = match.start()
        parsed = urlsplit(url if "://" in url else "http://" + url)
        domain = (parsed.hostname or "").lower().removeprefix("www.")
        if domain:
            links.append(Link(url=url, domain=domain, start=start, end=start + len(url)))
    return links


def domain_in(domain: str, domains: list[str]) -> bool:
    return any(domain == d or domain.endswith("." + d) for d in domains)
