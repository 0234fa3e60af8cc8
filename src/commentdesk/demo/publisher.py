"""The demo's second publisher: a static article page on another origin that embeds the widget.

``commentdesk demo`` writes the pages (the same snippet integrators paste) and serves them
on port 8001 beside the app, so cross-origin embedding is seen working. Tests serve the same
pages from a free port.
"""

import argparse
import functools
import os
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from django.utils.html import escape

from commentdesk.demo.articles import ARTICLES
from commentdesk.public.snippet import embed_snippet

PAGE = """<!doctype html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · The Other Gazette</title>
<link rel="stylesheet" href="gazette.css"></head>
<body><header><a href="index.html">The Other Gazette</a> <span>a second publisher, on
another origin, embedding Commentdesk with the snippet</span></header>
<main><h1>{title}</h1>{paragraphs}
<h2>Readers' comments</h2>
{snippet}
</main></body></html>
"""
STYLE = """body { margin: 0; font: 17px/1.6 system-ui, sans-serif; background: #fbfaf7; }
header { padding: 0.75rem 1.25rem; background: #6b1d1d; color: #fff; }
header a { color: #fff; font-weight: 800; font-size: 1.3rem; text-decoration: none; }
main { max-width: 44rem; margin: 0 auto; padding: 1rem 1.25rem; }
.commentdesk-noscript { width: 100%; height: 1400px; border: 0; }
"""


def write_pages(directory: Path, *, base_url: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    links = []
    for article in ARTICLES:
        paragraphs = "".join(
            f"<p>{escape(text)}</p>" for _heading, texts in article.sections for text in texts
        )
        snippet = embed_snippet(base_url=base_url, story_url=article.url, story_title=article.title)
        page = PAGE.format(
            lang=article.language,
            title=escape(article.title),
            paragraphs=paragraphs,
            snippet=snippet,
        )
        (directory / f"{article.slug}.html").write_text(page, encoding="utf-8")
        links.append(f'<li><a href="{article.slug}.html">{escape(article.title)}</a></li>')
    index = PAGE.format(
        lang="en", title="Latest", paragraphs=f"<ul>{''.join(links)}</ul>", snippet=""
    ).replace("<h2>Readers' comments</h2>", "")
    (directory / "index.html").write_text(index, encoding="utf-8")
    (directory / "gazette.css").write_text(STYLE, encoding="utf-8")
    return directory


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # readers' addresses are never logged
        pass


def make_server(directory: Path, host: str = "127.0.0.1", port: int = 0) -> ThreadingHTTPServer:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    return ThreadingHTTPServer((host, port), handler)


def _stop_with_parent(server: ThreadingHTTPServer, parent: int) -> None:
    """The server lives exactly as long as the demo that started it."""
    while os.getppid() == parent:
        threading.Event().wait(1)
    server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--directory", type=Path, required=True)
    parser.add_argument("--port", type=int, default=8001)
    args = parser.parse_args()
    server = make_server(args.directory, port=args.port)
    threading.Thread(target=_stop_with_parent, args=(server, os.getppid()), daemon=True).start()
    server.serve_forever()


if __name__ == "__main__":
    main()
