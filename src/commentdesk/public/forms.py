"""The reader's comment form. It only collects: validation is the submission service's."""

import hashlib

from django import forms
from django.utils.translation import gettext_lazy as _


class RefusalsMixin:
    """Show a service's refusal next to its fields, linked for screen readers."""

    def add_error(self, field, error):
        super().add_error(field, error)
        if field in self.fields:
            attrs = self.fields[field].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"id_{field}-error"

    def add_refusal(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)


class CommentForm(RefusalsMixin, forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        required=False,
        strip=False,
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.CharField(
        label=_("E-mail (optional, never shown)"),
        required=False,
        strip=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Your comment (plain text)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)
    # New with every rendering of the form: a double click or a resent post stores one comment.
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def submission_key(self, network_hash: str) -> str:
        """The key the submission service gets: the page's, scoped to this submitter and text.

        One rendering can reach several posts: a reader goes back and writes another comment,
        or a cache hands the same page to several readers. Only a resent post of the same
        comment from the same network is a replay; anything else is a comment of its own.
        """
        data = self.cleaned_data
        if not data.get("idempotency_key"):
            return ""
        parts = (
            data["idempotency_key"],
            network_hash,
            data.get("display_name") or "",
            data.get("email") or "",
            data.get("body") or "",
            str(data.get("parent") or ""),
        )
        return "form:" + hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


class OwnEditForm(RefusalsMixin, forms.Form):
    body = forms.CharField(
        label=_("Your comment (plain text)"),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)
