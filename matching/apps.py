from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from matching import lifecycle, workspace
        from matching.demo import seed_pairs
        from matching.views import portal_actions, portal_section
        from programs import demo, events, people, portal
        from programs import workspace as home

        portal.register(portal_section)
        portal.register_actions(portal_actions)
        home.register_figures(workspace.figures)
        home.register_cohort_section(workspace.cohort_section)
        home.register_cohort_stats(workspace.cohort_stats)
        people.register_columns(workspace.people_columns, "pair", "pair_url")
        people.register_section(workspace.person_section)
        people.register_need("without_pair", _("Mentees without a pair"), workspace.without_pair)
        people.register_need(
            "free_places", _("Mentors with free places"), workspace.with_free_places
        )
        demo.register(seed_pairs)
        events.listen("consent_changed", lifecycle.on_consent_changed)
        events.listen("participant_changed", lifecycle.on_participant_changed)
        events.register_check("capacity", lifecycle.capacity_problem)
