"""Japanese of the reporting workflow and the roles: submitting, reviewing, sending back,
publishing (core/workflow.py, accounts/policy.py, the staff screens)."""

JA = {
    # roles (accounts.User)
    "role": "役割",
    "Role in dxplan": "dxplan での役割",
    "no role": "役割なし",
    "department editor": "所管課の入力担当",
    "reviewer": "審査担当",
    "DX office editor": "DX推進担当（編集）",
    "committee member": "委員",
    "Department editors report their departments' figures; reviewers approve or send back "
    "and publish; DX office editors do all of this for every plan of the organisation; "
    "committee members read drafts and change nothing. Administrators (superusers) may do "
    "everything.": (
        "所管課の入力担当は担当課の実績を報告し、審査担当は承認・差し戻しと公表を行います。"
        "DX推進担当（編集）はこれらすべてを自治体のすべての計画について行えます。委員は下書きを"
        "含めて閲覧のみ行えます。管理者（スーパーユーザー）はすべての操作ができます。"
    ),
    "The city whose plans this person works on (a department's city counts too).": (
        "この人が担当する計画の自治体（所属課の自治体も含みます）。"
    ),
    "A stable identifier (e.g. jinji): plan files that give it match the department by it, so "
    "a department renamed in the files keeps its members.": (
        "変わらない識別子（例: jinji）。計画ファイルでこれを指定すると課はこの識別子で照合される"
        "ため、ファイル上で課の名前を変えても所属する職員はそのまま残ります。"
    ),
    # history verbs (audit)
    "figure entered": "実績を入力",
    "figure changed": "実績を変更",
    "figure submitted": "実績を提出",
    "figure sent back": "実績を差し戻し",
    "figure approved": "実績を承認",
    "figure published": "実績を公表",
    "figure withdrawn": "実績を取り下げ",
    # states and revisions
    "sent back": "差し戻し",
    "withdrawn": "取り下げ",
    "superseded": "置き換え済み",
    "author": "作成者",
    "submitted by": "提出者",
    "reviewed by": "審査者",
    "reviewed": "審査日時",
    "published by": "公表者",
    "reason sent back": "差し戻しの理由",
    "What the reviewer asks to change.": "審査担当が修正を求める内容です。",
    "figure revision": "実績の改訂",
    "figure revisions": "実績の改訂",
    "submitted: awaiting review": "提出済み: 審査待ち",
    "sent back: to correct": "差し戻し: 修正が必要",
    "approved: awaiting publication": "承認済み: 公表待ち",
    "not public": "非公開",
    "correction entered, awaiting publication": "訂正を入力（公表待ち）",
    "correction changed": "訂正を変更",
    "draft changed": "下書きを変更",
    "submitted for review": "審査に提出",
    "Reason:": "理由:",
    # the entry screen
    "Sent back by the reviewer:": "審査担当からの差し戻し:",
    "Correct the figure and submit it again.": "実績を修正して、もう一度提出してください。",
    "Save and submit for review": "保存して審査に提出する",
    "%(series)s: why it is sent back (the department reads this)": (
        "%(series)s: 差し戻す理由（提出した課に表示されます）"
    ),
    "Submit %(series)s for review": "%(series)sを審査に提出する",
    "Approve %(series)s": "%(series)sを承認する",
    "Send %(series)s back": "%(series)sを差し戻す",
    "Withdraw %(series)s": "%(series)sを取り下げる",
    "Publish the correction of %(series)s": "%(series)sの訂正を公表する",
    "Publish %(series)s as it is stored": "%(series)sを保存された内容のまま公表する",
    "A new figure is saved as a draft, not public until it is published. The department "
    "submits it; the DX office approves it (or sends it back with a reason) and publishes it. "
    "Editing a published figure saves a correction: the published figure stays public until "
    "the correction is published. Every step is in the history beside each series.": (
        "新しい実績は下書きとして保存され、公表するまで公開されません。所管課が提出し、DX推進"
        "担当が承認（または理由を付けて差し戻し）して公表します。公表済みの実績を編集すると訂正"
        "として保存され、訂正を公表するまでは公表済みの実績が公開されたままです。すべての操作は"
        "系列ごとの履歴に記録されます。"
    ),
    "Save as draft: new figures and changes are not public; a published figure's correction "
    "waits. Save and submit: the DX office reviews the figures of this page. Save and publish "
    "(DX office): they become public at once. Every step is recorded in the history.": (
        "下書き保存: 新しい実績や変更は公開されず、公表済みの実績の訂正は公表待ちになります。"
        "保存して提出: この画面の実績をDX推進担当が審査します。保存して公表（DX推進担当）: "
        "すぐに公開されます。すべての操作は履歴に記録されます。"
    ),
    # outcomes
    "%(series)s: withdrawn; what is published stays as it is.": (
        "%(series)s: 取り下げました。公表済みの内容はそのままです。"
    ),
    "%(series)s: submitted to the DX office for review.": (
        "%(series)s: DX推進担当の審査に提出しました。"
    ),
    "%(series)s: approved.": "%(series)s: 承認しました。",
    "%(series)s: sent back to the department with your reason.": (
        "%(series)s: 理由を付けて所管課に差し戻しました。"
    ),
    # refusals
    "Not allowed": "権限がありません",
    "Nothing was changed. If you should be able to do this, ask the DX office to give your "
    "account the role or department it needs.": (
        "何も変更していません。この操作が必要な場合は、DX推進担当に役割または所属課の設定を"
        "依頼してください。"
    ),
    "Back to the figures": "実績の一覧に戻る",
    # the worklist
    "You enter and submit the figures of your departments' indicators; the DX office "
    "reviews and publishes them.": (
        "担当課の成果指標の実績を入力して提出します。DX推進担当が審査して公表します。"
    ),
    "You approve or send back the submitted figures, and publish them.": (
        "提出された実績を承認または差し戻し、公表します。"
    ),
    "You may enter, review and publish the figures of every indicator of your city.": (
        "自治体のすべての成果指標の実績を入力・審査・公表できます。"
    ),
    "You may read the figures, drafts included; you change nothing.": (
        "下書きを含む実績を閲覧できます。変更はできません。"
    ),
    "Your account has no role yet: ask the DX office to give it one.": (
        "このアカウントにはまだ役割がありません。DX推進担当に設定を依頼してください。"
    ),
    "Every step is recorded in the history with who took it.": (
        "すべての操作は、誰が行ったかとともに履歴に記録されます。"
    ),
    "My indicators (わたしの成果指標)": "わたしの成果指標",
    "None of this version's indicators belongs to your departments.": (
        "この版には担当課の成果指標がありません。"
    ),
    "This version has no indicators you may see.": "この版には閲覧できる成果指標がありません。",
    "A new figure is a draft until it is published: the department submits it, the DX office "
    "approves it or sends it back with a reason, then publishes it. A correction of a "
    "published figure waits, while the published figure stays public, until the correction "
    "is published.": (
        "新しい実績は公表されるまで下書きです。所管課が提出し、DX推進担当が承認または理由を"
        "付けて差し戻し、公表します。公表済みの実績の訂正は、公表されるまで待機し、その間は"
        "公表済みの実績が公開されたままです。"
    ),
}

JA.update(
    {
        "Review queue": "審査待ち",
        "Figures submitted by the departments, oldest first. Each shows what the public sees "
        "now beside what would become public. Approve it, send it back with a reason the "
        "department reads, or publish an approved one.": (
            "各課から提出された実績です（提出の古い順）。それぞれ、いま公開されている内容と、"
            "公表されると公開される内容を並べています。承認する、課に表示される理由を付けて"
            "差し戻す、承認済みのものを公表する、のいずれかを行ってください。"
        ),
        "Nothing is waiting for review.": "審査を待つ実績はありません。",
        "submitted by %(name)s": "提出者 %(name)s",
        "What would become public": "公表されると公開される内容",
        "Part of the figure": "項目",
        "Public now": "いま公開されている内容",
        "Would become public": "公表後の内容",
        "The same as what is public.": "公開中の内容と同じです。",
        "Approve": "承認する",
        "Publish": "公表する",
        "Why it is sent back (the department reads this)": "差し戻す理由（提出した課に表示されます）",
        "Send back": "差し戻す",
    }
)

JA.update(
    {
        "New figures are stored as drafts and corrections of published figures wait; submit "
        "them for review on each indicator's page.": (
            "新しい実績は下書きとして保存され、公表済みの実績の訂正は公表待ちになります。各成果"
            "指標の画面から審査に提出してください。"
        ),
    }
)

JA.update(
    {
        "Submit for review on import": "取り込みと同時に審査に提出する",
        "Submits every figure and correction of this file to the DX office for review. Without "
        "it, they are stored as drafts to submit later.": (
            "このファイルのすべての実績と訂正を、DX推進担当の審査に提出します。選ばない場合は"
            "下書きとして保存され、後で提出できます。"
        ),
        "Submitted for review: %(n)s": "審査に提出: %(n)s",
    }
)
