"""Orders and filters of the moderators' queue. Each order has an index on Comment
(core migration 0002) so the first page stays fast with a million comments."""

from django.db.models import Case, F, FloatField, Func, IntegerField, Q, QuerySet, Value, When

ORDERS = {
    "oldest": "Oldest first",
    "likely": "Most likely rejected first",
    "uncertain": "Most uncertain first",
}
DEFAULT_ORDER = "oldest"


# The same expressions as the indexes comment_queue_likely and comment_queue_uncertain on
# Comment. The constants are written into the SQL, not passed as parameters: a database
# only uses an expression index for an ORDER BY whose expression is the index's, and
# SQLite cannot match a parameter to the index's constant.
def likelihood() -> Func:
    """The assistant's estimate; unscored comments (-1) last."""
    return Func(F("reject_score"), template="COALESCE(%(expressions)s, -1.0)",
                output_field=FloatField())  # fmt: skip


def uncertainty() -> Func:
    """Distance of the estimate from a coin toss (0 = most uncertain); unscored (1) last."""
    return Func(F("reject_score"), template="COALESCE(ABS(%(expressions)s - 0.5), 1.0)",
                output_field=FloatField())  # fmt: skip


def _order_by(order: str) -> list:
    if order == "likely":
        return [likelihood().desc(), "submitted_at", "pk"]
    if order == "uncertain":
        return [uncertainty().asc(), "submitted_at", "pk"]
    return ["submitted_at", "pk"]


def order_queue(queryset: QuerySet, order: str = DEFAULT_ORDER, languages=()) -> QuerySet:
    """``queryset`` in the chosen order (unknown orders fall back to oldest first); with
    ``languages``, comments in those languages (a moderator's) come first."""
    ordering = _order_by(order if order in ORDERS else DEFAULT_ORDER)
    if languages:
        mine = Case(
            When(language__in=list(languages), then=Value(0)),
            default=Value(1),
            output_field=IntegerField(),
        )
        ordering = [mine, *ordering]
    return queryset.order_by(*ordering)


def filter_language(queryset: QuerySet, language: str) -> QuerySet:
    """Comments in one language; ``zh`` also takes zh-Hans, zh-Hant and so on."""
    if not language:
        return queryset
    return queryset.filter(Q(language=language) | Q(language__startswith=language + "-"))


def moderator_languages(user) -> list[str]:
    """The languages a moderator reads (ModeratorProfile.languages), to show first."""
    profile = getattr(user, "moderator_profile", None) if user.is_authenticated else None
    return list(profile.languages) if profile else []
