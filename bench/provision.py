"""How long it takes to provision a firm: cloned from the template schema versus migrated from scratch.

Also: how long `migrate_schemas` takes over 100 firms when there is nothing to migrate, per executor.
Prints a Markdown section for docs/benchmarks.md.
"""

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import use_scratch_database  # noqa: E402

FIRMS_PER_METHOD = 20
FIRMS_FOR_MIGRATE = 100


def main() -> None:
    use_scratch_database()
    from django.core.management import call_command
    from django.test import override_settings

    from tenants.models import Firm
    from tenants.services import firm_provision, platform_ensure

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    platform_ensure()

    counter = iter(range(10_000))

    def schema_only() -> float:
        n = next(counter)
        started = time.perf_counter()
        Firm(schema_name=f"bench{n}", slug=f"bench{n}", name=f"基准律所{n}").save(verbosity=0)
        return time.perf_counter() - started

    def provision_one() -> float:
        n = next(counter)
        started = time.perf_counter()
        firm_provision(slug=f"bench{n}", name=f"基准律所{n}", owner_name="合伙人",
                       owner_email=f"owner{n}@bench.test", owner_password="Bench-Password-2026")
        return time.perf_counter() - started

    # Interleaved, so that both methods meet the same catalogue size: cloning slows as schemas accumulate.
    cloned, cloned_schema, migrated, migrated_schema = [], [], [], []
    for _ in range(FIRMS_PER_METHOD):
        cloned.append(provision_one())
        cloned_schema.append(schema_only())
        with override_settings(TENANT_CREATION_FAKES_MIGRATIONS=False):
            migrated.append(provision_one())
            migrated_schema.append(schema_only())

    while Firm.objects.firms().count() < FIRMS_FOR_MIGRATE:
        provision_one()

    cloned_schema_at_scale = [schema_only() for _ in range(5)]
    firm_count = Firm.objects.firms().count()

    migrate_times = {}
    for executor in ("standard", "multiprocessing"):
        started = time.perf_counter()
        call_command("migrate_schemas", tenant=True, executor=executor, interactive=False, verbosity=0)
        migrate_times[executor] = time.perf_counter() - started

    median = statistics.median
    print("## Firm provisioning (`bench/provision.py`)\n")
    print("*Whole firm*: `firm_provision`, i.e. schema, domain and first partner, whose password hash"
          " (PBKDF2) is part of the time. *Schema only*: saving the `Firm` row and creating its schema.\n")
    print("| method | firms | whole firm, median s | schema only, median s | target |")
    print("|---|---|---|---|---|")
    print(f"| clone of the template schema | {FIRMS_PER_METHOD} | {median(cloned):.3f} | "
          f"{median(cloned_schema):.3f} | ≤ 1 s per firm |")
    print(f"| plain migration (baseline) | {FIRMS_PER_METHOD} | {median(migrated):.3f} | "
          f"{median(migrated_schema):.3f} | |")
    print(f"\nCloning is **{median(migrated) / median(cloned):.1f}×** faster for a whole firm and "
          f"**{median(migrated_schema) / median(cloned_schema):.1f}×** faster for the schema alone"
          " (ratios of medians, same run).\n")
    print(f"The clone slows as firms accumulate (django-tenants' `clone_schema` scans the catalogue):"
          f" schema only, median {median(cloned_schema_at_scale):.3f} s with {firm_count} firms present.\n")
    print(f"`migrate_schemas --tenant` over {FIRMS_FOR_MIGRATE} firms (plus the template) with nothing"
          " to migrate:\n")
    print("| executor | seconds |")
    print("|---|---|")
    for executor, seconds in migrate_times.items():
        print(f"| {executor} | {seconds:.1f} |")
    print()


if __name__ == "__main__":
    main()
