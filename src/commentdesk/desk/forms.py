from django import forms

from commentdesk.core.models import Comment, ModerationMode, TermsRule
from commentdesk.desk import queues
from commentdesk.lib.text import normalise_text


class RuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: TermsRule) -> str:
        return f"{obj.code} – {obj.title}"


class DecisionForm(forms.Form):
    """A decision on one comment, stating the status the moderator saw."""

    seen_status = forms.ChoiceField(choices=Comment.Status.choices, widget=forms.HiddenInput)
    rule = RuleChoiceField(queryset=TermsRule.objects.none(), required=False, label="Rule")

    def __init__(self, *args, site=None, **kwargs):
        super().__init__(*args, **kwargs)
        if site is not None:
            self.fields["rule"].queryset = site.rules.filter(active=True)


class EditForm(DecisionForm):
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 8}), strip=False, label="Text")


class QueueFilterForm(forms.Form):
    """The queue's tab, filters and order, from the query string. Bad values are dropped."""

    tab = forms.ChoiceField(choices=queues.TABS, required=False)
    site = forms.ModelChoiceField(queryset=None, required=False, empty_label="All my sites")
    story = forms.IntegerField(required=False, min_value=1, label="Story number")
    language = forms.CharField(required=False, max_length=16)
    commenter = forms.IntegerField(required=False, min_value=1, label="Commenter number")
    since = forms.DateField(
        required=False, label="Submitted from", widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        required=False, label="Submitted to", widget=forms.DateInput(attrs={"type": "date"})
    )
    q = forms.CharField(required=False, max_length=200, label="Text contains")
    order = forms.ChoiceField(choices=queues.ORDERS, required=False)
    offset = forms.IntegerField(required=False, min_value=0, max_value=100_000)
    size = forms.IntegerField(required=False, min_value=1, max_value=queues.MAX_PAGE_SIZE)

    def __init__(self, data, *, sites):
        super().__init__(data)
        self.fields["site"].queryset = sites

    def values(self) -> dict:
        """The valid values, with defaults for the rest."""
        self.is_valid()
        data = {
            name: self.cleaned_data.get(name) for name in self.fields if name not in self.errors
        }
        return data

    def filters(self) -> queues.Filters:
        data = self.values()
        until = data.get("until")
        return queues.Filters(
            site_id=data["site"].pk if data.get("site") else None,
            story_id=data.get("story"),
            language=(data.get("language") or "").strip(),
            commenter_id=data.get("commenter"),
            since=queues.day_start(data["since"]) if data.get("since") else None,
            until=queues.day_start(until) + queues.ONE_DAY if until else None,
            text=normalise_text(data.get("q") or ""),  # as comments are stored (NFC)
        )


class BatchForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", "Approve"), ("reject", "Reject"), ("spam", "Spam")]
    )
    ids = forms.CharField()
    rule = forms.ModelChoiceField(queryset=TermsRule.objects.none(), required=False)

    def __init__(self, *args, rules, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = rules

    def clean_ids(self) -> list[int]:
        try:
            ids = [int(part) for part in self.cleaned_data["ids"].split(",") if part.strip()]
        except ValueError:
            raise forms.ValidationError("Select comments by number.") from None
        if not ids:
            raise forms.ValidationError("Select at least one comment.")
        return ids


class StorySettingsForm(forms.Form):
    comments_open = forms.BooleanField(required=False, label="Comments are open")
    moderation_mode = forms.ChoiceField(
        choices=ModerationMode.choices, widget=forms.RadioSelect, label="Moderation"
    )
    close_after_days = forms.IntegerField(
        required=False,
        min_value=1,
        max_value=3650,
        label="Close comments this many days after publication",
        help_text="Leave empty to keep comments open until closed by hand.",
    )


class CommenterActionForm(forms.Form):
    action = forms.ChoiceField(
        choices=[
            ("premoderate", "Always pre-moderate"),
            ("suspend", "Suspend"),
            ("ban", "Ban"),
            ("lift", "Lift restrictions"),
        ]
    )
    until = forms.DateTimeField(
        required=False,
        label="Suspended until (UTC)",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )
    rule = RuleChoiceField(queryset=TermsRule.objects.none(), required=False, label="Rule")
    note = forms.CharField(
        required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, site, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["rule"].queryset = site.rules.filter(active=True)
