from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RoundsConfig(AppConfig):
    name = "dxplan.rounds"
    verbose_name = _("reporting rounds")
    default_auto_field = "django.db.models.BigAutoField"
