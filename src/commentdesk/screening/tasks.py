"""Background work of the screening app, through Django's Tasks API (django-tasks)."""

from django_tasks import task


@task()
def retrain_assistant(site_id: int) -> int:
    # Imported here: web workers enqueue this task and must not import scikit-learn.
    from commentdesk.screening.training import retrain_site_model

    return retrain_site_model(site_id)
