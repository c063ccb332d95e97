"""Roles (accounts/policy.py). Staff users who already belong to a department report its
figures: they become its department editors; everyone else starts without a role."""

import django.db.models.deletion
from django.db import migrations, models


def department_editors(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    User.objects.filter(is_staff=True, departments__isnull=False).update(role="department_editor")


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("plans", "0003_department_code"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="organisation",
            field=models.ForeignKey(
                blank=True,
                help_text="The city whose plans this person works on (a department's city counts too).",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="staff",
                to="plans.organisation",
                verbose_name="organisation",
            ),
        ),
        migrations.AddField(
            model_name="user",
            name="role",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "no role"),
                    ("department_editor", "department editor"),
                    ("reviewer", "reviewer"),
                    ("office_editor", "DX office editor"),
                    ("committee", "committee member"),
                ],
                default="",
                help_text="Department editors report their departments' figures; reviewers approve or send back and publish; DX office editors do all of this for every plan of the organisation; committee members read drafts and change nothing. Administrators (superusers) may do everything.",
                max_length=20,
                verbose_name="role",
            ),
        ),
        migrations.RunPython(department_editors, migrations.RunPython.noop),
    ]
