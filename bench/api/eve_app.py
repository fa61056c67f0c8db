"""Eve 2.3 serving `bench_items` for `deno task bench:api`.

The same resource as `_bench_module.ts` (schema, methods, 25 per page, If-Match required),
under `/api`, on MONGO_URI / EVE_DBNAME, with Superdesk's wire settings (whole documents on
writes, its DATE_FORMAT, JSON keys unsorted, its Cache-Control), so Eve sends what we send. Requests authenticate as Superdesk's
`SuperdeskTokenAuth` does: `Authorization: Basic base64(token:)`, the token looked up in the
`auth` collection, then its user in `users` (the benchmark seeds both).
"""
import os

from eve import Eve
from eve.auth import TokenAuth

BENCH_ITEM_SCHEMA = {
    "kind": {"type": "string", "required": True},
    "ref": {"type": "string", "minlength": 5, "maxlength": 25, "required": True},
    "name": {"type": "string"},
    "age": {"type": "integer", "min": 0},
    "tags": {"type": "list", "schema": {"type": "string"}},
    "location": {
        "type": "dict",
        "schema": {"city": {"type": "string"}, "street": {"type": "string"}},
    },
}

SETTINGS = {
    "MONGO_URI": os.environ["MONGO_URI"],
    "MONGO_DBNAME": os.environ["EVE_DBNAME"],
    "URL_PREFIX": "api",
    "PAGINATION_DEFAULT": 25,
    "IF_MATCH": True,
    "BANDWIDTH_SAVER": False,
    "DATE_FORMAT": "%Y-%m-%dT%H:%M:%S+0000",
    "JSON_SORT_KEYS": False,
    "CACHE_CONTROL": "max-age=0, no-cache",
    "DOMAIN": {
        "bench_items": {
            "schema": BENCH_ITEM_SCHEMA,
            "resource_methods": ["GET", "POST"],
            "item_methods": ["GET", "PATCH"],
            "mongo_indexes": {"kind": [("kind", 1)]},
        }
    },
}


class SessionTokenAuth(TokenAuth):
    """The session token's `auth` document, then its active user."""

    def check_auth(self, token, allowed_roles, resource, method):
        db = app.data.driver.db
        session = db["auth"].find_one({"token": token})
        if not session:
            return False
        user = db["users"].find_one({"_id": session["user"]})
        return bool(user and user.get("is_active", True))


app = Eve(settings=SETTINGS, auth=SessionTokenAuth)
