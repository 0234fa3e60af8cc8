from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "commentdesk.demo"
    label = "demo"
    verbose_name = "Demo newsroom"
