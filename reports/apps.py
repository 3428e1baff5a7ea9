from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self):
        from matching import views as matching_views
        from programs import demo, portal
        from programs import workspace as home
        from reports import views
        from reports.demo import seed_reports

        home.register_cohort_section(views.cohort_section)
        matching_views.register_pair_aside(views.pair_aside)
        portal.register(views.portal_section)
        portal.register_actions(views.portal_actions)
        demo.register(seed_reports)
