"""A second publisher for browser tests: host pages on another origin that embed the widget."""

import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from commentdesk.demo.publisher import make_server
from commentdesk.public.snippet import embed_snippet

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<title>{title} · Host</title></head>
<body><h1>{title}</h1><p>The article text.</p>{snippet}</body></html>"""


@contextmanager
def publisher_server(directory: Path, *, app_url: str):
    """Serve ``directory`` on a free port, named as another *site* than the app's (localhost
    against 127.0.0.1, or the other way round), so the widget runs as a third-party frame."""
    server = make_server(directory, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    name = "127.0.0.1" if urlsplit(app_url).hostname == "localhost" else "localhost"
    try:
        yield f"http://{name}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def write_host_page(
    directory: Path, name: str, *, base_url: str, story_url: str, title: str, lang: str = ""
) -> str:
    snippet = embed_snippet(base_url=base_url, story_url=story_url, story_title=title, lang=lang)
    (directory / name).write_text(PAGE.format(title=title, snippet=snippet), encoding="utf-8")
    return name
