"""Japanese for the indicator method as a plan configures it: grade scales, the growth-rate
method, the overall rule of several series, and an indicator's series of the previous plan."""

JA = {
    # plans.Plan and indicators.Indicator
    "grade scale": "評価区分",
    "The plan's grades and the rule of each (docs/indicator-method.md).": (
        "計画の評価区分と、それぞれの判定基準です（docs/indicator-method.md）。"
    ),
    "overall status of several series": "複数の系列の総合判定",
    "the worst series": "最も低い系列",
    "the mean pace": "進捗の速さの平均",
    "as the plan says": "計画の設定に従う",
    "assessment method": "判定の方法",
    "linear": "直線（進捗の速さ）",
    "growth rate": "成長率",
    "continues": "引き継ぐ指標",
    "Write the scale as in docs/indicator-method.md.": (
        "評価区分は docs/indicator-method.md のとおりに書いてください。"
    ),
    "The indicator of an earlier version of the plan that this one carries on.": (
        "この指標が引き継ぐ、前の版の計画の成果指標です。"
    ),
    # the indicator page: the rule, by method
    "growth ratio g < 0 (below the baseline)": "成長率の比 g < 0（基準値を下回る）",
    "growth ratio g ≥ 0.95": "成長率の比 g ≥ 0.95",
    "0.6 ≤ growth ratio g < 0.95": "0.6 ≤ 成長率の比 g < 0.95",
    "0 ≤ growth ratio g < 0.6": "0 ≤ 成長率の比 g < 0.6",
    "Growth-rate method (Open SDG's): the growth ratio g = the compound annual growth observed "
    "since the baseline ÷ the annual growth the target needs; achievement p = (actual − "
    "baseline) ÷ (target − baseline). Achieved is decided first, then the growth ratio:": (
        "成長率による方法（Open SDG の方法）: 成長率の比 g = 基準年度からの年平均成長率の実績 ÷ "
        "目標に必要な年平均成長率、進捗率 p =（実績値 − 基準値）÷（目標値 − 基準値）。"
        "達成を先に判定し、次に成長率の比で判定します。"
    ),
    "The indicator's status comes from the mean of its %(count)s series' paces, graded by the "
    "same thresholds (achieved when every series is); its achievement is their mean "
    "achievement.": (
        "この指標の判定は、%(count)s つの系列の進捗の速さの平均を同じ基準で判定したものです"
        "（すべての系列が達成のときは達成）。進捗率も系列の平均です。"
    ),
    "The indicator's status is the worst of its %(count)s series' statuses.": (
        "この指標の判定は、%(count)s つの系列の判定のうち最も低いものです。"
    ),
    "The grades of this plan (%(name)s), the first that applies:": (
        "この計画の評価区分（%(name)s）。上から順に、最初に当てはまるものになります。"
    ),
    "The values of the series %(name)s are not all above zero, so it is assessed by the "
    "linear method.": (
        "系列「%(name)s」には 0 以下の値があるため、直線の方法（進捗の速さ）で判定しています。"
    ),
    # the series of the previous plan
    "(the grade of this indicator)": "（この指標の評価）",
    "Series of the previous plan (%(years)s)": "前の計画（%(years)s）の系列",
    "This indicator is continued in %(version)s:": "この指標は%(version)sに引き継がれています:",
    "This indicator continues one of %(version)s:": (
        "この指標は%(version)sの指標を引き継いでいます:"
    ),
    "Also in the chart, for reference: %(heading)s (green squares on a dotted line, its target "
    "a hollow green diamond). It does not count towards the status.": (
        "参考として、%(heading)sもグラフに示しています（緑の四角と点線、目標値は緑の白抜きの"
        "ひし形）。判定には使いません。"
    ),
    "The figures of the indicator of %(version)s that this one continues, for reference: they "
    "do not count towards this indicator's status.": (
        "この指標が引き継いだ%(version)sの指標の数値です（参考）。この指標の判定には使いません。"
    ),
}
