"""The workspace: tabs, filters, a page of items, and the pulse that keeps counts fresh."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_POST

from commentdesk.core import access
from commentdesk.core.models import Comment, TermsRule
from commentdesk.core.services import claims
from commentdesk.desk import queues
from commentdesk.desk.forms import QueueFilterForm
from commentdesk.desk.items import build_items
from commentdesk.desk.views.respond import is_htmx

MAX_PULSE_IDS = queues.MAX_PAGE_SIZE * 4


def _state(request: HttpRequest):
    sites = access.moderated_sites(request.user)
    form = QueueFilterForm(request.GET, sites=sites)
    values = form.values()
    return form, values, form.filters(), sites


@login_required
def queue(request: HttpRequest) -> HttpResponse:
    form, values, filters, sites = _state(request)
    tab = values.get("tab") or "pending"
    order = values.get("order") or "oldest"
    offset = values.get("offset") or 0
    size = values.get("size") or queues.PAGE_SIZE
    comments, more = queues.queue_page(request.user, tab, filters, order, offset, size)
    query = request.GET.copy()
    query["offset"] = offset + size
    context = {
        "form": form,
        "tab": tab,
        "tab_label": queues.TAB_NAMES[tab],
        "items": build_items(comments),
        "more_query": query.urlencode() if more else "",
        "offset": offset,
    }
    if is_htmx(request) and offset:
        return render(request, "desk/_items.html", context)
    counts = queues.tab_counts(request.user, filters)
    tab_query = request.GET.copy()
    for name in ("tab", "offset"):
        tab_query.pop(name, None)
    context |= {
        "tabs": [
            {"name": name, "label": label, "count": queues.format_count(counts[name])}
            for name, label in queues.TABS
        ],
        "tab_query": tab_query.urlencode(),
        "batch_rules": TermsRule.objects.filter(site__in=sites, active=True).select_related("site"),
    }
    return render(request, "desk/queue.html", context)


@login_required
@require_POST
def pulse(request: HttpRequest) -> JsonResponse:
    """Fresh counts, others' claims, and comments in view that someone else decided.

    The page calls this every few seconds while visible and after every action; it also
    renews the claim on the comment the moderator is looking at.
    """
    _form, _values, filters, _sites = _state(request)
    ids = _ids(request.POST.get("ids", ""))
    focused = _ids(request.POST.get("focused", ""))[:1]
    visible = access.comments_for_moderator(request.user).filter(pk__in=ids + focused)
    statuses = dict(visible.values_list("pk", "status"))
    if focused and focused[0] in statuses:
        claims.claim_comment(focused[0], moderator=request.user)
    holds = claims.holds(statuses)
    counts = queues.tab_counts(request.user, filters)
    return JsonResponse(
        {
            "counts": {name: queues.format_count(n) for name, n in counts.items()},
            "claims": {
                str(pk): f"{hold.username} until {hold.expires_at:%H:%M:%S} UTC"
                for pk, hold in holds.items()
                if not hold.is_mine(request.user)
            },
            "statuses": {str(pk): status for pk, status in statuses.items()},
            "labels": dict(Comment.Status.choices),
        }
    )


def _ids(raw: str) -> list[int]:
    return [int(part) for part in raw.split(",")[:MAX_PULSE_IDS] if part.strip().isdigit()]
