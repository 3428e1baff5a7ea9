from django.apps import AppConfig


class MentoratConfig(AppConfig):
    name = "mentorat"
    verbose_name = "Mentorat"

    def ready(self):
        from mentorat import middleware  # noqa: F401 - starts the idle clock at each sign-in
