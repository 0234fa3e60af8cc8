"""The admin manages sites, stories, Terms-of-Use rules and moderators.

Comment decisions made here go through the same services as the desk.
"""

import json

from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.http import HttpResponse
from django.template.response import TemplateResponse

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
from commentdesk.core.services import moderation, privacy
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


@admin.action(description="Export selected commenters' data (JSON)", permissions=["change"])
def export_data(modeladmin, request, queryset):
    data = [privacy.export_commenter(c, actor=request.user) for c in queryset.order_by("pk")]
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="commenter-export.json"'
    return response


@admin.action(description="Erase selected commenters' data (on request)", permissions=["change"])
def erase_data(modeladmin, request, queryset):
    if request.POST.get("confirm") != "yes":
        context = {
            **modeladmin.admin_site.each_context(request),
            "commenters": queryset,
            "opts": modeladmin.model._meta,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/core/commenter/erase_confirmation.html", context)
    note = request.POST.get("note", "")
    for commenter in queryset:
        erasure = privacy.erase_commenter(commenter, actor=request.user, note=note)
        modeladmin.message_user(
            request, f"Erased commenter #{erasure.commenter_id} and {erasure.comments} comment(s)."
        )
    return None


@admin.register(Commenter)
class CommenterAdmin(admin.ModelAdmin):
    list_display = ["display_name", "site", "state", "first_seen_at"]
    list_filter = ["site", "state"]
    search_fields = ["display_name", "=email"]
    exclude = ["identity_key"]
    actions = [export_data, erase_data]

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser  # erasure and export are for admins only


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
