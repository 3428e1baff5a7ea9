"""Meetings in the coordination admin: the organization's closure days, and meetings to read."""

from django.contrib import admin

from meetings.models import ClosureDay, Meeting
from programs.admin import ReadOnlyAdmin, ScopedAdmin, coordination_site


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
