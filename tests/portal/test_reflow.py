"""Wide tables scroll in a region of their own, never the page (WCAG 1.4.10), and the region can
be reached and named: a labelled, focusable `role="region"` around every table. The browser
tests measure the pages at 320 px; this finds a table left unwrapped on any page, however wide
it is today."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

PLAN = "/nagasaki/dx-plan"
PAGES = [
    f"{PLAN}/",
    f"{PLAN}/2025-2027/measures/4-1/",
    f"{PLAN}/2025-2027/indicators/",
    f"{PLAN}/2025-2027/indicators/4-1/",
    f"{PLAN}/compare/",
    f"{PLAN}/surveys/",
    f"{PLAN}/about/",
]


class Tables(HTMLParser):
    """Each table, with whether an open ancestor is a labelled, focusable scroll region."""

    VOID = {"br", "img", "input", "meta", "link", "hr", "col", "source", "wbr", "area"}

    def __init__(self) -> None:
        super().__init__()
        self.open: list[tuple[str, dict[str, str | None]]] = []
        self.tables: list[bool] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table":
            self.tables.append(any(self._is_region(a) for _, a in self.open))
        if tag not in self.VOID:
            self.open.append((tag, attributes))

    def handle_endtag(self, tag):
        while self.open:
            if self.open.pop()[0] == tag:
                break

    @staticmethod
    def _is_region(attributes: dict[str, str | None]) -> bool:
        return (
            "scroll" in (attributes.get("class") or "").split()
            and attributes.get("role") == "region"
            and attributes.get("tabindex") == "0"
            and bool(attributes.get("aria-labelledby") or attributes.get("aria-label"))
        )


@pytest.mark.parametrize("prefix", ["", "/en"])
@pytest.mark.parametrize("path", PAGES)
def test_every_table_scrolls_in_a_labelled_region_of_its_own(client, path, prefix):
    response = client.get(prefix + path)
    assert response.status_code == 200
    parser = Tables()
    parser.feed(response.content.decode())
    assert parser.tables, "the page has a table"
    assert all(parser.tables), f"{parser.tables.count(False)} table(s) outside a scroll region"


@pytest.mark.parametrize(
    "path",
    [
        "/staff/?version=nagasaki/dx-plan/2025-2027&year=R7",
        "/staff/nagasaki/dx-plan/2025-2027/4-1/2025/",
        "/en/staff/nagasaki/dx-plan/2025-2027/1-1/2025/",
    ],
)
def test_staff_tables_scroll_in_labelled_regions_too(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    parser = Tables()
    parser.feed(response.content.decode())
    assert parser.tables and all(parser.tables), parser.tables


def test_the_upload_preview_tables_scroll_in_labelled_regions(admin_client, tmp_path):
    sample = Path(__file__).resolve().parents[2] / "data" / "nagasaki-sample" / "actuals.csv"
    with sample.open("rb") as file:
        response = admin_client.post("/staff/actuals/upload/", {"file": file}, follow=True)
    assert response.status_code == 200 and "preview" in response.redirect_chain[-1][0]
    parser = Tables()
    parser.feed(response.content.decode())
    assert parser.tables and all(parser.tables), parser.tables
