import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.text import search_key
from programs import people
from programs.models import Cohort, Participant, ParticipantRole, ParticipantStatus

# What the coordinator's home counts, as filters of the people list: name -> (label, method of
# ParticipantQuerySet). Higher apps add theirs through programs.people.register_need.
OWN_NEEDS = {
    "consent": (_("Waiting for a guardian's consent"), "consent_waiting"),
    "check_expired": (_("Background check missing or expired"), "background_check_expired"),
    "check_expiring": (_("Background check expiring within 30 days"), "background_check_expiring"),
    "training": (_("Mentors not trained yet"), "training_missing"),
    "invitation": (_("Invitation not accepted yet"), "invitation_waiting"),
}


def _cohorts(request):
    if request is None:
        return Cohort.objects.none()
    return (
        Cohort.objects.for_user(request.user)
        .in_coordinated_organizations(request.user)
        .select_related("program")
    )


def _needs():
    return [(name, label) for name, (label, _m) in OWN_NEEDS.items()] + [
        (name, label) for name, (label, _f) in people.NEEDS.items()
    ]


class PeopleFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Name or e-mail"),
        method="search",
        help_text=_("Accents, capitals and apostrophes do not matter."),
    )
    role = django_filters.ChoiceFilter(
        label=_("Role"), choices=ParticipantRole.choices, empty_label=_("All")
    )
    cohort = django_filters.ModelChoiceFilter(
        label=_("Cohort"), queryset=_cohorts, empty_label=_("All")
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=ParticipantStatus.choices, empty_label=_("All")
    )
    need = django_filters.ChoiceFilter(
        label=_("Needs"), choices=_needs, method="filter_need", empty_label=_("Anything")
    )

    class Meta:
        model = Participant
        fields = ["q", "role", "cohort", "status", "need"]

    def search(self, queryset, name, value):
        for word in value.split():
            key = search_key(word)
            queryset = queryset.filter(
                Q(user__search_key__contains=key) | Q(user__email__icontains=word)
            )
        return queryset

    def filter_need(self, queryset, name, value):
        if value in OWN_NEEDS:
            return getattr(queryset.taking_part(), OWN_NEEDS[value][1])()
        if value in people.NEEDS:
            return people.NEEDS[value][1](queryset.taking_part())
        return queryset
