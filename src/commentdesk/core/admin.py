"""The admin manages sites, stories, Terms-of-Use rules and moderators.

Comment decisions made here go through the same services as the desk.
"""

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

from commentdesk.core.models import (
    AuditEvent,
    Comment,
    Commenter,
    ModeratorProfile,
    Report,
    Site,
    SiteMembership,
    Story,
    TermsRule,
)
from commentdesk.core.services import moderation
from commentdesk.core.services.errors import CommentdeskError


class TermsRuleInline(admin.TabularInline):
    model = TermsRule
    extra = 1


class MembershipInline(admin.TabularInline):
    model = SiteMembership
    extra = 1
    autocomplete_fields = ["user"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "default_language", "terms_version"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TermsRuleInline, MembershipInline]


@admin.register(Story)
class StoryAdmin(admin.ModelAdmin):
    list_display = ["title", "site", "language", "published_at", "comments_open", "moderation_mode"]
    list_filter = ["site", "comments_open", "moderation_mode"]
    search_fields = ["title", "url"]
    readonly_fields = ["thread_version"]


@admin.action(description="Approve selected pending comments")
def approve_selected(modeladmin, request, queryset):
    for comment in queryset.filter(status=Comment.Status.PENDING):
        try:
            moderation.approve_comment(comment.pk, moderator=request.user)
        except CommentdeskError as error:
            modeladmin.message_user(request, error.message, messages.WARNING)


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["pk", "display_name", "story", "status", "language", "submitted_at"]
    list_filter = ["status", "story__site", "language"]
    search_fields = ["body", "display_name"]
    actions = [approve_selected]
    # Bodies and states change only through the desk's services, which audit them.
    readonly_fields = [f.name for f in Comment._meta.fields]

    def has_add_permission(self, request):
        return False


@admin.register(Commenter)
class CommenterAdmin(admin.ModelAdmin):
    list_display = ["display_name", "site", "state", "first_seen_at"]
    list_filter = ["site", "state"]
    search_fields = ["display_name"]
    exclude = ["identity_key"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["comment", "reason", "created_at", "resolved_at"]
    list_filter = ["reason"]


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "comment", "rule", "status_after"]
    list_filter = ["action", "site"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ModeratorProfileInline(admin.StackedInline):
    model = ModeratorProfile
    can_delete = False


class CommentdeskUserAdmin(UserAdmin):
    inlines = [ModeratorProfileInline]


admin.site.unregister(get_user_model())
admin.site.register(get_user_model(), CommentdeskUserAdmin)
admin.site.site_header = "Commentdesk administration"
