import os

import reflex as rx
from reflex.plugins.sitemap import SitemapPlugin

from competence import settings

if settings.db_url().startswith("sqlite"):
    # A SQLite file cannot drop a connection: no ping before every use of a pooled one.
    os.environ.setdefault("SQLALCHEMY_POOL_PRE_PING", "false")

config = rx.Config(
    app_name="competence",
    db_url=settings.db_url(),
    telemetry_enabled=False,
    show_built_with_reflex=False,
    cors_allowed_origins=os.environ.get("COMPETENCE_ALLOWED_ORIGINS", "http://localhost:3000").split(","),
    disable_plugins=[SitemapPlugin],
    # Pre-compressed bundles: brotli (a sixth smaller than gzip) for browsers that take it, gzip otherwise.
    frontend_compression_formats=["brotli", "gzip"],
    # A tab's state holds its sign-in token and the names on its screen: kept in memory with one
    # worker (never pickled to disk), in Redis with several (password and short expiry: README).
    state_manager_mode="redis" if settings.redis_url() else "memory",
    redis_token_expiration=settings.STATE_EXPIRY_SECONDS,
    plugins=[
        rx.plugins.RadixThemesPlugin(
            theme=rx.theme(accent_color="amber", gray_color="slate", radius="medium", has_background=False)
        )
    ],
)
