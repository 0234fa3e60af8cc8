"""A saved or deleted term list bumps its settings' revision: every process then builds a
new matcher on its next screening (``stages.matcher_for`` is keyed by the revision)."""

import uuid

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from commentdesk.screening.models import ScreeningSettings, TermList


@receiver([post_save, post_delete], sender=TermList)
def term_list_changed(sender, instance: TermList, **kwargs) -> None:
    ScreeningSettings.objects.filter(pk=instance.settings_id).update(revision=uuid.uuid4().hex)
