from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OfficeConfig(AppConfig):
    """/staff/: the DX office's and departments' screens for yearly actuals (docs/actuals.md)."""

    name = "dxplan.office"
    verbose_name = _("Staff area")
