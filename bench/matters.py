"""The matter list and the board with 10,000 matters, against a bare one-query view in the same run.

Runs on its own scratch database (bench/_setup.py) with one firm provisioned through the normal service. The
parties and mandates are made through the services; the 10,000 matters, their payments and repayment
agreements are bulk-created for speed, keeping the models' invariants (unique gapless references with the
year's counter advanced, valid stages and outcomes, positive amounts). Pages are fetched with Django's test
Client on the firm's host, logged in, DEBUG off. The baseline is a view that reads ``request.user`` and runs
``SELECT 1`` through the same middleware stack (tenant, session, auth, axes …), requested just before each
request of a page, so that both meet the same conditions; figures are medians of RUNS such pairs. Each page
is measured cached (as served again while nothing changed) and uncached (the page cache emptied before each
request, as after any change). Prints a Markdown section for docs/benchmarks.md.
"""

import gc
import random
import statistics
import sys
import time
import types
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import drop_scratch_database, use_scratch_database  # noqa: E402

MATTERS = 10_000
CLIENTS = 100
MANDATES_PER_CLIENT = 2
RUNS = 30
WARMUP = 3


def paired(browser, url: str, bare: str, runs: int = RUNS, *, uncached: bool = False) -> tuple[float, float]:
    """Median seconds of ``url`` and of the bare view, requested in turn so that both meet the same
    conditions; ``uncached``: the page cache is emptied (untimed) before each request of ``url``, as after
    any change to the firm's data."""
    from django.core.cache import caches

    for _ in range(WARMUP):
        for address in (url, bare):
            response = browser.get(address)
            assert response.status_code == 200, (address, response.status_code)
    pages, bares = [], []
    for _ in range(runs):
        started = time.perf_counter()
        browser.get(bare)
        bares.append(time.perf_counter() - started)
        if uncached:
            caches["default"].clear()
        started = time.perf_counter()
        browser.get(url)
        pages.append(time.perf_counter() - started)
    return statistics.median(pages), statistics.median(bares)


def main() -> None:
    use_scratch_database()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.http import HttpResponse
    from django.test import Client
    from django.urls import clear_url_caches, include, path
    from django_tenants.utils import schema_context

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    settings.DEBUG = False

    from accounts.models import Role
    from accounts.services import user_create
    from matters import services as ms
    from matters.models import Debtor, Instalment, Matter, Payment, ReferenceCounter, RepaymentAgreement
    from matters.services import REFERENCE_PREFIX, figures_refresh_stale
    from matters.stages import Outcome, Stage
    from rules.identifiers import uscc_check_char
    from tenants.services import firm_provision, platform_ensure

    platform_ensure()
    firm, partner = firm_provision(slug="benchmatters", name="清收律师事务所", owner_name="合伙人",
                                   owner_email="owner@benchmatters.test", owner_password="Bench-Password-2026")
    rng = random.Random(20261122)
    serial = iter(range(1, 10_000_000))
    today = date.today()

    def uscc():
        first17 = f"91310000MA{next(serial):07d}"
        return first17 + uscc_check_char(first17)

    started = time.perf_counter()
    with schema_context(firm.schema_name):
        lawyers = [partner] + [user_create(email=f"lawyer{i}@benchmatters.test", name=f"律师{i}", role=Role.LAWYER,
                                           password="Bench-Pass-2026x") for i in range(8)]
        mandates = []
        for c in range(CLIENTS):
            client = ms.client_create(actor=partner, name=f"委托人{c:03d}贸易有限公司", uscc=uscc())
            for m in range(MANDATES_PER_CLIENT):
                mandates.append(ms.mandate_create(actor=partner, client=client, contract_date=date(2025, 1, 5 + m),
                                                  responsible_partner=partner))
        debtors = Debtor.objects.bulk_create(
            [Debtor(name=f"债务人{n:05d}建材有限公司", id_number=uscc()) for n in range(MATTERS)], batch_size=2000)
        stages = list(Stage.values)
        year = today.year
        matters = []
        for n, debtor in enumerate(debtors, start=1):
            stage = rng.choice(stages)
            closed = rng.random() < 0.2
            matters.append(Matter(
                reference=f"{REFERENCE_PREFIX}-{year}-{n:06d}", mandate=rng.choice(mandates), debtor=debtor,
                principal=Decimal(rng.randrange(10_000, 2_000_000)), due_date=today - timedelta(days=rng.randrange(0, 1500)),
                lawyer=rng.choice(lawyers), stage=stage, outcome=rng.choice(["recovered", "settled"]) if closed
                else Outcome.OPEN, closed_on=today if closed else None, opened_on=today - timedelta(days=30),
                created_by=partner))
        matters = Matter.objects.bulk_create(matters, batch_size=2000)
        ReferenceCounter.objects.update_or_create(year=year, defaults={"last_number": MATTERS})
        payments = [Payment(matter=m, received_on=today - timedelta(days=rng.randrange(1, 300)),
                            amount=Decimal(rng.randrange(1_000, 50_000)), payer=m.debtor, recorded_by=partner)
                    for m in matters if rng.random() < 0.4]
        Payment.objects.bulk_create(payments, batch_size=2000)
        # A repayment agreement with instalments on one matter in twenty (half with one already missed).
        agreements = RepaymentAgreement.objects.bulk_create(
            [RepaymentAgreement(matter=m, signed_on=today - timedelta(days=90), total_amount=Decimal("20000.00"))
             for m in matters[::20]])
        Instalment.objects.bulk_create(
            [Instalment(agreement=a, number=i + 1, due_on=today + timedelta(days=rng.choice([-20, 15]) + 30 * i),
                        amount=Decimal("10000.00")) for a in agreements for i in range(2)])
        seeded = time.perf_counter() - started
        # What the daily task does: store every matter's balance and deadline summary (matters/figures.py).
        started = time.perf_counter()
        refreshed = figures_refresh_stale()
        refresh_seconds = time.perf_counter() - started
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")  # what autovacuum does after a load like this one
        open_count = Matter.objects.filter(outcome=Outcome.OPEN).count()
        payment_count, agreement_count = len(payments), len(agreements)
        # A server process does not hold the seeding's tens of thousands of objects: neither does this one.
        del debtors, matters, payments, agreements
        gc.collect()

        def select_one(request):
            assert request.user.is_authenticated
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
                cursor.fetchone()
            return HttpResponse("ok")

        urls = types.ModuleType("bench_matters_urls")
        urls.urlpatterns = [path("__bench__/select1/", select_one), path("", include("config.urls_firm"))]
        sys.modules["bench_matters_urls"] = urls
        settings.ROOT_URLCONF = "bench_matters_urls"
        clear_url_caches()

        browser = Client(HTTP_HOST=firm.domain_name)
        browser.force_login(partner)

    bare = "/__bench__/select1/"
    pages = [
        ("matter list, page 1", "/matters/"),
        ("matter list, open, sorted by due date", "/matters/?outcome=open&sort=due_date"),
        ("matter list, sorted by outstanding", "/matters/?sort=-outstanding"),
        ("matter list, has an overdue deadline", "/matters/?overdue=on"),
        ("board (7 columns × 15 cards)", "/board/"),
        ("API matter list, page 1 (50 rows)", "/api/v1/matters/"),
    ]
    results = [(label, paired(browser, url, bare), paired(browser, url, bare, uncached=True))
               for label, url in pages]
    overdue_total = browser.get("/api/v1/matters/?overdue=true").json()["count"]
    drop_scratch_database()

    print("## Matter list and board at 10,000 matters (`bench/matters.py`)\n")
    print(f"{MATTERS:,} matters ({open_count:,} open) of {CLIENTS} clients and {CLIENTS * MANDATES_PER_CLIENT}"
          f" mandates, {payment_count:,} payments, {agreement_count} repayment agreements; seeded in"
          f" {seeded:.0f} s; their stored figures (balance, deadline summary) computed in {refresh_seconds:.1f} s"
          f" for {refreshed:,} matters, the work of the daily refresh. Django test Client on the firm host, logged"
          f" in as a partner, DEBUG off. Each page is requested {RUNS} times after {WARMUP} warm-up rounds, each"
          " time right after the bare view (a view that reads the user and runs `SELECT 1` through the same"
          " middleware), and each ratio is of the two medians of those pairs. Target: list and board within 2×"
          " the bare view.\n")
    print("*Cached*: the page as it is served again while nothing changed (matters/cache.py keeps it under the"
          " firm's data version). *Uncached*: the first request after any change, building the page.\n")
    print("| page | cached, median ms | bare, ms | × bare | uncached, median ms | bare, ms | × bare |")
    print("|---|---|---|---|---|---|---|")
    for label, (page, bare_cached), (fresh, bare_fresh) in results:
        print(f"| {label} | {page * 1000:.1f} | {bare_cached * 1000:.1f} | {page / bare_cached:.1f}× |"
              f" {fresh * 1000:.1f} | {bare_fresh * 1000:.1f} | {fresh / bare_fresh:.1f}× |")
    print(f"\n{overdue_total:,} matters have an overdue deadline.\n")


if __name__ == "__main__":
    main()
