"""The shared test world: a town built in code with its people (`Town`), plus plan folders:
Nagasaki's real plan for the seed-fidelity tests and a small fictional town's, as files."""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

from dxplan.io.planfiles import read_plan_folder

ROOT = Path(__file__).resolve().parent.parent
NAGASAKI = ROOT / "data" / "nagasaki"
MINATO = Path(__file__).resolve().parent / "fixtures" / "minato"
SAKURA = Path(__file__).resolve().parent / "fixtures" / "sakura"  # 基本目標 → 施策 → 事業, 2035
SEED_TEXT = (
    Path(__file__).resolve().parent / "fixtures" / "seed" / "nagasaki-dx-plan-revision-draft.txt"
)

NAGASAKI_PLAN = ("nagasaki", "dx-plan")
MINATO_PLAN = ("minato", "smart-town")


def load(directory: Path, **options):  # type: ignore[no-untyped-def]
    from dxplan.io.plan_import import import_plan

    return import_plan(read_plan_folder(directory), **options)


def copy_of_minato(tmp_path: Path) -> Path:
    """A writable copy of the town's plan folder, for tests that edit files."""
    target = tmp_path / "minato"
    shutil.copytree(MINATO, target)
    return target


def make_admin():  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser(
        "dx-office", "dx@example.jp", "correct horse 2024"
    )


def sql_of_request(client, path: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The SQL statements one GET runs, for pinning query counts."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        assert client.get(path).status_code == 200
    return [q["sql"] for q in context.captured_queries]


class Town:
    """A small plan built in code through the actions, with the people who use it.

    みなと市 (code 999990): one version, one field, a measure 1-1 with indicator 1-1 (owned by
    the Digital Division through the indicator's own department) and a measure 1-2 with
    indicator 1-2 (owned by the Welfare Division through its measure's 所管課: the indicator names
    none). The people, one per role:
    - `dx_office`: an administrator (superuser), who built the plan;
    - `office_editor`: the DX office, every plan of the city;
    - `reviewer`: approves or sends back, publishes;
    - `department_editor`: the Digital Division's; `welfare_editor`: the Welfare Division's;
    - `committee_member`: reads drafts, changes nothing;
    - `clerk`: a staff account without a role; `citizen`: no staff rights.
    """

    def __init__(self) -> None:
        from django.contrib.auth import get_user_model

        from dxplan.indicators import actions as indicators
        from dxplan.indicators.models import Indicator, Series
        from dxplan.plans import actions as plans
        from dxplan.plans.models import Department, Node, Organisation, Plan, PlanVersion

        users = get_user_model()
        self.dx_office = users.objects.create_user(
            "dx-office-town", password="correct horse 2024", is_staff=True, is_superuser=True
        )
        actor = self.dx_office
        self.organisation, _ = plans.create_organisation(
            Organisation(code="999990", slug="town", name_ja="みなと市", name_en="Minato City"),
            actor=actor,
        )
        self.department, _ = plans.create_department(
            Department(
                organisation=self.organisation, name_ja="デジタル課", name_en="Digital Division"
            ),
            actor=actor,
        )
        self.welfare, _ = plans.create_department(
            Department(
                organisation=self.organisation,
                code="welfare",
                name_ja="福祉課",
                name_en="Welfare Division",
            ),
            actor=actor,
        )

        def person(name: str, role: str, *departments: Department):  # type: ignore[no-untyped-def]
            user = users.objects.create_user(
                name,
                password="correct horse 2024",
                is_staff=True,
                role=role,
                organisation=self.organisation,
            )
            user.departments.add(*departments)
            return user

        self.department_editor = person("department-editor", "department_editor", self.department)
        self.welfare_editor = person("welfare-editor", "department_editor", self.welfare)
        self.office_editor = person("office-editor", "office_editor")
        self.reviewer = person("reviewer", "reviewer")
        self.committee_member = person("committee-member", "committee")
        self.clerk = person("clerk", "")
        self.citizen = users.objects.create_user("citizen", password="correct horse 2024")
        self.plan, _ = plans.create_plan(
            Plan(
                organisation=self.organisation,
                slug="dx",
                name_ja="みなと市DX計画",
                name_en="Minato City DX Plan",
                start_year=2025,
                end_year=2030,
                vision_year=2030,
            ),
            actor=actor,
        )
        self.version, _ = plans.create_version(
            PlanVersion(
                plan=self.plan,
                slug="2025-2027",
                name_ja="第1期",
                name_en="Phase 1",
                start_year=2025,
                end_year=2027,
                status=PlanVersion.Status.PUBLIC,
            ),
            actor=actor,
        )
        self.field, _ = plans.create_node(
            Node(
                version=self.version, kind="field", code="1", name_ja="行政", name_en="Government"
            ),
            actor=actor,
        )
        self.policy, _ = plans.create_node(
            Node(
                version=self.version,
                parent=self.field,
                kind="policy",
                code="1",
                position=1,
                name_ja="便利な市役所",
                name_en="A convenient city hall",
            ),
            actor=actor,
        )
        self.measure, _ = plans.create_node(
            Node(
                version=self.version,
                parent=self.policy,
                kind="measure",
                code="1-1",
                position=2,
                name_ja="手続きのオンライン化",
                name_en="Online procedures",
                department=self.department,
            ),
            actor=actor,
        )
        self.indicator, _ = indicators.create_indicator(
            Indicator(
                measure=self.measure,
                code="1-1",
                name_ja="オンライン申請率",
                name_en="Share of applications made online",
                unit="%",
                decimals=1,
                direction=Indicator.Direction.INCREASE,
                kind=Indicator.Kind.LEVEL,
                department=self.department,
            ),
            actor=actor,
        )
        self.series, _ = indicators.create_series(
            Series(
                indicator=self.indicator,
                key="total",
                name_ja="全体",
                name_en="Total",
                baseline_value=Decimal("20.0"),
                baseline_year=2024,
                target_value=Decimal("50.0"),
                target_year=2027,
            ),
            actor=actor,
        )
        self.welfare_measure, _ = plans.create_node(
            Node(
                version=self.version,
                parent=self.policy,
                kind="measure",
                code="1-2",
                position=3,
                name_ja="見守りのデジタル化",
                name_en="Digital care checks",
                department=self.welfare,
            ),
            actor=actor,
        )
        self.welfare_indicator, _ = indicators.create_indicator(
            Indicator(
                measure=self.welfare_measure,
                code="1-2",
                position=1,
                name_ja="見守りサービスの利用者数",
                name_en="Users of the care-check service",
                unit="人",
                unit_en="people",
                decimals=0,
                direction=Indicator.Direction.INCREASE,
                kind=Indicator.Kind.LEVEL,
            ),
            actor=actor,
        )
        self.welfare_series, _ = indicators.create_series(
            Series(
                indicator=self.welfare_indicator,
                key="total",
                name_ja="全体",
                name_en="Total",
                baseline_value=Decimal("100"),
                baseline_year=2024,
                target_value=Decimal("400"),
                target_year=2027,
            ),
            actor=actor,
        )


# はまな町: grades its own way (A–D, plan.yaml `progress`) and carries indicators from its
# 2022-2024 plan into its 2025-2027 plan (`continues`); 2-1 has two series and `method: cagr`.
HAMANA = Path(__file__).resolve().parent / "fixtures" / "hamana"
