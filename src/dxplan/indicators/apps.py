from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "dxplan.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from . import standing

        standing.register()
        post_migrate.connect(_rebuild_standings, sender=self)


def _rebuild_standings(**_: object) -> None:
    """After every `migrate`, standings as the installed method works them out (an upgrade
    may change the method); none while migrated back to before they existed."""
    from django.db import connection

    from . import standing
    from .models import Standing

    if Standing._meta.db_table in connection.introspection.table_names():
        standing.refresh_all()
