"""CORS on the JSON API: only the sites' allowed origins, never an arbitrary or null one."""

import pytest
from django.test import Client


@pytest.fixture
def reader():
    return Client()


def preflight(client, origin, path="/api/v1/comments"):
    return client.options(
        path,
        headers={
            "Origin": origin,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )


def test_an_allowed_origin_may_call_the_api_without_credentials(site_a, reader):
    response = preflight(reader, "https://a.example")
    assert response.status_code == 204
    assert response["Access-Control-Allow-Origin"] == "https://a.example"
    assert "POST" in response["Access-Control-Allow-Methods"]
    assert "Content-Type" in response["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in response
    assert "Origin" in response["Vary"]


@pytest.mark.parametrize("origin", ["https://evil.example", "null", "https://a.example.evil"])
def test_other_origins_are_never_reflected(site_a, story_a, reader, origin):
    assert "Access-Control-Allow-Origin" not in preflight(reader, origin)
    response = reader.get(f"/api/v1/stories/{story_a.pk}/thread", headers={"Origin": origin})
    assert response.status_code == 200  # public data, but the browser keeps it from the page
    assert "Access-Control-Allow-Origin" not in response
    assert "Origin" in response["Vary"]


def test_reads_from_an_allowed_origin_see_the_etag(story_a, reader):
    response = reader.get(
        f"/api/v1/stories/{story_a.pk}/thread", headers={"Origin": "https://a.example"}
    )
    assert response["Access-Control-Allow-Origin"] == "https://a.example"
    assert response["Access-Control-Expose-Headers"] == "ETag"


def test_a_new_allowed_origin_is_honoured_at_once(site_a, reader):
    assert "Access-Control-Allow-Origin" not in preflight(reader, "https://new.example")
    site_a.allowed_origins.append("https://new.example")
    site_a.save()
    assert preflight(reader, "https://new.example")["Access-Control-Allow-Origin"]


def test_pages_outside_the_api_get_no_cors_headers(story_a, reader):
    response = reader.get(f"/comments/{story_a.pk}/", headers={"Origin": "https://a.example"})
    assert "Access-Control-Allow-Origin" not in response
