from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def install_builtin_templates(sender, **kwargs):
    """Reference data, like Django's permissions: the built-in templates after every migrate
    (and every flush of a test database); idempotent."""
    from forms_workflow import services

    services.install_builtin_templates()


class FormsWorkflowConfig(AppConfig):
    name = "forms_workflow"
    verbose_name = _("Forms")

    def ready(self):
        from forms_workflow import services, views, workspace
        from forms_workflow.demo import seed_forms
        from matching import lifecycle
        from matching import views as matching_views
        from programs import demo, portal
        from programs import workspace as home

        post_migrate.connect(install_builtin_templates, sender=self)
        lifecycle.start_gate(services.start_gate)
        lifecycle.on_pair_accepted(services.sync_pair)
        portal.register(views.portal_section)
        portal.register_actions(views.portal_actions)
        home.register_figures(workspace.figures)
        home.register_cohort_section(workspace.cohort_section)
        demo.register(seed_forms)
        matching_views.register_shortlist_aside(views.shortlist_aside)
