"""Run in a server's environment: one web worker, as ``test_web_worker_modules`` needs it.

``python -m tests.prod.web_worker IDS_JSON`` loads the real WSGI application in this process,
warms it as ``commentdesk serve``'s gunicorn workers do, serves it over HTTP on a free port in
a thread, then uses it as a reader and as a moderator would. It prints, as JSON, what each
step answered and which modules of scikit-learn, SciPy and alt-profanity-check this process
imported.
"""

import gc
import json
import sys
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

from tests.prod import harness

BODY = "You are an idiot, and this report about the harbour is rubbish."
LIBRARIES = ("sklearn", "scipy", "profanity_check", "joblib")


class QuietHandler(WSGIRequestHandler):
    def log_message(self, *args):
        pass


def main() -> None:
    ids = json.loads(sys.argv[1])
    from commentdesk.ops import gunicorn_conf
    from commentdesk.wsgi import application

    gunicorn_conf.post_worker_init(None)
    frozen = gc.get_freeze_count()
    server = make_server("127.0.0.1", 0, application, handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url, story = f"http://127.0.0.1:{server.server_port}", ids["story"]

    submitted = harness.submit(url, story, BODY)
    moderator = harness.Moderator(url, "mod1")
    desk = harness.get(f"{url}/desk/", via=moderator.via)
    from commentdesk.core.models import Comment

    comment = Comment.objects.get(story_id=story)
    opened = moderator.open(comment.pk)
    approved = moderator.decide(comment.pk, "approve")
    page = harness.get(f"{url}/comments/{story}/")
    thread = harness.api(url, "GET", f"/stories/{story}/thread")
    # The 200th decision of a site queues a full retrain (scikit-learn, in the task worker).
    from commentdesk.screening.tasks import retrain_assistant

    retrain_assistant.enqueue(ids["site"])
    server.shutdown()
    print(  # noqa: T201
        json.dumps(
            {
                "frozen": frozen,
                "submitted": harness.acknowledged(submitted),
                "screening": Comment.objects.get(pk=comment.pk).screening,
                "desk": desk.status,
                "opened": opened.status,
                "approved": approved.status,
                "page_shows_it": BODY in page.body,
                "api_shows_it": BODY in thread.body,
                "imported": sorted(m for m in sys.modules if m.split(".")[0] in LIBRARIES),
            }
        )
    )


if __name__ == "__main__":
    main()
