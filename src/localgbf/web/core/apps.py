from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "localgbf.web.core"
    label = "core"
    verbose_name = "localgbf"
