"""Drop the foreign keys' own indexes that composite indexes already lead with: each index
is one more page every submission writes (comment_by_commenter, comment_thread and
audit_site_time cover these)."""

import django.db.models.deletion
from django.db import migrations

from commentdesk.core.migrations._indexes import drop_covered_index

CASCADE, PROTECT = django.db.models.deletion.CASCADE, django.db.models.deletion.PROTECT


class Migration(migrations.Migration):
    dependencies = [("core", "0009_search_index_in_batches")]

    operations = [
        drop_covered_index(
            "auditevent",
            "site",
            {"on_delete": CASCADE, "related_name": "audit_events", "to": "core.site"},
            "core_auditevent",
            "site_id",
            "core_auditevent_site_id_f43e628d",
        ),
        drop_covered_index(
            "comment",
            "commenter",
            {"on_delete": PROTECT, "related_name": "comments", "to": "core.commenter"},
            "core_comment",
            "commenter_id",
            "core_comment_commenter_id_62c18b25",
        ),
        drop_covered_index(
            "comment",
            "story",
            {"on_delete": CASCADE, "related_name": "comments", "to": "core.story"},
            "core_comment",
            "story_id",
            "core_comment_story_id_b511f68e",
        ),
    ]
