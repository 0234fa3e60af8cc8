"""Desk editors and admins edit their sites' screening settings and term lists here."""

from django.contrib import admin

from commentdesk.core.models import Role, Site
from commentdesk.screening.models import AssistantModel, ScreeningSettings, TermList

EDITING_ROLES = (Role.ADMIN, Role.DESK_EDITOR)


def sites_edited_by(user):
    """Sites whose screening a user may change: a superuser's all, else desk editor's."""
    if user.is_superuser:
        return Site.objects.all()
    return Site.objects.filter(memberships__user=user, memberships__role__in=EDITING_ROLES)


class TermListInline(admin.StackedInline):
    model = TermList
    extra = 1


@admin.register(ScreeningSettings)
class ScreeningSettingsAdmin(admin.ModelAdmin):
    list_display = ["site", "link_policy", "automatic_actions", "auto_reject_threshold"]
    inlines = [TermListInline]
    fieldsets = [
        (None, {"fields": ["site"]}),
        ("Links", {"fields": ["link_policy", "allowed_domains", "blocked_domains"]}),
        ("Length and spam", {"fields": ["hold_longer_than", "spam_window_minutes",
                                        "duplicate_flag_count", "velocity_flag_count"]}),
        ("Automatic actions (off by default)", {"fields": ["automatic_actions",
                                                           "auto_reject_threshold"]}),
    ]  # fmt: skip

    def get_queryset(self, request):
        return super().get_queryset(request).filter(site__in=sites_edited_by(request.user))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "site":
            kwargs["queryset"] = sites_edited_by(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _may_edit(self, request, obj=None) -> bool:
        if obj is not None:
            return sites_edited_by(request.user).filter(pk=obj.site_id).exists()
        return request.user.is_superuser or sites_edited_by(request.user).exists()

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_staff and self._may_edit(request, obj)

    has_change_permission = has_view_permission
    has_add_permission = has_view_permission
    has_delete_permission = has_view_permission

    def has_module_permission(self, request):
        return self.has_view_permission(request)


@admin.register(AssistantModel)
class AssistantModelAdmin(admin.ModelAdmin):
    list_display = ["site", "decisions", "rejections", "retrained_at_decisions", "updated_at"]
    readonly_fields = ["site", "decisions", "rejections", "version", "checkpoint",
                       "checkpoint_decisions", "retrained_at_decisions"]  # fmt: skip

    def has_add_permission(self, request):
        return False
