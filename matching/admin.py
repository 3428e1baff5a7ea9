"""Matching in the coordination admin: criteria, pairs and their history, pins and exclusions."""

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from matching.models import MatchingRun, MatchingSettings, Pairing, PairingEvent, PairRule
from programs.admin import (
    CohortAdmin,
    ReadOnlyAdmin,
    ScopedAdmin,
    coordination_site,
    scoped,
)
from programs.models import Cohort


@admin.register(MatchingSettings, site=coordination_site)
class MatchingSettingsAdmin(ScopedAdmin):
    list_display = ["program", "weight_topics", "weight_language", "weight_availability"]
    list_select_related = ["program"]

    def has_delete_permission(self, request, obj=None):
        return False


class PairingEventInline(admin.TabularInline):
    model = PairingEvent
    extra = 0
    fields = ["at", "actor", "action", "from_status", "to_status", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_view_permission(self, request, obj=None):
        from programs.models import is_coordinator

        return is_coordinator(request.user)


@admin.register(Pairing, site=coordination_site)
class PairingAdmin(ReadOnlyAdmin):
    """Pairs change only through their page (accept, pause, close), never by editing rows."""

    list_display = ["__str__", "status", "cohort", "score", "started_on", "closed_on", "page"]
    list_filter = ["status", scoped("mentee__cohort")]
    list_select_related = ["mentor__user", "mentee__user", "mentee__cohort__program"]
    search_fields = ["mentor__user__full_name", "mentee__user__full_name"]
    inlines = [PairingEventInline]
    # A filtered list says "N results" without a second COUNT over every pair of the
    # organizations (measured: 15 % of the page).
    show_full_result_count = False

    @admin.display(description=_("Cohort"))
    def cohort(self, obj):
        return obj.mentee.cohort.name

    @admin.display(description=_("Page"))
    def page(self, obj):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), _("Open"))


@admin.register(PairRule, site=coordination_site)
class PairRuleAdmin(ScopedAdmin):
    list_display = ["mentor", "mentee", "kind", "source", "created_at", "created_by"]
    list_filter = ["kind", "source"]
    list_select_related = [
        "mentor__user",
        "mentor__cohort__program",
        "mentee__user",
        "mentee__cohort__program",
        "created_by",
    ]
    fields = ["mentor", "mentee", "kind", "source", "note"]

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(MatchingRun, site=coordination_site)
class MatchingRunAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "status", "total_score", "greedy_score", "duration_ms", "review"]
    list_filter = ["status"]
    list_select_related = ["cohort__program"]

    @admin.display(description=_("Review"))
    def review(self, obj):
        url = reverse("matching:cohort", kwargs={"pk": obj.cohort_id})
        return format_html('<a href="{}">{}</a>', url, _("Open"))


coordination_site.unregister(Cohort)


@admin.register(Cohort, site=coordination_site)
class CohortWithMatchingAdmin(CohortAdmin):
    """The cohorts' list, with a way into each cohort's matching."""

    list_display = [*CohortAdmin.list_display, "matching"]

    @admin.display(description=_("Matching"))
    def matching(self, obj):
        url = reverse("matching:cohort", kwargs={"pk": obj.pk})
        return format_html('<a href="{}">{}</a>', url, _("Open the matching"))
