from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComputationsConfig(AppConfig):
    name = "localgbf.web.computations"
    label = "computations"
    verbose_name = _("Computations")
