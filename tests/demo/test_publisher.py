"""The demo's second publisher: static pages on another origin that embed the widget."""

import threading
import urllib.request

from commentdesk.demo.articles import ARTICLES
from commentdesk.demo.publisher import make_server, write_pages


def test_the_publisher_pages_embed_every_article_with_the_snippet(tmp_path):
    write_pages(tmp_path, base_url="http://127.0.0.1:8000")
    for article in ARTICLES:
        page = (tmp_path / f"{article.slug}.html").read_text(encoding="utf-8")
        assert f'data-story-url="{article.url}"' in page
        assert '<script src="http://127.0.0.1:8000/embed.js" async></script>' in page
    assert "ngo-letter.html" in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_the_publisher_serves_its_pages(tmp_path):
    write_pages(tmp_path, base_url="http://127.0.0.1:8000")
    server = make_server(tmp_path, port=0)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/ngo-letter.html"
        with urllib.request.urlopen(url) as response:  # noqa: S310 (a local test server)
            assert b"data-commentdesk" in response.read()
    finally:
        server.shutdown()
        server.server_close()
