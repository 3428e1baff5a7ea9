from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self):
        from matching import lifecycle
        from meetings import workspace
        from meetings.demo import seed_meetings
        from meetings.services import cancel_planned_meetings, copy_closure_days
        from meetings.views import portal_actions, portal_section
        from programs import demo, events, people, portal
        from programs import workspace as home

        portal.register(portal_section)
        portal.register_actions(portal_actions)
        home.register_figures(workspace.figures)
        home.register_cohort_section(workspace.cohort_section)
        people.register_columns(workspace.people_columns, "last_contact")
        people.register_section(workspace.person_section)
        demo.register(seed_meetings)
        lifecycle.on_pair_stopped(cancel_planned_meetings)
        events.listen("cohort_copied", copy_closure_days)
