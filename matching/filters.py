import django_filters
from django.utils.translation import gettext_lazy as _

from matching.models import Pairing, PairingStatus
from programs.models import Cohort


def _cohorts(request):
    if request is None:
        return Cohort.objects.none()
    return Cohort.objects.for_user(request.user).select_related("program")


class PairingFilter(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=PairingStatus.choices)
    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"), field_name="mentee__cohort", queryset=_cohorts
    )
    person = django_filters.CharFilter(
        label=_("Name"), method="filter_person", help_text=_("Mentor or mentee.")
    )

    class Meta:
        model = Pairing
        fields = ["status", "cohort", "person"]

    def filter_person(self, queryset, name, value):
        return queryset.filter(mentor__user__full_name__icontains=value) | queryset.filter(
            mentee__user__full_name__icontains=value
        )
