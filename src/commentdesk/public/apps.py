from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "commentdesk.public"
    label = "public"
    verbose_name = "Public comments pages"
