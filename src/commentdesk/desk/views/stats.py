"""The statistics page for desk editors."""

from datetime import timedelta

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from commentdesk.core import access
from commentdesk.desk import queues, statistics

DEFAULT_DAYS = 7
MAX_DAYS = 366


class PeriodForm(forms.Form):
    since = forms.DateField(
        required=False, label="From", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="To (inclusive)", widget=forms.DateInput(attrs={"type": "date"})
    )
    site = forms.ModelChoiceField(queryset=None, required=False, empty_label="All my sites")
    language = forms.CharField(required=False, max_length=16)

    def __init__(self, data, *, sites):
        super().__init__(data)
        self.fields["site"].queryset = sites

    def clean(self):
        data = super().clean()
        since, until = data.get("since"), data.get("until")
        if since and until and since > until:
            raise forms.ValidationError("The period must start before it ends.")
        if since and until and (until - since).days > MAX_DAYS:
            raise forms.ValidationError(f"Choose a period of at most {MAX_DAYS} days.")
        return data


def _scope(form: PeriodForm, sites) -> statistics.Scope:
    data = form.cleaned_data if form.is_valid() else {}
    today = timezone.now().date()
    until = data.get("until") or today
    since = data.get("since") or until - timedelta(days=DEFAULT_DAYS - 1)
    if data.get("site"):
        sites = sites.filter(pk=data["site"].pk)
    return statistics.Scope(
        sites=sites,
        start=queues.day_start(since),
        end=queues.day_start(until) + queues.ONE_DAY,
        language=(data.get("language") or "").strip(),
    )


@login_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    sites = access.edited_sites(request.user)
    if not sites.exists():
        raise PermissionDenied("The statistics are for desk editors and admins.")
    form = PeriodForm(request.GET or None, sites=sites)
    scope = _scope(form, sites)
    over_time = statistics.decisions_over_time(scope)
    hourly = not over_time or over_time[0]["hourly"]
    fmt = "%m-%d %H:00" if hourly else "%Y-%m-%d"
    rules = statistics.rejections_by_rule(scope)
    moderators = statistics.decisions_by_moderator(scope)
    context = {
        "form": form,
        "scope": scope,
        "period_end": scope.end - queues.ONE_DAY,
        "pending": statistics.pending_summary(scope),
        "over_time": over_time,
        "hourly": hourly,
        "time_chart": statistics.bar_chart(
            [(row["bucket"].strftime(fmt), row["count"]) for row in over_time]
        ),
        "moderators": moderators,
        "moderator_chart": statistics.bar_chart(
            [(row["moderator"], row["total"]) for row in moderators], height=120
        ),
        "speed": statistics.time_to_decision(scope),
        "rules": rules,
        "rule_chart": statistics.bar_chart(
            [(f"{row['site']} {row['code']}", row["count"]) for row in rules], height=120
        ),
        "breakdown": statistics.by_site_and_language(scope),
    }
    return render(request, "desk/stats.html", context)
