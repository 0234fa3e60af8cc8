"""A saved or deleted term list bumps its settings' revision: every process then builds a
new matcher on its next screening (``stages.matcher_for`` is keyed by the revision). Each
new SQLite connection gets the function the spam signals' query calls."""

import uuid

from django.db.backends.signals import connection_created
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from commentdesk.screening import spam
from commentdesk.screening.models import ScreeningSettings, TermList


@receiver([post_save, post_delete], sender=TermList)
def term_list_changed(sender, instance: TermList, **kwargs) -> None:
    ScreeningSettings.objects.filter(pk=instance.settings_id).update(revision=uuid.uuid4().hex)


@receiver(connection_created)
def sqlite_functions(sender, connection, **kwargs) -> None:
    """SQLite cannot count the bits two SimHashes differ by (PostgreSQL can)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "screening_differing_bits", 2, spam.differing_bits, deterministic=True
        )
