from django.apps import AppConfig


class IoConfig(AppConfig):
    """File adapters and the commands that read and write plan and actuals files (`dxplan load`,
    `dump`, `actuals`). No models: the files are read into the apps through their actions."""

    name = "dxplan.io"
    label = "dxplan_io"  # "io" alone reads as Python's own module
