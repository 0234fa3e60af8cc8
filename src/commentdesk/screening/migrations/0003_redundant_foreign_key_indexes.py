"""Drop the site's own index on screening records: screen_dup, screen_recent and
screen_network lead with it (see core 0010)."""

import django.db.models.deletion
from django.db import migrations

from commentdesk.core.migrations._indexes import drop_covered_index


class Migration(migrations.Migration):
    dependencies = [("screening", "0002_assistant_checkpoints_and_steps")]

    operations = [
        drop_covered_index(
            "screeningrecord",
            "site",
            {
                "on_delete": django.db.models.deletion.CASCADE,
                "related_name": "+",
                "to": "core.site",
            },
            "screening_screeningrecord",
            "site_id",
            "screening_screeningrecord_site_id_4cd4ea49",
        )
    ]
