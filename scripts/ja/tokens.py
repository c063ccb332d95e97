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
}
