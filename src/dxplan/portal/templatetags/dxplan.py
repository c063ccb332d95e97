"""Template helpers of the public site. The ones the staff area shows the same way (fiscal years,
values in their units, the other language's address) are dxplan.presentation's `dxplan_common`,
registered here too, so a public template loads one library."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from dxplan.audit import queries as audit_queries
from dxplan.bilingual import FallbackText, current_language
from dxplan.plans.queries import PlanLevel, PlanShape
from dxplan.presentation.templatetags.dxplan_common import (
    fy,
    grouped,
    in_unit,
    other_language_url,
    percent,
    percent_number,
    plain,
    unit_label,
)
from dxplan.records import Attribution

register = template.Library()
for shared in (fy, grouped, in_unit, percent, percent_number, plain, unit_label):
    register.filter(shared.__name__, shared)
register.simple_tag(other_language_url, takes_context=True)


@register.simple_tag
def last_public_change(plan) -> datetime | None:
    """When what the public sees of the plan last changed (audit.queries.last_public_change)."""
    return audit_queries.last_public_change(plan)


@register.simple_tag(takes_context=True)
def aria_current(context, href: str, section: bool = False) -> SafeString:
    """Marks the navigation link of the page being read (`page`) or, for a section such as a
    version, of any page within it (`true`), so screen readers and the style can say where the
    reader is."""
    path = context["request"].path
    if path == href:
        return mark_safe(' aria-current="page"')
    if section and path.startswith(href):
        return mark_safe(' aria-current="true"')
    return mark_safe("")


@register.filter
def direction_label(direction: str) -> str:
    return _("higher is better") if direction == "increase" else _("lower is better")


@register.filter
def lang_of(text: str) -> str:
    """` lang="ja"` for Japanese shown in place of missing English, for block elements."""
    return mark_safe(' lang="ja"') if isinstance(text, FallbackText) else ""


def _parenthesised(text: str) -> str:
    """（…） after Japanese, ` (…)` after English."""
    return f"（{text}）" if current_language() == "ja" else f" ({text})"


@register.filter
def observed(observation, indicator) -> SafeString:
    """An actual in its unit, marked in words when it is provisional: 40.2%（速報値）."""
    shown = in_unit(observation.value, indicator)
    if not observation.provisional:
        return format_html("{}", shown)
    marker = _parenthesised(_("provisional"))
    return format_html('{}<span class="provisional">{}</span>', shown, marker)


@register.filter
def attribution_label(attribution: str) -> SafeString:
    """（編集部による推定） after a text the editors inferred; nothing after the city's own."""
    if attribution != Attribution.EDITORS:
        return mark_safe("")
    return format_html(
        '<span class="attribution">{}</span>', _parenthesised(_("Inferred by the editors"))
    )


@register.filter
def level_of(node, shape: PlanShape) -> PlanLevel:
    """The plan level of a node (for nodes met outside a version tree, as in mappings)."""
    return shape.level(node.kind)


@register.filter
def level_label(level: PlanLevel, plan) -> str:
    """A level's name; a level coded `vision` names the plan's vision year: 2030年のめざす姿."""
    if level.code == "vision" and plan.vision_year:
        return _("%(year)s %(level)s") % {
            "year": plan.vision_year,
            "level": in_sentence(level.name),
        }
    return level.name


@register.filter
def in_sentence(name: str) -> str:
    """A level name inside an English sentence: Basic measure → basic measure (DX stays DX)."""
    if current_language() != "en" or not name or name[1:2].isupper():
        return name
    return name[0].lower() + name[1:]


@register.filter
def level_names(levels: list[PlanLevel], sentence: bool = False) -> str:
    """Several level names as one phrase: 基本施策・施策 / basic measure and measure."""
    names = [in_sentence(lv.name) if sentence else lv.name for lv in levels]
    if current_language() == "ja":
        return "・".join(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]


def node_path(shape: PlanShape, version_slug: str, kind: str, code: str) -> str:
    """The URL of a node's page (docs/decisions/0005-plan-levels-in-urls.md); "" when its level
    has no pages."""
    if not shape.level(kind).has_page:
        return ""
    if kind == "measure":
        return reverse("portal:measure", args=[shape.org_slug, shape.plan_slug, version_slug, code])
    return reverse(
        "portal:node",
        args=[shape.org_slug, shape.plan_slug, version_slug, shape.url_segment(kind), code],
    )


@register.simple_tag
def node_url(shape: PlanShape, version, node) -> str:
    """`{% node_url shape version node as url %}`: a node's page, or "" when it has none."""
    node = getattr(node, "node", node)  # a TreeNode or a Node
    slug = version if isinstance(version, str) else version.slug
    return node_path(shape, slug, node.kind, node.code)


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    """`{{ mapping|get_item:key }}`: a dictionary's value in a template."""
    return mapping.get(key)
