"""The committed OpenAPI document: ``make openapi-snapshot`` rewrites it on purpose."""

import json
from pathlib import Path

SNAPSHOT = Path(__file__).resolve().parent.parent / "snapshots" / "openapi.json"


def current_schema() -> dict:
    from commentdesk.api.api import api

    return json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/")))


def render(schema: dict) -> str:
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


if __name__ == "__main__":
    import django

    django.setup()
    SNAPSHOT.write_text(render(current_schema()), encoding="utf-8")
    print(f"wrote {SNAPSHOT}")  # noqa: T201
