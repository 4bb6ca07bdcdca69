"""`python -m competence.serve ARGS` runs `reflex ARGS`, with Granian replacing a backend
worker that dies (kill -9, the OOM killer) instead of stopping the whole app.

Reflex 0.10 builds its Granian server itself (reflex/utils/exec.py, run_granian_backend_prod)
and passes no option for this; Granian has one (respawn_failed_workers). This launcher turns
it on by default before handing over to Reflex's own command line, so everything else (the
build, single-port serving, the worker count from GRANIAN_WORKERS) stays Reflex's."""

from __future__ import annotations

import functools
import sys

from granian.server import Server

RESPAWN_INTERVAL_S = 0.5  # how soon a dead worker is replaced


def _respawning(init):
    @functools.wraps(init)
    def wrapper(self, *args, **kwargs):
        kwargs.setdefault("respawn_failed_workers", True)
        kwargs.setdefault("respawn_interval", RESPAWN_INTERVAL_S)
        init(self, *args, **kwargs)
    return wrapper


Server.__init__ = _respawning(Server.__init__)

if __name__ == "__main__":
    from reflex.reflex import cli

    sys.argv[0] = "reflex"
    cli()
