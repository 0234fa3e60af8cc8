"""The reader's comment form. It only collects: validation is the submission service's."""

from django import forms


class CommentForm(forms.Form):
    display_name = forms.CharField(label="Display name", required=False, strip=False)
    email = forms.CharField(
        label="E-mail (optional, never shown)",
        required=False,
        strip=False,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label="Your comment (plain text)",
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    consent = forms.BooleanField(required=False)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    form_token = forms.CharField(required=False, widget=forms.HiddenInput)
    # New with every rendering of the form: a double click or a resent post stores one comment.
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput)

    def add_error(self, field, error):
        super().add_error(field, error)
        if field in self.fields:  # link the message to its field for screen readers
            attrs = self.fields[field].widget.attrs
            attrs["aria-invalid"] = "true"
            attrs["aria-describedby"] = f"id_{field}-error"

    def add_refusal(self, errors: dict[str, list[str]]) -> None:
        for field, messages in errors.items():
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
