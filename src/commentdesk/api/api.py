"""The public JSON API, version 1: one NinjaAPI, one router per resource."""

import json

from django.http import HttpRequest
from ninja import NinjaAPI
from ninja.parser import Parser

from commentdesk.api.errors import ApiProblem, register_exception_handlers
from commentdesk.api.routers import comments, stories
from commentdesk.lib.httpcache import PRIVATE_CACHE_CONTROL


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


class CommentdeskApi(NinjaAPI):
    def create_response(self, request, data, *, status=None, temporal_response=None):
        """Answers built from data are a reader's own (a comment and its secret): never stored
        by a cache. The public thread builds its own cacheable response."""
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        response.headers.setdefault("Cache-Control", PRIVATE_CACHE_CONTROL)
        return response


api = CommentdeskApi(
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
