"""Staff edit every model in the Django admin, in Japanese, after logging in."""

import pytest
from django.contrib import admin

from dxplan.audit.models import AuditEvent
from dxplan.plans.models import Node
from tests import world

pytestmark = pytest.mark.django_db


def test_the_admin_requires_login(client):
    response = client.get("/admin/plans/node/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")


def test_every_model_has_a_japanese_change_list_and_change_form(client):
    client.force_login(world.make_admin())
    dxplan_models = [m for m in admin.site._registry if m.__module__.startswith("dxplan.")]
    assert len(dxplan_models) == 17
    for model in dxplan_models:
        meta = model._meta
        response = client.get(f"/admin/{meta.app_label}/{meta.model_name}/")
        assert response.status_code == 200, meta.model_name
        assert "サイト管理" in response.content.decode()
        obj = model.objects.first()
        if obj is not None:
            change = client.get(f"/admin/{meta.app_label}/{meta.model_name}/{obj.pk}/change/")
            assert change.status_code == 200, meta.model_name


def test_staff_can_correct_a_node_name_in_the_admin(client):
    client.force_login(world.make_admin())
    node = Node.objects.get(version__slug="2025-2027", kind="measure", code="1-1")
    form = client.get(f"/admin/plans/node/{node.pk}/change/").context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(
        {
            "name_en": "Safe, secure and comfortable surroundings",
            "evaluations-TOTAL_FORMS": "0",
            "evaluations-INITIAL_FORMS": "0",
        }
    )
    response = client.post(f"/admin/plans/node/{node.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    node.refresh_from_db()
    assert node.name_en == "Safe, secure and comfortable surroundings"
    event = AuditEvent.objects.first()
    assert (event.verb, event.actor.username, event.object_key) == (
        "update",
        "dx-office",
        "nagasaki/dx-plan/2025-2027/measure/1-1",
    )
    assert event.changes == {
        "name_en": ["Creating a safe, secure and comfortable environment", node.name_en]
    }


def test_the_admin_refuses_to_break_the_tree(client):
    """Putting a measure under its own initiative would make a cycle; kinds forbid it."""
    client.force_login(world.make_admin())
    measure = Node.objects.get(version__slug="second", kind="measure", code="1-1")
    initiative = measure.children.first()
    form = client.get(f"/admin/plans/node/{measure.pk}/change/").context["adminform"].form
    data = {k: ("" if v is None else v) for k, v in form.initial.items()}
    data.update(
        {
            "parent": initiative.pk,
            "kind": "initiative",
            "evaluations-TOTAL_FORMS": "0",
            "evaluations-INITIAL_FORMS": "0",
        }
    )
    response = client.post(f"/admin/plans/node/{measure.pk}/change/", data)
    assert response.status_code == 200
    assert "initiative は initiative の下に置けません" in response.content.decode()
    measure.refresh_from_db()
    assert measure.parent.kind == "policy"
