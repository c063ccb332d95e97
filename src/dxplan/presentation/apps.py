from django.apps import AppConfig


class PresentationConfig(AppConfig):
    """What the public site and the staff area both show the same way: the template library
    `dxplan_common` (fiscal years, figures with their units, the other language's address).
    Neither face loads the other's library (docs/architecture.md)."""

    name = "dxplan.presentation"
