"""Japanese of a department's API tokens (dxplan.tokens, accounts.models.ApiToken)."""

JA = {
    "API token": "APIトークン",
    "API tokens": "APIトークン",
    "API token issued": "APIトークンを発行",
    "API token revoked": "APIトークンを無効化",
    "What uses it, e.g. a system.": "使う仕組み（例: 業務システムの名前）。",
    "key prefix": "キーの先頭",
    "key hash (SHA-256)": "キーのハッシュ（SHA-256）",
    "issued": "発行日時",
    "issued by": "発行者",
    "revoked": "無効化日時",
    "last write": "最後の書き込み",
    # the staff screen (office/tokens.py)
    "A token lets a department's own system enter, submit and withdraw the figures of the "
    "indicators the department owns, through the write API (docs/api.md). Nothing it enters is "
    "public until the DX office publishes it. Every figure it writes is in the history under "
    "the token's prefix.": (
        "トークンを使うと、課の業務システムが、その課の成果指標の実績を書き込み用APIで入力・提出・"
        "取り下げできます（docs/api.md）。DX推進担当が公表するまで公開されません。書き込んだ実績は"
        "すべて、トークンの先頭文字列の名前で履歴に記録されます。"
    ),
    "The new key": "新しいキー",
    "Copy it now and give it to the system's administrators: it is shown this once, and only "
    "its hash is kept.": (
        "いまコピーして、システムの管理者に渡してください。キーはこの一度だけ表示し、保存するのは"
        "ハッシュだけです。"
    ),
    "Issue a token": "トークンを発行する",
    "Issue the token": "発行する",
    "e.g. the name of the department's system": "例: 課の業務システムの名前",
    "The key %(prefix)s no longer works.": "キー %(prefix)s を無効にしました。",
    "Tokens": "トークンの一覧",
    "Key prefix": "キーの先頭",
    "What uses it": "使う仕組み",
    "Issued": "発行日",
    "Last write": "最後の書き込み",
    "revoked on %(date)s": "%(date)s に無効化",
    "Revoke %(prefix)s": "%(prefix)s を無効にする",
    "No token has been issued yet.": "まだトークンは発行されていません。",
}
