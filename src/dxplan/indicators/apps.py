from django.apps import AppConfig
from django.db import DEFAULT_DB_ALIAS
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "dxplan.indicators"
    verbose_name = _("Indicators")

    def ready(self) -> None:
        from . import standing

        standing.register()
        post_migrate.connect(_rebuild_standings, sender=self)


def _rebuild_standings(using: str = DEFAULT_DB_ALIAS, **_: object) -> None:
    """After every `migrate` to the latest schema, standings as the installed method works
    them out (an upgrade may change the method). Not after migrating back to an older schema,
    whose tables the method's queries may no longer find, nor for a database other than
    dxplan's own."""
    from django.db import connections
    from django.db.migrations.executor import MigrationExecutor

    from . import standing

    if using != DEFAULT_DB_ALIAS:
        return
    executor = MigrationExecutor(connections[using])
    if executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return  # some migration is not applied
    standing.refresh_all()
