"""Whatever a plan folder contains, reading it either succeeds or lists errors: it never crashes."""

import shutil
import tempfile
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dxplan.io.planfiles import PlanFilesInvalid, read_plan_folder
from tests import world

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=False),
    st.text(max_size=8),
    st.sampled_from(["R6", "令和6年度", "measure/1-1", "%"]),
)
documents = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=3),
        st.dictionaries(
            st.sampled_from(
                [
                    "nodes",
                    "kind",
                    "code",
                    "name",
                    "ja",
                    "en",
                    "series",
                    "children",
                    "versions",
                    "slug",
                    "plan",
                    "x",
                ]
            ),
            children,
            max_size=4,
        ),
    ),
    max_leaves=12,
)


def read_with(file: str, text: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "minato"
        shutil.copytree(world.MINATO, folder)
        (folder / file).write_text(text, encoding="utf-8")
        try:
            read_plan_folder(folder)
        except PlanFilesInvalid as invalid:
            assert invalid.errors
            assert all(e.ja and e.en and e.file for e in invalid.errors)


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(["plan.yaml", "versions/first.yaml", "surveys.yaml"]), documents)
def test_any_yaml_structure_is_either_read_or_reported(file, document):
    read_with(file, yaml.safe_dump(document, allow_unicode=True))


@settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.text(max_size=60))
def test_any_text_is_either_read_or_reported(text):
    read_with("mappings/first--second.yaml", text)
