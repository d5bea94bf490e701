"""Time every legal-rules calculator and print a Markdown table (no Django needed).

Run from the repository root:

    python bench/calculators.py [--markdown-out PATH]

Each calculator is called with realistic, worst-case-ish inputs (large amounts, long interest periods with
many LPR changes and payments). For each one the number of calls per run is chosen so that a run takes about
``--run-seconds``; the median of ``--repeat`` runs is reported. The product needs every call under 1 ms; the
script exits with status 1 if one is not.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import timeit
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[1]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from rules.court_fees import (  # noqa: E402
    acceptance_fee,
    acceptance_fee_halved,
    execution_fee,
    payment_order_fee,
    preservation_fee,
)
from rules.deadlines import (  # noqa: E402
    add_period,
    deadline_for,
    holiday_calendar_from_package,
    limitation_deadline,
)
from rules.identifiers import check_resident_id, check_uscc, identify  # noqa: E402
from rules.interest import Payment, calculate_interest  # noqa: E402
from rules.lpr_seed import LPR_SEED  # noqa: E402
from rules.rates import FixedRate, LprRate, LprTable  # noqa: E402
from rules.risk_fees import capped_success_fee, check_risk_arrangement, risk_fee_cap  # noqa: E402
from rules.rmb import format_cny, rmb_uppercase  # noqa: E402

LIMIT_MICROSECONDS = 1000.0


def _cases() -> list[tuple[str, Callable[[], object]]]:
    calendar = holiday_calendar_from_package()
    table = LprTable(LPR_SEED)
    payments = [
        Payment(date(2020 + index // 2, 1 + (index % 2) * 6, 15), Decimal("20000")) for index in range(12)
    ]
    amount = Decimal("896000")
    return [
        ("acceptance_fee(896,000)", lambda: acceptance_fee(amount)),
        ("acceptance_fee(30,000,000)", lambda: acceptance_fee(Decimal("30000000"))),
        ("acceptance_fee_halved(896,000)", lambda: acceptance_fee_halved(amount)),
        ("payment_order_fee(896,000)", lambda: payment_order_fee(amount)),
        ("preservation_fee(2,000,000) (capped)", lambda: preservation_fee(Decimal("2000000"))),
        ("execution_fee(20,000,000)", lambda: execution_fee(Decimal("20000000"))),
        ("risk_fee_cap(60,000,000)", lambda: risk_fee_cap(Decimal("60000000"))),
        (
            "check_risk_arrangement",
            lambda: check_risk_arrangement(
                upfront_rate=Decimal("0.05"),
                success_rate=Decimal("0.10"),
                placed_amount=Decimal("60000000"),
                cause="sale",
            ),
        ),
        (
            "capped_success_fee",
            lambda: capped_success_fee(
                recovered_total=Decimal("3000000"),
                success_rate=Decimal("0.10"),
                fees_already_charged=Decimal("180000"),
            ),
        ),
        ("rmb_uppercase(999,999,999,999.99)", lambda: rmb_uppercase(Decimal("999999999999.99"))),
        ("rmb_uppercase(16,409.02)", lambda: rmb_uppercase(Decimal("16409.02"))),
        ("format_cny", lambda: format_cny(Decimal("16409.02"))),
        ("check_uscc", lambda: check_uscc("91350100M000100Y43")),
        ("check_resident_id", lambda: check_resident_id("11010519491231002X")),
        ("identify (ID number)", lambda: identify("11010519491231002X")),
        (
            "calculate_interest: fixed 6%, 1 year",
            lambda: calculate_interest(
                principal=Decimal("1000000"),
                start=date(2024, 1, 1),
                end=date(2024, 12, 31),
                rate=FixedRate(Decimal("6")),
            ),
        ),
        (
            "calculate_interest: 同期LPR 2019–2025, 12 payments, late perf.",
            lambda: calculate_interest(
                principal=Decimal("5000000"),
                start=date(2019, 8, 20),
                end=date(2025, 12, 31),
                rate=LprRate(multiplier=Decimal("1.5")),
                lpr_table=table,
                payments=payments,
                costs=Decimal("48800"),
                late_performance_from=date(2023, 1, 1),
            ),
        ),
        ("add_period(15 days)", lambda: add_period(date(2024, 9, 20), days=15, calendar=calendar)),
        (
            "deadline_for(construction_priority)",
            lambda: deadline_for("construction_priority", date(2023, 8, 31), calendar),
        ),
        (
            "limitation_deadline (3 interruptions)",
            lambda: limitation_deadline(
                due_date=date(2020, 1, 15),
                interruptions=[date(2021, 6, 1), date(2022, 3, 1), date(2023, 5, 1)],
                calendar=calendar,
            ),
        ),
        ("holiday_calendar_from_package()", holiday_calendar_from_package),
    ]


def _measure(function: Callable[[], object], run_seconds: float, repeat: int) -> float:
    """Median seconds per call over ``repeat`` runs of about ``run_seconds`` each."""
    timer = timeit.Timer(function)
    calls, elapsed = 1, 0.0
    while elapsed < run_seconds / 10:
        calls *= 10
        elapsed = timer.timeit(calls)
    calls = max(1, int(calls * run_seconds / elapsed))
    return statistics.median(run / calls for run in timer.repeat(repeat=repeat, number=calls))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--markdown-out", type=Path, help="append the table to this file")
    parser.add_argument("--run-seconds", type=float, default=0.05, help="target duration of one timed run")
    parser.add_argument("--repeat", type=int, default=7, help="timed runs per calculator")
    arguments = parser.parse_args()

    rows = ["| calculator | calls per second | median µs per call | under 1 ms |", "|---|---:|---:|:---:|"]
    slowest = 0.0
    for name, function in _cases():
        microseconds = _measure(function, arguments.run_seconds, arguments.repeat) * 1e6
        slowest = max(slowest, microseconds)
        under = "yes" if microseconds < LIMIT_MICROSECONDS else "**NO**"
        rows.append(f"| {name} | {1e6 / microseconds:,.0f} | {microseconds:,.1f} | {under} |")

    verdict = "yes" if slowest < LIMIT_MICROSECONDS else "NO"
    lines = [
        *rows,
        "",
        f"Measured {datetime.now().isoformat(timespec='seconds')} on {platform.platform()}, "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}; median of {arguments.repeat} runs.",
        f"Every call under 1 ms: {verdict} (slowest {slowest:,.1f} µs).",
    ]
    text = "\n".join(lines)
    print(text)
    if arguments.markdown_out:
        with arguments.markdown_out.open("a", encoding="utf-8") as output:
            output.write(text + "\n\n")
    return 0 if slowest < LIMIT_MICROSECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
