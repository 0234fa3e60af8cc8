"""The public JSON API, version 1: one NinjaAPI, one router per resource."""

import json

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.parser import Parser

from commentdesk.api.errors import ApiProblem, register_exception_handlers
from commentdesk.api.routers import comments, stories


class JsonOnlyParser(Parser):
    """Request bodies must say they are JSON: a cross-origin browser must then preflight."""

    def parse_body(self, request: HttpRequest):
        if request.content_type != "application/json":
            raise ApiProblem(
                415,
                "unsupported_media_type",
                "Send the request body as JSON with Content-Type: application/json.",
            )
        try:
            return json.loads(request.body)
        except (ValueError, UnicodeDecodeError) as error:
            raise ApiProblem(400, "invalid_json", "The request body is not valid JSON.") from error


api = NinjaAPI(
    title="Commentdesk API",
    version="1",
    description=(
        "Read a story's published thread; submit, read, edit and withdraw one's own comment; "
        "report a comment. Errors are application/problem+json with a stable `code`."
    ),
    urls_namespace="api-v1",
    parser=JsonOnlyParser(),
    docs_url="/docs",
)
register_exception_handlers(api)
api.add_router("/stories", stories.router)
api.add_router("/comments", comments.router)
