from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class FrameworksConfig(AppConfig):
    name = "localgbf.web.frameworks"
    label = "frameworks"
    verbose_name = _("Frameworks")

    def ready(self) -> None:
        from localgbf.web.frameworks.sync import sync_after_migrate

        post_migrate.connect(sync_after_migrate, sender=self)
