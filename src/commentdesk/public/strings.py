"""The few strings the widget's JavaScript shows, translated on the server into the page."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

# The reasons a reader can give for a report (core.models.Report.Reason), in their language.
REPORT_REASONS = (
    ("abuse", gettext_lazy("Abusive or hateful")),
    ("spam", gettext_lazy("Spam or advertising")),
    ("off_topic", gettext_lazy("Off topic")),
    ("false", gettext_lazy("False or misleading")),
    ("privacy", gettext_lazy("Reveals private information")),
    ("other", gettext_lazy("Something else")),
)


def widget_strings() -> dict[str, str]:
    return {
        "pending": _("Awaiting moderation"),
        "approved": _("Published"),
        "rejected": _("Not published"),
        "rule": _("Rule: {rule}"),
        "deleted": _("You deleted this comment."),
        "editUntil": _("You can change or delete it until {time}."),
        "edit": _("Edit"),
        "save": _("Save"),
        "cancel": _("Cancel"),
        "delete": _("Delete"),
        "replying": _("Replying to {name}"),
        "cancelReply": _("Cancel reply"),
        "postedPending": _(
            "Thank you. Your comment is awaiting moderation: it will appear here once a "
            "moderator has approved it."
        ),
        "postedApproved": _("Thank you. Your comment is published."),
        "reported": _("Thank you. A moderator will look at this comment."),
        "network": _("Could not reach the server. Your text is kept: please try again."),
        "bodyLabel": _("Your comment (plain text)"),
        "loaded": _("More comments loaded."),
    }
