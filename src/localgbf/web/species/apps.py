from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SpeciesWebConfig(AppConfig):
    name = "localgbf.web.species"
    label = "species_web"
    verbose_name = _("Species data")
