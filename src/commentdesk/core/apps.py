from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "commentdesk.core"
    label = "core"
    verbose_name = "Commentdesk"
