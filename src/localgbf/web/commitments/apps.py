from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommitmentsConfig(AppConfig):
    name = "localgbf.web.commitments"
    label = "commitments"
    verbose_name = _("Commitments and national review")
