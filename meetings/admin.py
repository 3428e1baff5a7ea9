"""Meetings in the coordination admin: the organization's closure days, and meetings to read."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from meetings.models import ClosureDay, GroupInvitation, GroupMeeting, Meeting
from programs.admin import ReadOnlyAdmin, ScopedAdmin, coordination_site
from programs.models import Participant, ParticipantStatus, is_coordinator


@admin.register(ClosureDay, site=coordination_site)
class ClosureDayAdmin(ScopedAdmin):
    list_display = ["day", "label", "kind", "organization"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    search_fields = ["label"]


@admin.register(Meeting, site=coordination_site)
class MeetingAdmin(ReadOnlyAdmin):
    """Meetings are planned by the pair; the coordination reads them."""

    list_display = ["__str__", "starts_at", "duration_minutes", "mode", "status"]
    list_filter = ["status", "mode"]
    list_select_related = ["pairing__mentor__user", "pairing__mentee__user"]
    date_hierarchy = "starts_at"
    fields = [
        "pairing",
        "starts_at",
        "duration_minutes",
        "mode",
        "place",
        "video_link",
        "status",
        "change_reason",
    ]


class GroupInvitationInline(admin.TabularInline):
    model = GroupInvitation
    extra = 0
    fields = ["participant", "attended"]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "participant":
            kwargs["queryset"] = (
                Participant.objects.for_user(request.user)
                .in_coordinated_organizations(request.user)
                .select_related("user", "cohort")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_view_permission(self, request, obj=None):
        return is_coordinator(request.user)

    has_add_permission = has_change_permission = has_delete_permission = has_view_permission


@admin.register(GroupMeeting, site=coordination_site)
class GroupMeetingAdmin(ScopedAdmin):
    """Support meetings for a cohort's mentors: invite, then record who came."""

    list_display = ["title", "cohort", "kind", "starts_at", "place"]
    list_filter = ["kind"]
    list_select_related = ["cohort__program"]
    inlines = [GroupInvitationInline]
    actions = ["invite_mentors"]

    def save_model(self, request, obj, form, change):
        if change and form.changed_data:
            obj.sequence += 1  # calendars update the event instead of adding one
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Invite the cohort's mentors"))
    def invite_mentors(self, request, queryset):
        added = 0
        for meeting in queryset:
            mentors = meeting.cohort.participants.mentors().exclude(
                status=ParticipantStatus.WITHDRAWN
            )
            rows = [GroupInvitation(meeting=meeting, participant=m) for m in mentors]
            added += len(GroupInvitation.objects.bulk_create(rows, ignore_conflicts=True))
        self.message_user(
            request,
            ngettext("%(count)d invitation added.", "%(count)d invitations added.", added)
            % {"count": added},
            messages.SUCCESS,
        )
