"""`dxplan progress assess`: the method on figures typed on the command line."""

import json

import pytest
from django.core.management import CommandError, call_command


def assess(capsys, *arguments: str) -> str:
    call_command("progress", "assess", *arguments)
    return capsys.readouterr().out


NAGASAKI_1_1 = ["--baseline", "36.3", "--baseline-year", "R6", "--target", "50"]
NAGASAKI_1_1 += ["--target-year", "R9"]


def test_the_issues_what_if_as_json(capsys):
    out = json.loads(assess(capsys, *NAGASAKI_1_1, "--actual", "R7=40.0", "--format", "json"))
    assert out["years"] == [
        {
            "fiscal_year": 2025,
            "value": 40.0,
            "achievement": 0.270073,
            "elapsed": 0.333333,
            "pace": 0.810219,
            "status": "acceleration_needed",
        }
    ]
    assert out["forecast"]["value"] == 47.4 and out["forecast"]["reaches_target"] == "unlikely"
    assert out["forecast"]["lower"] is None  # two points: no interval yet


def test_every_form_of_year_and_number_a_plan_file_accepts(capsys):
    out = assess(
        capsys,
        "--baseline", "３６．３％", "--baseline-year", "令和6年度",
        "--target", "50.0%", "--target-year", "FY2027",
        "--actual", "R7=40", "--actual", "2026年度=45.0", "--ci", "R7=38.1,41.9",
    )  # fmt: skip
    assert "FY2025: 40  achievement 27.0%  elapsed 33.3%  pace 0.81  uncertain" in out
    assert "目標の進捗率27%、期間経過率33%（区間の両端で判定が分かれます: 進捗が遅い・順調）" in out
    assert "FY2026: 45" in out and "on_track" in out
    assert "forecast FY2027: 49.13 (80% interval" in out


def test_a_cumulative_decreasing_and_growth_rate_indicator(capsys):
    cumulative = ["--baseline", "5", "--baseline-year", "R5", "--target", "9"]
    cumulative += ["--target-year", "R9", "--cumulative", "--actual", "R7=2", "--format", "json"]
    [year] = json.loads(assess(capsys, *cumulative))["years"]
    assert (year["value"], year["status"]) == (7.0, "on_track")
    decreasing = ["--baseline", "6.7", "--baseline-year", "R5", "--target", "5.0"]
    decreasing += ["--target-year", "R9", "--actual", "R7=7.0", "--format", "json"]
    assert json.loads(assess(capsys, *decreasing))["years"][0]["status"] == "deteriorating"
    growth = ["--baseline", "100", "--baseline-year", "2024", "--target", "200"]
    growth += ["--target-year", "2027", "--method", "cagr", "--actual", "2025=110"]
    assert "limited_progress" in assess(capsys, *growth)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--actual", "R7"], "R7=40.0"),
        (["--actual", "R7=abc"], "abc"),
        (["--actual", "X7=40"], "X7"),
        (["--actual", "R7=40", "--ci", "R8=1,2"], "--ci for a year with no --actual: FY2026"),
        (["--actual", "R7=40", "--ci", "R7=38"], "LOWER,UPPER"),
    ],
)
def test_bad_figures_are_refused_with_a_reason(arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("progress", "assess", *NAGASAKI_1_1, *arguments)


def test_no_actual_after_the_baseline_is_no_data(capsys):
    assert "no_data: No actual after the baseline year yet." in assess(capsys, *NAGASAKI_1_1)
