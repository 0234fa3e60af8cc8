"""Background work of the screening app, through Django's Tasks API (django-tasks)."""

from django_tasks import task

from commentdesk.screening.training import retrain_site_model


@task()
def retrain_assistant(site_id: int) -> int:
    return retrain_site_model(site_id)
