"""Runs every benchmark and rewrites docs/benchmarks.md with their figures, the date and the machine."""

import datetime
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ["calculators.py", "provision.py", "matters.py", "placements.py", "documents.py"]


def machine() -> str:
    cpu = "unknown CPU"
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    return f"{platform.platform()}, {os.cpu_count()} cores, {cpu}, Python {platform.python_version()}"


def main() -> int:
    sections = []
    for name in sys.argv[1:] or BENCHMARKS:
        print(f"running bench/{name} …", flush=True)
        result = subprocess.run([sys.executable, str(ROOT / "bench" / name)], cwd=ROOT, capture_output=True,
                                text=True)
        if result.returncode != 0:
            print(result.stdout, result.stderr, sep="\n")
            return result.returncode
        sections.append(result.stdout.strip())
        print(result.stdout)
    header = (
        "# Benchmarks\n\n"
        "Written by `make bench`; figures are from one run on the machine below.\n\n"
        f"- Date: {datetime.date.today().isoformat()}\n- Machine: {machine()}\n"
    )
    (ROOT / "docs" / "benchmarks.md").write_text(header + "\n" + "\n\n".join(sections) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
