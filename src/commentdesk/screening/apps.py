from django.apps import AppConfig


class ScreeningConfig(AppConfig):
    name = "commentdesk.screening"
    label = "screening"
    verbose_name = "Screening and assistant"

    def ready(self):
        from commentdesk.screening import signals  # noqa: F401
