"""Background tasks of the operations side (Django's Tasks API); see ``ops.schedule``."""

from django_tasks import task

from commentdesk.ops import planner


@task()
def refresh_planner_statistics() -> bool:
    return planner.refresh_statistics()
