from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "dxplan.plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        from dxplan import checks  # noqa: F401 - registers the system checks
