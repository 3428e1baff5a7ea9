import django_filters
from django.utils.translation import gettext_lazy as _

from matching.models import Pairing, PairingStatus
from meetings.health import checkin_conditions
from meetings.models import HealthColor

ORDERINGS = [
    ("health", _("Health (red first)")),
    ("last_contact", _("Longest without contact")),
    ("mentee", _("Mentee's name")),
]


class BoardFilter(django_filters.FilterSet):
    health = django_filters.ChoiceFilter(
        label=_("Health"),
        field_name="health_state__color",
        choices=HealthColor.choices,
        empty_label=_("All"),
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"),
        choices=[
            (PairingStatus.ACTIVE, PairingStatus.ACTIVE.label),
            (PairingStatus.PAUSED, PairingStatus.PAUSED.label),
        ],
        empty_label=_("All"),
    )
    checkin = django_filters.ChoiceFilter(
        label=_("Check-in"),
        choices=[("overdue", _("Overdue")), ("due", _("Due within a week"))],
        method="filter_checkin",
        empty_label=_("All"),
    )
    person = django_filters.CharFilter(label=_("Name"), method="filter_person")
    order = django_filters.ChoiceFilter(
        label=_("Sort by"), choices=ORDERINGS, method="sort", empty_label=_("Health (red first)")
    )

    class Meta:
        model = Pairing
        fields = ["health", "status", "checkin", "person", "order"]

    def known_total(self, counts: dict[str, int]) -> int | None:
        """How many pairs the filter keeps, when the per-colour counts say it (no filter, or
        the colour's alone); None when only a count of the filtered rows can."""
        chosen = self.form.cleaned_data if self.form.is_valid() else None
        if chosen is None or any(chosen.get(name) for name in ("status", "checkin", "person")):
            return None
        if chosen.get("health"):
            return counts.get(chosen["health"], 0)
        return sum(counts.values())

    def filter_checkin(self, queryset, name, value):
        return queryset.filter(checkin_conditions()[value])  # "overdue" or "due": the choices

    def filter_person(self, queryset, name, value):
        return queryset.filter(mentor__user__full_name__icontains=value) | queryset.filter(
            mentee__user__full_name__icontains=value
        )

    def sort(self, queryset, name, value):
        return queryset  # applied in `qs` so the default applies too

    @property
    def qs(self):
        queryset = super().qs
        order = self.form.cleaned_data.get("order") if self.form.is_valid() else None
        if order == "last_contact":
            from django.db.models import F

            return queryset.order_by(
                F("health_state__last_contact").asc(nulls_first=True), "started_on", "pk"
            )
        if order == "mentee":
            return queryset.order_by("mentee_name", "pk")
        from django.db.models import F

        return queryset.order_by(  # the stored rank: red, amber, green
            "health_state__rank", F("health_state__last_contact").asc(nulls_first=True), "pk"
        )
