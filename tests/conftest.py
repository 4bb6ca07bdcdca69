"""Every test run gets its own data folder: no test touches ./data."""

import os
import tempfile

os.environ.setdefault("COMPETENCE_DATA_DIR", tempfile.mkdtemp(prefix="competence-tests-"))
