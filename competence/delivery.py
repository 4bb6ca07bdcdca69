"""How the built frontend reaches a browser, around Reflex's static files (one port):

- a page's own path (/tableau-de-bord) is answered with its page at once. Reflex writes each page
  as tableau-de-bord/index.html, and Starlette answers /tableau-de-bord with a redirect to
  /tableau-de-bord/ first: one more round trip (150 ms on a weak tablet, more on a school's
  network) before anything shows, on every cold load of every page but the home page;
- the bundles under /assets/ have their content's hash in their names: a browser may keep them
  a year without asking again (immutable); a page itself is checked again at each load (no-cache),
  so a new version of the app is never mixed with the old bundles.

The app's other answers (the event socket, /ping, uploads) pass through untouched."""

from __future__ import annotations

from collections.abc import Iterable

ASSETS = "/assets/"
IMMUTABLE = b"public, max-age=31536000, immutable"
REVALIDATE = b"no-cache"


class PageDelivery:
    """ASGI middleware, given to rx.App as its api_transformer."""

    def __init__(self, app, page_paths: Iterable[str]):
        self.app = app
        # Paths without a dynamic part ([group_id]) and other than "/": those Reflex writes as folders.
        self.page_paths = frozenset(p.rstrip("/") for p in page_paths if "[" not in p and p.rstrip("/"))

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or scope.get("method") not in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        path = scope["path"]
        if path in self.page_paths:
            scope = {**scope, "path": path + "/", "raw_path": (path + "/").encode()}
        asset = path.startswith(ASSETS)

        async def send_with_cache_policy(message):
            if message["type"] == "http.response.start" and message["status"] in (200, 304):
                headers = list(message.get("headers", []))
                names = {name.lower() for name, _ in headers}
                content_type = next((value for name, value in headers if name.lower() == b"content-type"), b"")
                policy = IMMUTABLE if asset else REVALIDATE if content_type.startswith(b"text/html") else None
                if policy and b"cache-control" not in names:
                    message = {**message, "headers": [*headers, (b"cache-control", policy)]}
            await send(message)

        return await self.app(scope, receive, send_with_cache_policy)


def page_delivery(page_paths: Iterable[str]):
    """The api_transformer: wraps Reflex's ASGI app (its frontend mount included)."""
    paths = tuple(page_paths)
    return lambda app: PageDelivery(app, paths)
