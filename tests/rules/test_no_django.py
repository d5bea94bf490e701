"""The rules library must stay importable without Django (it runs in workers, scripts and the benchmark)."""

import subprocess
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
# Every module of the package, so that a new one is held to this too.
MODULES = ["rules", *sorted(f"rules.{path.stem}" for path in (REPO_ROOT / "rules").glob("*.py")
                            if path.stem != "__init__")]


def test_rules_import_no_django():
    code = (
        "import importlib, sys\n"
        f"for name in {MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        "leaked = sorted(name for name in sys.modules if name == 'django' or name.startswith('django.'))\n"
        "print(','.join(leaked))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], cwd=REPO_ROOT, capture_output=True, text=True, check=True
    )
    assert completed.stdout.strip() == ""
