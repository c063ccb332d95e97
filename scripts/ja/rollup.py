"""Japanese for the progress roll-ups: the plan home's summary, the policy tree's counts, node
pages and the indicator list filtered by status."""

JA = {
    "Progress of the outcome indicators": "成果指標の進み具合",
    "Outcome indicators of %(name)s by status (%(total)s in all), from the latest published actuals.": "%(name)sの成果指標の状態別の件数（全%(total)s件、公表された最新の実績による）",
    "(the number of indicators with the status %(status)s)": "件（状態: %(status)s）",
    "All indicators": "すべての成果指標",
    "Each status is that of the indicator's latest published actual; how it is decided is on each indicator's page.": "状態は、各成果指標の公表された最新の実績によるものです。判定の方法は各成果指標のページにあります。",
    "Counts for each part of the policy system": "施策体系の項目ごとの件数",
    "Outcome indicators by the status of their latest published actual (%(total)s in all):": "公表された最新の実績による成果指標の状態（全%(total)s件）:",
    "In the policy system below, the upper levels show the same counts for the indicators under each of them.": "下の施策体系では、上位の階層の項目ごとに、その下にある成果指標の件数を示しています。",
    "Indicators under it, by status": "この下の成果指標の状態別の件数",
    "Progress of the outcome indicators under it": "この下の成果指標の進み具合",
    "The outcome indicators under %(name)s by status (%(total)s in all), from the latest published actuals.": "%(name)sの下の成果指標の状態別の件数（全%(total)s件、公表された最新の実績による）",
    "Total": "合計",
    "Showing the indicators with the status %(status)s: %(shown)s of %(total)s.": "状態が「%(status)s」の成果指標を表示しています（全%(total)s件中%(shown)s件）。",
    "Show every indicator": "すべての成果指標を表示",
    "No indicator of this version has this status.": "この版には、この状態の成果指標はありません。",
    "Number of indicators": "成果指標の数",
    "The number of indicators in each status, as bars; the table below gives the same counts.": "状態ごとの成果指標の数を棒で示したグラフです。下の表に同じ件数があります。",
    "standing": "年度別の状況",
    "standings": "年度別の状況",
}
