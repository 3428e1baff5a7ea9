from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Matching")

    def ready(self):
        from matching.demo import seed_pairs
        from matching.views import portal_section
        from programs import demo, portal

        portal.register(portal_section)
        demo.register(seed_pairs)
