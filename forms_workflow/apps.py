from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FormsWorkflowConfig(AppConfig):
    name = "forms_workflow"
    verbose_name = _("Forms")
