"""The OpenAPI document is a contract: a change must be made on purpose."""

from django.test import Client

from tests.api.snapshot import SNAPSHOT, current_schema, render


def test_the_openapi_document_matches_the_committed_snapshot(db):
    assert render(current_schema()) == SNAPSHOT.read_text(encoding="utf-8"), (
        "The API schema changed. If on purpose, run `make openapi-snapshot` and commit it."
    )


def test_the_openapi_document_is_served_and_lists_the_endpoints(db):
    document = Client().get("/api/v1/openapi.json").json()
    operations = {op["operationId"] for path in document["paths"].values() for op in path.values()}
    assert operations == {
        "get_thread",
        "find_story",
        "submit_comment",
        "get_own_comment",
        "edit_own_comment",
        "delete_own_comment",
        "report_comment",
    }


def test_the_docs_page_loads_everything_from_our_own_server(db):
    html = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn" not in html.lower()
