"""How long a bulk placement import of 5,000 rows takes: the preview (read the .xlsx, check every row, store the
preview) and the confirmation (create debtors, matters, timeline events in one transaction), against the target
of 30 s end to end. Also the baseline that the bulk path replaces: ``matters.services.matter_create`` (with
``debtor_create``) called once per row, measured on fewer rows and scaled to 5,000.

Runs on its own scratch database (bench/_setup.py) with one firm provisioned through the normal service.
Prints a Markdown section for docs/benchmarks.md.
"""

import io
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import drop_scratch_database, use_scratch_database  # noqa: E402

ROWS = 5_000
RUNS = 3
BASELINE_ROWS = 300
TARGET_SECONDS = 30.0


def main() -> None:
    use_scratch_database()
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django_tenants.utils import schema_context
    from openpyxl import Workbook

    from matters import services as ms
    from placements import services
    from placements.columns import COLUMNS
    from rules.identifiers import resident_id_check_char, uscc_check_char
    from tenants.services import firm_provision, platform_ensure

    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)
    platform_ensure()
    firm, partner = firm_provision(slug="benchimport", name="清收律师事务所", owner_name="合伙人",
                                   owner_email="owner@benchimport.test", owner_password="Bench-Password-2026")
    serial = iter(range(1, 10_000_000))

    def uscc() -> str:
        first17 = f"91310000MA{next(serial):07d}"
        return first17 + uscc_check_char(first17)

    def person_id() -> str:
        n = next(serial)
        born = date(1960, 1, 1) + timedelta(days=n // 900)
        first17 = f"110105{born:%Y%m%d}{n % 900 + 100:03d}"
        return first17 + resident_id_check_char(first17)

    def workbook_bytes(count: int) -> bytes:
        workbook = Workbook(write_only=True)
        sheet = workbook.create_sheet("委托债权")
        sheet.append([column.header for column in COLUMNS])
        for n in range(count):
            person = n % 3 == 0
            sheet.append([f"张{n}" if person else f"杭州钱塘建材有限公司{n}", "个人" if person else "公司",
                          person_id() if person else uscc(), "浙江省杭州市西湖区文三路1号", "0571-88886666",
                          f"{(n % 997 + 1) * 1000 + 0.5:,.2f}", date(2025, 1, 1) + timedelta(days=n % 365),
                          ("买卖合同", "借款", "服务")[n % 3], f"HT-{next(serial):08d}", "对账单已确认"])
        buffer = io.BytesIO()
        workbook.save(buffer)
        return buffer.getvalue()

    previews, confirms, totals, sizes = [], [], [], []
    with schema_context(firm.schema_name):
        client = ms.client_create(actor=partner, name="上海申江贸易有限公司", uscc=uscc())
        for _ in range(RUNS):
            mandate = ms.mandate_create(actor=partner, client=client, contract_date=date(2026, 1, 5),
                                        responsible_partner=partner)
            content = workbook_bytes(ROWS)
            sizes.append(len(content))
            started = time.perf_counter()
            placement_import = services.import_upload(actor=partner, mandate=mandate,
                                                      file=SimpleUploadedFile("debts.xlsx", content))
            previewed = time.perf_counter()
            placement_import = services.import_confirm(actor=partner, placement_import=placement_import)
            confirmed = time.perf_counter()
            assert placement_import.valid_rows == 0 and placement_import.created_rows == ROWS, placement_import
            previews.append(previewed - started)
            confirms.append(confirmed - previewed)
            totals.append(confirmed - started)

        # Baseline: the per-row services, as a hand-written loop would call them.
        mandate = ms.mandate_create(actor=partner, client=client, contract_date=date(2026, 1, 5),
                                    responsible_partner=partner)
        started = time.perf_counter()
        for n in range(BASELINE_ROWS):
            debtor = ms.debtor_create(actor=partner, name=f"宁波甬江实业有限公司{n}", id_number=uscc(),
                                      addresses=["浙江省宁波市海曙区中山西路1号"], phones=["0574-88886666"])
            ms.matter_create(actor=partner, mandate=mandate, debtor=debtor, principal=Decimal("1000.50"),
                             due_date=date(2025, 1, 1), cause="sale", description="合同编号：HT-1")
        per_row = (time.perf_counter() - started) / BASELINE_ROWS

    drop_scratch_database()
    median = statistics.median
    print("## Bulk placement import (`bench/placements.py`)\n")
    print(f"One .xlsx of {ROWS:,} rows (about {median(sizes) / 1024:.0f} KB; two thirds companies, one third"
          " persons, every row valid and new), imported into a fresh mandate; "
          f"{RUNS} runs, each with new debtors. *Preview*: `import_upload` (read the workbook, check every row,"
          " look up identifiers, earlier imports and open matters in bulk, store the preview). *Confirm*:"
          " `import_confirm` (create debtors, matters with gapless references, timeline events, one"
          " transaction).\n")
    print("| step | rows | median s | min s | max s | target |")
    print("|---|---|---|---|---|---|")
    print(f"| preview | {ROWS:,} | {median(previews):.2f} | {min(previews):.2f} | {max(previews):.2f} | |")
    print(f"| confirm | {ROWS:,} | {median(confirms):.2f} | {min(confirms):.2f} | {max(confirms):.2f} | |")
    print(f"| preview + confirm | {ROWS:,} | {median(totals):.2f} | {min(totals):.2f} | {max(totals):.2f} |"
          f" ≤ {TARGET_SECONDS:.0f} s |")
    print(f"\nBaseline: `debtor_create` + `matter_create` once per row took {per_row * 1000:.1f} ms per row"
          f" ({BASELINE_ROWS} rows), i.e. about {per_row * ROWS:.1f} s for {ROWS:,} rows before any checking;"
          " hence the batch path, `matters.services.matters_create_batch`.\n")


if __name__ == "__main__":
    main()
