from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BatchesConfig(AppConfig):
    name = "localgbf.web.batches"
    label = "batches"
    verbose_name = _("Batch assessments")
