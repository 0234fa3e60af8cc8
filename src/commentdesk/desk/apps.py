from django.apps import AppConfig


class DeskConfig(AppConfig):
    name = "commentdesk.desk"
    label = "desk"
    verbose_name = "Moderation desk"
