"""Japanese of the staff area (/staff/: dxplan.office): entering, uploading, publishing actuals."""

JA = {
    # access
    "Staff area": "職員用画面",
    "dxplan staff area": "dxplan 職員用画面",
    "Log in": "ログイン",
    "Log in to the staff area": "職員用画面へのログイン",
    "For the DX office and the departments: entering and publishing the yearly actuals of the "
    "outcome indicators.": (
        "DX推進担当と各課の職員向けです。成果指標の毎年度の実績を入力し、公表します。"
    ),
    "The login did not succeed": "ログインできませんでした",
    "This account has no staff rights. Ask the DX office to make it a staff account.": (
        "このアカウントには職員の権限がありません。DX推進担当に職員アカウントへの変更を"
        "依頼してください。"
    ),
    "No staff rights": "職員の権限がありません",
    "This area is for staff only": "この画面は職員専用です",
    "You are logged in as %(name)s, an account without staff rights, so you cannot enter or "
    "publish actuals here. Ask the DX office to make your account a staff account.": (
        "%(name)s としてログインしていますが、このアカウントには職員の権限がないため、ここで"
        "実績を入力・公表することはできません。DX推進担当に職員アカウントへの変更を依頼して"
        "ください。"
    ),
    "Log out and log in with another account": "ログアウトして別のアカウントでログインする",
    "Go to the public site": "公開サイトへ",
    "Log out (%(name)s)": "ログアウト（%(name)s）",
    "Admin": "管理画面",
    "staff area": "職員用画面",
    "enter, correct, publish": "入力・訂正・公表",
    "Actuals of a year": "年度の実績",
    "Upload a workbook": "入力用ファイルの取り込み",
    "Staff pages are never cached and every change is recorded in the history.": (
        "職員用画面はキャッシュされません。すべての変更は履歴に記録されます。"
    ),
    "(required)": "（必須）",
    # worklist
    "No plan has been loaded yet: load one with dxplan load.": (
        "計画がまだ読み込まれていません。dxplan load で読み込んでください。"
    ),
    "Plan and version": "計画と版",
    "Show": "表示",
    "That year lies far outside the plan's years.": "その年度は計画期間から離れすぎています。",
    "Until roles and a review queue come in a later release, every staff user may enter and "
    "publish the figures of any indicator; every change and every publication is recorded in "
    "the history with who made it.": (
        "役割（権限）と確認の流れは後のリリースで導入します。それまでは、職員であれば"
        "どの成果指標の実績も入力・公表できます。すべての変更と公表は、誰が行ったかとともに"
        "履歴に記録されます。"
    ),
    "The indicators of your departments are listed first.": (
        "あなたの担当課の成果指標を先に表示しています。"
    ),
    "%(version)s: figures for %(year)s": "%(version)s：%(year)sの実績",
    "A new figure is a draft until it is published. A correction of a published figure waits, "
    "while the published figure stays public, until the correction is published.": (
        "新しい実績は、公表するまで下書きです。公表済みの実績の訂正は、訂正を公表するまで"
        "公表待ちとなり、その間は公表済みの実績が公開されたままです。"
    ),
    "Your departments' indicators": "担当課の成果指標",
    "Other indicators": "その他の成果指標",
    "This version has no indicators.": "この版には成果指標がありません。",
    "Enter many figures at once with the workbook (Excel) or CSV": (
        "入力用ファイル（Excel）や CSV でまとめて入力する"
    ),
    "Department": "所管課",
    "Figure for %(year)s": "%(year)sの実績",
    "This indicator has no series.": "この成果指標には系列がありません。",
    "not entered": "未入力",
    "draft: not public": "下書き（非公開）",
    # entry
    "Plan": "計画",
    "Measure": "基本施策",
    "Unit": "単位",
    "Public page": "公開ページ",
    "The indicator on the public site": "公開サイトのこの成果指標",
    "Problems: %(counter)s. Nothing was stored.": (
        "誤りが %(counter)s 件あります。何も保存していません。"
    ),
    "A new figure is saved as a draft, not public until it is published. Editing a published "
    "figure saves a correction: the published figure stays public until the correction is "
    "published. Every change is in the history beside each series.": (
        "新しい実績は下書きとして保存され、公表するまで公開されません。公表済みの実績を"
        "編集すると訂正として保存され、訂正を公表するまでは公表済みの実績が公開されたままです。"
        "すべての変更は、各系列の横の履歴に記録されます。"
    ),
    "%(series)s: the figure for %(year)s": "%(series)s：%(year)sの実績",
    "Now:": "現在：",
    "Interval (optional)": "区間（任意）",
    "Publish this draft as it is stored": "保存済みの下書きを公表する",
    "Publish the correction": "訂正を公表する",
    "Earlier years": "これまでの年度",
    "Figure (actual)": "実績値",
    "History (履歴)": "履歴",
    "No figure has been entered for this year yet.": "この年度の実績はまだ入力されていません。",
    "Save as draft": "下書きとして保存",
    "Save and publish": "保存して公表",
    "Save as draft: new figures and changes are not public; a published figure's correction "
    "waits. Save and publish: the figures of this page become public at once (recorded in the "
    "history).": (
        "下書きとして保存：新しい実績と変更は公開されません。公表済みの実績の訂正は公表待ちと"
        "なります。保存して公表：このページの実績がすぐに公開されます（履歴に記録されます）。"
    ),
    "Value": "値",
    "Lower bound": "下限",
    "Upper bound": "上限",
    "Provisional or final": "速報値か確定値か",
    "Final figure (確定値)": "確定値",
    "Provisional figure (速報値)": "速報値",
    "Source (Japanese)": "出典（日本語）",
    "Source (English)": "出典（英語）",
    "Factors behind the figure (要因分析, Japanese)": "要因分析（日本語）",
    "Factors behind the figure (English)": "要因分析（英語）",
    "Published with the figure.": "実績値とともに公開されます。",
    "Note": "備考",
    "Not on the public pages, but published with the figure in the open data (API): write no personal names or contact details here.": "公開ページには表示されませんが、オープンデータ（API）で実績値とともに公開されます。個人名や連絡先は書かないでください。",
    "In %(unit)s, as published (e.g. 50.0, ５０．０％, 1,234). %(rule)s": (
        "単位は%(unit)s。公表する形で入力してください（例：50.0、５０．０％、1,234）。%(rule)s"
    ),
    "A share: from 0 to 100.": "割合なので 0～100 の範囲です。",
    "A count: a whole number.": "数なので整数です。",
    "An interval (e.g. a survey's): both bounds or neither, lower ≤ value ≤ upper.": (
        "区間（アンケートの信頼区間など）は下限と上限の両方を入力するか、両方とも空欄に"
        "してください。下限 ≦ 値 ≦ 上限です。"
    ),
    "The source of a published figure is kept (change it in the admin).": (
        "公表済みの実績の出典はここでは変更できません（管理画面で変更してください）。"
    ),
    "Enter the value: a figure once entered cannot be emptied here.": (
        "値を入力してください。入力済みの実績をここで空にすることはできません。"
    ),
    "Enter the value, or leave every field of this series empty.": (
        "値を入力してください（この系列を入力しない場合は、すべての欄を空欄にしてください）。"
    ),
    "%(series)s: saved as a draft; not public until published.": (
        "%(series)s：下書きとして保存しました。公表するまで公開されません。"
    ),
    "%(series)s: the draft was changed; not public until published.": (
        "%(series)s：下書きを変更して保存しました。公表するまで公開されません。"
    ),
    "%(series)s: the correction was saved. The published figure stays public until the "
    "correction is published.": (
        "%(series)s：訂正を保存しました。訂正を公表するまでは、公表済みの実績が公開されたままです。"
    ),
    "%(series)s: back to the published figure; no correction waits any more.": (
        "%(series)s：公表済みの実績に戻しました。公表待ちの訂正はなくなりました。"
    ),
    "%(series)s: published.": "%(series)s：公表しました。",
    "Nothing was changed.": "変更はありませんでした。",
    "Nothing to publish: the figure is public as it is.": (
        "公表するものはありません。実績はすでにこのとおり公開されています。"
    ),
    # history
    "yes": "はい",
    "no": "いいえ",
    "entered as a draft": "下書きとして入力",
    "published": "公表済み",
    "correction saved, awaiting publication": "訂正を保存（公表待ち）",
    "correction published": "訂正を公表",
    "correction withdrawn": "訂正を取り下げ",
    "changed": "変更",
    "%(field)s (correction awaiting publication)": "%(field)s（公表待ちの訂正）",
    # upload
    "Actuals through the workbook (Excel) or CSV": "入力用ファイル（Excel）や CSV による実績の入力",
    "The same workbook as dxplan actuals template and import: download it, let the departments "
    "fill in the yellow columns, upload it back. You see what would change before anything is "
    "stored.": (
        "dxplan actuals template・import と同じ入力用ファイルです。ダウンロードして各課に"
        "黄色の列を入力してもらい、ここで取り込みます。保存する前に、変更内容を確認できます。"
    ),
    "1. Download the workbook": "1. 入力用ファイルのダウンロード",
    "All departments": "すべての課",
    "Download the workbook (.xlsx)": "入力用ファイル（.xlsx）をダウンロード",
    "2. Upload the filled-in file": "2. 入力済みファイルの取り込み",
    "The file was not accepted: nothing was stored.": (
        "ファイルを受け付けられませんでした。何も保存していません。"
    ),
    "Upload and preview": "取り込んで変更内容を確認",
    "Workbook (.xlsx) or CSV file": "入力用ファイル（.xlsx）または CSV ファイル",
    "At most 5 MB. Nothing is stored before you confirm the preview.": (
        "5MB まで。変更内容を確認して確定するまで、何も保存されません。"
    ),
    "Give an Excel workbook (.xlsx) or a CSV file (.csv).": (
        "Excel（.xlsx）か CSV（.csv）のファイルを指定してください。"
    ),
    "The file is too large (%(size)s MB): at most 5 MB.": (
        "ファイルが大きすぎます（%(size)s MB）。5MB までです。"
    ),
    "The file is too large: at most 5 MB.": "ファイルが大きすぎます。5MB までです。",
    "Choose a plan.": "計画を選んでください。",
    "No indicator matches: check the department.": (
        "該当する成果指標がありません。所管課を確認してください。"
    ),
    "Upload a file first.": "先にファイルを取り込んでください。",
    "The uploaded file was lost: upload it again.": (
        "取り込んだファイルが見つかりません。もう一度取り込んでください。"
    ),
    "Upload cancelled: nothing was stored.": "取り込みを取り消しました。何も保存していません。",
    "This is not the file previewed here (another upload replaced it, or it was changed): "
    "nothing was stored. Check the preview below and confirm again.": (
        "確認したファイルと異なります（別のファイルが取り込まれたか、変更されました）。"
        "何も保存していません。下の変更内容を確認して、もう一度確定してください。"
    ),
    "The figures in dxplan changed since the preview: nothing was stored. Review the new "
    "preview and confirm again.": (
        "確認の後に dxplan の実績が変わりました。何も保存していません。新しい変更内容を確認"
        "して、もう一度確定してください。"
    ),
    "Preview of the upload": "取り込む内容の確認",
    "Preview: %(name)s": "変更内容の確認：%(name)s",
    "Nothing has been stored yet.": "まだ何も保存していません。",
    "Problems in the file: %(counter)s. Nothing can be stored until they are corrected.": (
        "ファイルに誤りが %(counter)s 件あります。修正するまで何も保存できません。"
    ),
    "Problems, each in Japanese and English": "誤りの一覧（日本語と英語）",
    "File": "ファイル",
    "Sheet": "シート",
    "Row": "行",
    "Column": "列",
    "Problem": "誤り",
    "Text that begins like a formula: %(counter)s": "数式のように始まる文字: %(counter)s 件",
    "It is stored as entered. dxplan writes it to every workbook and CSV file as text, never as "
    "a formula (which a spreadsheet would run when the file is opened). Check that it is what "
    "was meant.": (
        "入力どおりに保存します。dxplan が書き出すブックや CSV ファイルでは、数式（ファイルを"
        "開いたときに表計算ソフトが実行するもの）ではなく、必ず文字として書き出します。"
        "意図した内容か確かめてください。"
    ),
    "Warnings, each in Japanese and English": "注意の一覧（日本語と英語）",
    "Warning": "注意",
    "Correct the file and upload it again.": "ファイルを修正して、もう一度取り込んでください。",
    "%(plan)s: %(new)s new, %(changed)s changed, %(pending)s corrections of published figures "
    "(awaiting publication), %(same)s unchanged.": (
        "%(plan)s：新規 %(new)s・訂正 %(changed)s・公表済みの実績の訂正（公表待ち）"
        "%(pending)s・変更なし %(same)s"
    ),
    "What the import would change": "取り込みによる変更",
    "Current → new": "現在 → 新しい値",
    "Change": "変更",
    "new": "新規",
    "changed: correction awaiting publication": "変更（公表待ちの訂正）",
    "correction withdrawn: the published figure stands": "公表待ちの訂正を取り下げ（公表中の値のまま）",
    "Waiting corrections withdrawn, their published figures given again: %(withdrawn)s.": (
        "公表中の値が再び記入され、取り下げられる公表待ちの訂正：%(withdrawn)s件"
    ),
    "unchanged": "変更なし",
    "Publish on import": "取り込みと同時に公表する",
    "Publishes every figure and correction of this file at once (recorded in the history). "
    "Without it, new figures are drafts and corrections of published figures wait.": (
        "このファイルのすべての実績と訂正をすぐに公表します（履歴に記録されます）。"
        "選ばない場合、新しい実績は下書きとなり、公表済みの実績の訂正は公表待ちとなります。"
    ),
    "Store the figures (%(counter)s)": "実績を保存する（%(counter)s 件）",
    "The file changes nothing.": "このファイルによる変更はありません。",
    "Check again against the current figures": "現在の実績と照らし合わせ直す",
    "Cancel: store nothing": "取り消す（何も保存しない）",
    "Upload another file": "別のファイルを取り込む",
    "Upload stored": "取り込みの完了",
    "Stored: %(name)s": "保存しました：%(name)s",
    "%(plan)s: figures stored: %(counter)s.": "%(plan)s：保存した実績 %(counter)s 件",
    "New (drafts unless published): %(n)s": "新規（公表しない場合は下書き）：%(n)s",
    "Drafts changed: %(n)s": "下書きの訂正：%(n)s",
    "Corrections of published figures: %(n)s": "公表済みの実績の訂正：%(n)s",
    "Unchanged: %(n)s": "変更なし：%(n)s",
    "Published now: %(n)s": "今回公表：%(n)s",
    "See the figures of the year": "年度の実績を見る",
    "uploaded at": "取り込んだ日時",
    "file name": "ファイル名",
    "file": "ファイル",
    "preview": "プレビュー",
    "pending upload": "確定待ちの取り込み",
    "pending uploads": "確定待ちの取り込み",
    "This upload has been stored already.": "この取り込みは保存済みです。",
    "Another import is running: confirm again in a moment.": (
        "別の取り込みが実行中です。しばらくしてからもう一度確定してください。"
    ),
    "This is a sample (fictitious) figure of the demonstration: what you enter here stays marked as sample data on every page. Real figures are entered once an administrator has removed the samples.": (
        "これはデモ用のサンプル（架空）の実績です。ここで入力した値も、すべてのページでサンプル"
        "データと表示されます。実際の実績は、管理者がサンプルを削除してから入力してください。"
    ),
}
