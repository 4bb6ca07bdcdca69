"""How the built pages are served (competence/delivery.py): no redirect, cache policy."""

import asyncio

from competence.delivery import PageDelivery


def _serve(path: str, status: int = 200, content_type: bytes = b"text/html; charset=utf-8", method: str = "GET"):
    seen = {}

    async def app(scope, receive, send):
        seen["path"], seen["raw_path"] = scope["path"], scope.get("raw_path")
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", content_type)]})
        await send({"type": "http.response.body", "body": b""})

    sent = []

    async def send(message):
        sent.append(message)

    middleware = PageDelivery(app, ["/", "/login", "/groupes", "/groupes/[group_id]", "/users/signup/2"])
    asyncio.run(middleware({"type": "http", "method": method, "path": path, "raw_path": path.encode()}, None, send))
    return seen, dict(sent[0]["headers"])


def test_a_page_path_is_served_its_page_without_a_redirect():
    assert _serve("/login")[0] == {"path": "/login/", "raw_path": b"/login/"}
    assert _serve("/users/signup/2")[0]["path"] == "/users/signup/2/"
    assert _serve("/login", method="HEAD")[0]["path"] == "/login/"


def test_other_paths_are_left_as_they_are():
    for path in ("/", "/login/", "/groupes/12", "/ping", "/_event/", "/loginx", "/assets/a.js"):
        assert _serve(path)[0]["path"] == path
    assert _serve("/login", method="POST")[0]["path"] == "/login"


def test_hashed_bundles_are_cached_for_good_and_pages_checked_each_time():
    assert _serve("/assets/root-B1THmw9g.js", content_type=b"text/javascript")[1][b"cache-control"] == \
        b"public, max-age=31536000, immutable"
    assert _serve("/assets/root-B1THmw9g.js", status=304, content_type=b"text/javascript")[1][b"cache-control"] == \
        b"public, max-age=31536000, immutable"
    assert _serve("/groupes/12")[1][b"cache-control"] == b"no-cache"
    assert b"cache-control" not in _serve("/assets/missing.js", status=404)[1]
    assert b"cache-control" not in _serve("/ping", content_type=b"text/plain")[1]
