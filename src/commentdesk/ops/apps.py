from django.apps import AppConfig


class OpsConfig(AppConfig):
    name = "commentdesk.ops"
    label = "ops"
    verbose_name = "Operations: health, metrics, security headers, background work"
