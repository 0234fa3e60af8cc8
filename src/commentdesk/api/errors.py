"""Every API error is application/problem+json with a stable ``code`` and per-field messages.

Domain exceptions from core.services are translated here, once, for every endpoint.
"""

from http import HTTPStatus

from django.http import Http404, HttpRequest, JsonResponse
from django.utils.translation import gettext as _
from ninja.errors import HttpError, ValidationError

from commentdesk.core.services.errors import NotAllowed, RateLimited, SubmissionRefused
from commentdesk.core.services.reader import EditWindowClosed, OwnCommentNotFound
from commentdesk.core.services.threads import BadCursor


class ApiProblem(Exception):
    """Raised by an endpoint to answer with a problem document."""

    def __init__(self, status: int, code: str, detail: str, errors=None):
        super().__init__(detail)
        self.status, self.code, self.detail, self.errors = status, code, detail, errors or {}


def problem(status: int, code: str, detail: str, errors=None) -> JsonResponse:
    body = {
        "type": "about:blank",
        "title": HTTPStatus(status).phrase,
        "status": status,
        "code": code,
        "detail": detail,
        "errors": errors or {},
    }
    return JsonResponse(
        body,
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


# Pydantic's error types, as sentences a reader can act on (like healthchecks' CUSTOM_ERRORS).
def _messages():
    return {
        "missing": _("This field is required."),
        "bool_type": _("Give true or false."),
        "bool_parsing": _("Give true or false."),
        "int_type": _("Give a whole number."),
        "int_parsing": _("Give a whole number."),
        "string_type": _("Give text."),
        "literal_error": _("Choose one of the listed values."),
        "json_invalid": _("The request body is not valid JSON."),
        "model_attributes_type": _("The request body must be a JSON object."),
    }


def _field_errors(exc: ValidationError) -> dict[str, list[str]]:
    messages = _messages()
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        names = [str(part) for part in error.get("loc", ()) if part not in {"body", "payload"}]
        field = names[-1] if names else "non_field_errors"
        if field.isdigit() or field in {"query", "path", "header"}:
            field = "non_field_errors"
        errors.setdefault(field, []).append(messages.get(error.get("type"), error.get("msg", "")))
    return errors


def register_exception_handlers(api) -> None:
    @api.exception_handler(ApiProblem)
    def on_problem(request: HttpRequest, exc: ApiProblem):
        return problem(exc.status, exc.code, exc.detail, exc.errors)

    @api.exception_handler(RateLimited)
    def on_rate_limited(request: HttpRequest, exc: RateLimited):
        response = problem(429, exc.code, exc.message, exc.errors)
        response["Retry-After"] = str(exc.retry_after)
        return response

    @api.exception_handler(SubmissionRefused)
    def on_refused(request: HttpRequest, exc: SubmissionRefused):
        status = 404 if exc.code == "not_found" else 422
        detail = _("The comment was not accepted: see the message for each field.")
        return problem(status, exc.code, detail, exc.errors)

    @api.exception_handler(OwnCommentNotFound)
    def on_not_own(request: HttpRequest, exc: OwnCommentNotFound):
        return problem(404, exc.code, exc.message)

    @api.exception_handler(EditWindowClosed)
    def on_window(request: HttpRequest, exc: EditWindowClosed):
        return problem(409, exc.code, exc.message)

    @api.exception_handler(NotAllowed)
    def on_not_allowed(request: HttpRequest, exc: NotAllowed):
        return problem(403, exc.code, exc.message)

    @api.exception_handler(BadCursor)
    def on_cursor(request: HttpRequest, exc: BadCursor):
        return problem(400, "invalid_cursor", str(exc), {"cursor": [str(exc)]})

    @api.exception_handler(ValidationError)
    def on_validation(request: HttpRequest, exc: ValidationError):
        errors = _field_errors(exc)
        detail = _("The request was not accepted: see the message for each field.")
        return problem(422, "invalid", detail, errors)

    @api.exception_handler(Http404)
    def on_404(request: HttpRequest, exc: Http404):
        return problem(404, "not_found", _("Not found."))

    @api.exception_handler(HttpError)
    def on_http_error(request: HttpRequest, exc: HttpError):
        cause = exc.__cause__  # ninja wraps what the body parser raised
        if isinstance(cause, ApiProblem):
            return on_problem(request, cause)
        return problem(exc.status_code, "error", str(exc))
