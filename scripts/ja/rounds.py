"""Japanese of the yearly reporting round (dxplan.rounds): opening it, each department's
request, reminders, publishing it, and the public page of how punctual the departments were."""

JA = {
    "reporting rounds": "実績報告の依頼",
    "reporting round": "実績報告の依頼",
    "Reporting rounds": "実績報告の依頼",
    "Rounds": "依頼の一覧",
    "reporting round opened": "実績報告の依頼を開始",
    "reporting round published": "実績報告の依頼を公表",
    "reminder": "督促",
    "reminders": "督促",
    "sent on": "送信日",
    "figures outstanding": "未提出の実績",
    "city": "自治体",
    "City": "自治体",
    "fiscal year reported": "報告する年度",
    "Fiscal year reported": "報告する年度",
    "due date": "期限",
    "Due date": "期限",
    "plan versions covered": "対象の計画（版）",
    "Plan versions covered": "対象の計画（版）",
    "e.g. R7, 令和7年度, 2025": "例: R7、令和7年度、2025",
    "YYYY-MM-DD": "年-月-日（例: 2026-06-30）",
    "A round for this fiscal year is open already.": "この年度の依頼はすでに開始されています。",
    "The round was opened.": "依頼を開始しました。",
    "The round was not opened:": "依頼を開始できませんでした:",
    "No round has been opened yet.": "まだ依頼は開始されていません。",
    "Open a round": "依頼を開始する",
    "Open the round": "依頼を開始する",
    "open": "受付中",
    "State": "状態",
    "Each year the DX office asks the departments for the year's figures by a due date. "
    "Reminders go to the department editors a week and a day before it, and when it has "
    "passed; the public sees, per department, how many figures arrived on time.": (
        "DX推進担当は毎年度、期限を定めて各課に実績の報告を依頼します。期限の1週間前と前日、"
        "期限を過ぎたときに、各課の入力担当へ督促のメールが届きます。公開サイトでは、課ごとに"
        "期限までに届いた実績の数が公表されます。"
    ),
    "Reporting round %(year)s": "%(year)sの実績報告",
    "the due date has passed": "期限を過ぎています",
    "This round's request (今回の依頼)": "今回の依頼",
    "The figures your departments are asked for": "担当課に依頼されている実績",
    "Per department": "課ごとの状況",
    "What each department has handed in": "各課の提出状況",
    "Requested": "依頼数",
    "Not entered": "未入力",
    "Draft": "下書き",
    "Sent back": "差し戻し",
    "Submitted": "提出済み",
    "Approved": "承認済み",
    "Published": "公表",
    "On time": "期限内",
    "Late": "期限後",
    "Median days late": "遅れた日数（中央値）",
    "%(n)s overdue": "%(n)s 件が期限切れ",
    "no department named": "所管課の定めなし",
    "Publish the round: see every change it would make public": (
        "依頼の実績を公表する（公開される変更をすべて確認）"
    ),
    "Every figure of the round": "依頼したすべての実績",
    "Figures requested": "依頼した実績",
    "Handed in": "提出日",
    "Publish the round %(year)s": "%(year)sの実績を公表する",
    "Publishing makes these %(count)s approved figures public at once. Figures not approved "
    "yet stay as they are.": (
        "承認済みの次の %(count)s 件の実績をまとめて公開します。まだ承認されていない実績は"
        "そのままです。"
    ),
    "No figure of the round is approved yet.": "承認済みの実績はまだありません。",
    "Publish the round": "まとめて公表する",
    "Back to the round": "依頼に戻る",
    "Published: %(count)s figures.": "%(count)s 件の実績を公表しました。",
    # the public page
    "How the yearly reporting went": "実績報告の状況",
    "Per department: how many figures arrived by the due date": "課ごとの、期限までに届いた実績の数",
    "Each year the city's departments report their indicators' figures to the DX office by a "
    "due date. Per department: how many of the figures asked for arrived on time, and how late "
    "the others were. A figure counts as arrived when the department submitted it for review.": (
        "市の各課は毎年度、期限までに成果指標の実績をDX推進担当に報告します。課ごとに、依頼"
        "された実績のうち期限までに届いた数と、遅れた実績の遅れの日数を示します。課が審査に"
        "提出した時点で届いたものとしています。"
    ),
    "As of %(date)s.": "%(date)s 現在。",
    "Figures for %(year)s": "%(year)sの実績",
    "in progress": "受付中",
    "Punctuality per department, %(year)s": "課ごとの提出状況（%(year)s）",
    "Figures asked for": "依頼した実績",
    "Share on time": "期限内の割合",
    "Not yet arrived": "未提出",
    "%(days)s days": "%(days)s 日",
    "overdue": "期限切れ",
    "No reporting round has asked for this plan's figures yet.": (
        "この計画の実績報告の依頼はまだありません。"
    ),
    "Overdue": "報告期限切れ",
    "the figure for %(year)s was due from the department on %(due)s and has not been published "
    "yet.": "%(year)sの実績は、所管課からの報告期限（%(due)s）を過ぎていますが、まだ公表されていません。",
}
