"""Figures go through the reporting workflow as revisions (core/workflow.py).

What waited in `Observation.correction` (a published figure's correction) and every figure not
yet published become open revisions, so nothing entered is lost; then the JSON field goes.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

FIELDS = (
    "value",
    "lower",
    "upper",
    "source_ja",
    "source_en",
    "provisional",
    "note",
    "analysis_ja",
    "analysis_en",
)


def to_revisions(apps, schema_editor):
    Observation = apps.get_model("indicators", "Observation")
    Revision = apps.get_model("indicators", "FigureRevision")
    field_of = {f.attname: f for f in Observation._meta.concrete_fields}
    made = []
    for o in Observation.objects.exclude(state="published", correction__isnull=True).iterator():
        values = {name: getattr(o, name) for name in FIELDS}
        state = o.state
        if o.state == "published":  # a waiting correction: the published values, corrected
            for name, value in (o.correction or {}).items():
                if name in FIELDS:
                    values[name] = field_of[name].to_python(value)
            state = "draft"
        made.append(Revision(observation_id=o.pk, state=state, author_name="", **values))
    Revision.objects.bulk_create(made, batch_size=500)


def to_corrections(apps, schema_editor):
    """Back: each open revision of a published figure waits in `correction` again."""
    Observation = apps.get_model("indicators", "Observation")
    Revision = apps.get_model("indicators", "FigureRevision")
    open_states = ["draft", "submitted", "sent_back", "approved"]
    for r in Revision.objects.filter(state__in=open_states).select_related("observation"):
        o = r.observation
        if o.state != "published":
            continue
        changed = {}
        for name in FIELDS:
            value = getattr(r, name)
            if value != getattr(o, name):
                changed[name] = (
                    str(value)
                    if value is not None and name in ("value", "lower", "upper")
                    else value
                )
        if changed:
            o.correction = changed
            o.save(update_fields=["correction"])
    Observation.objects.filter(state__in=["sent_back", "withdrawn"]).update(state="draft")


class Migration(migrations.Migration):
    dependencies = [
        ("indicators", "0005_standing"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="observation",
            name="state",
            field=models.CharField(
                choices=[
                    ("draft", "draft"),
                    ("submitted", "submitted"),
                    ("sent_back", "sent back"),
                    ("approved", "approved"),
                    ("published", "published"),
                    ("withdrawn", "withdrawn"),
                ],
                default="published",
                max_length=10,
                verbose_name="state",
            ),
        ),
        migrations.CreateModel(
            name="FigureRevision",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("draft", "draft"),
                            ("submitted", "submitted"),
                            ("sent_back", "sent_back"),
                            ("approved", "approved"),
                            ("published", "published"),
                            ("superseded", "superseded"),
                            ("withdrawn", "withdrawn"),
                        ],
                        default="draft",
                        max_length=12,
                        verbose_name="state",
                    ),
                ),
                (
                    "value",
                    models.DecimalField(decimal_places=6, max_digits=20, verbose_name="value"),
                ),
                (
                    "lower",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=20,
                        null=True,
                        verbose_name="lower bound",
                    ),
                ),
                (
                    "upper",
                    models.DecimalField(
                        blank=True,
                        decimal_places=6,
                        max_digits=20,
                        null=True,
                        verbose_name="upper bound",
                    ),
                ),
                (
                    "source_ja",
                    models.CharField(blank=True, max_length=500, verbose_name="source (ja)"),
                ),
                (
                    "source_en",
                    models.CharField(blank=True, max_length=500, verbose_name="source (en)"),
                ),
                ("provisional", models.BooleanField(default=False, verbose_name="provisional")),
                ("note", models.TextField(blank=True, verbose_name="note")),
                (
                    "analysis_ja",
                    models.TextField(blank=True, verbose_name="factors behind the figure (ja)"),
                ),
                (
                    "analysis_en",
                    models.TextField(blank=True, verbose_name="factors behind the figure (en)"),
                ),
                (
                    "author_name",
                    models.CharField(blank=True, max_length=150, verbose_name="author"),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated")),
                (
                    "submitted_by",
                    models.CharField(blank=True, max_length=150, verbose_name="submitted by"),
                ),
                (
                    "submitted_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="submitted"),
                ),
                (
                    "reviewed_by",
                    models.CharField(blank=True, max_length=150, verbose_name="reviewed by"),
                ),
                (
                    "reviewed_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="reviewed"),
                ),
                (
                    "published_by",
                    models.CharField(blank=True, max_length=150, verbose_name="published by"),
                ),
                (
                    "published_at",
                    models.DateTimeField(blank=True, null=True, verbose_name="published"),
                ),
                (
                    "reason",
                    models.TextField(
                        blank=True,
                        help_text="What the reviewer asks to change.",
                        verbose_name="reason sent back",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "observation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="revisions",
                        to="indicators.observation",
                    ),
                ),
            ],
            options={
                "verbose_name": "figure revision",
                "verbose_name_plural": "figure revisions",
                "ordering": ["observation", "-created_at", "-id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(
                            ("state__in", ["approved", "draft", "sent_back", "submitted"])
                        ),
                        fields=("observation",),
                        name="one_open_revision_per_figure",
                    )
                ],
            },
        ),
        migrations.RunPython(to_revisions, to_corrections),
        migrations.RemoveField(
            model_name="observation",
            name="correction",
        ),
    ]
