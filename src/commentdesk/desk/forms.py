from django import forms

from commentdesk.core.models import Comment, TermsRule


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
