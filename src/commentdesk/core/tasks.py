"""Background tasks (Django's Tasks API): thin wrappers that call a service.

Enqueue with ``task.enqueue(...)``; ``commentdesk worker`` runs them (docs/operators/operating.md).
"""

import logging

from django_tasks import task

from commentdesk.core.services import notifications, privacy

logger = logging.getLogger(__name__)


@task()
def notify_decision(comment_id: int) -> bool:
    return notifications.send_decision_notice(comment_id)


@task()
def purge_expired_data() -> dict:
    purge = privacy.purge_expired()
    logger.info("retention purge: %s", purge)
    return {
        "network_hashes": purge.network_hashes,
        "deleted_comments": purge.deleted_comments,
        "rejected_comments": purge.rejected_comments,
    }
