"""How long documents take: one .docx filing, a one-page PDF (with and without HarfBuzz-Subset), a 20-page
client progress report, and a write-off dossier of 10 files. Prints a Markdown section for docs/benchmarks.md.

Runs on its own scratch database (bench/_setup.py) with one firm provisioned through the normal service.

Without HarfBuzz-Subset: WeasyPrint 70 chooses its font subsetter in ``weasyprint.pdf.fonts.Font.subset``, which
uses HarfBuzz when the module attribute ``weasyprint.pdf.fonts.harfbuzz_subset`` (the dlopen'ed
libharfbuzz-subset, imported from ``weasyprint.text.ffi``) is not None, and fontTools otherwise. Setting that
attribute to None for the duration of a rendering forces the fontTools fallback, as on a machine without
``libharfbuzz-subset0``.
"""

import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _setup import drop_scratch_database, use_scratch_database  # noqa: E402

PDF_MINIMAL = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
               b"trailer<</Root 1 0 R>>\n%%EOF\n")


REPORT_MATTERS = 108


def timed(function, runs: int) -> list[float]:
    results = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        results.append(time.perf_counter() - started)
    return results


def pages_of(content: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as handle:
        handle.write(content)
        handle.flush()
        info = subprocess.run(["pdfinfo", handle.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def main() -> None:
    use_scratch_database()
    from django.conf import settings
    from django.core.files.storage import storages
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.core.management import call_command
    from django.db import transaction
    from django_tenants.utils import schema_context

    settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="qingshou-bench-media-")
    storages["default"].__dict__.pop("relative_media_root", None)
    call_command("migrate_schemas", shared=True, interactive=False, verbosity=0)

    import weasyprint.pdf.fonts as weasy_fonts

    from accounts.models import Role
    from accounts.services import user_create
    from documents import dossier, reports, services
    from matters import services as ms
    from rules.identifiers import resident_id_check_char, uscc_check_char
    from tenants.services import firm_provision, firm_update_settings, platform_ensure

    platform_ensure()
    firm, partner = firm_provision(slug="benchdocs", name="清收律师事务所", owner_name="合伙人",
                                   owner_email="owner@benchdocs.test", owner_password="Bench-Password-2026")
    serial = iter(range(1, 1_000_000))

    def uscc():
        first17 = f"91310000MA{next(serial):07d}"
        return first17 + uscc_check_char(first17)

    def person_id():
        n = next(serial)
        first17 = f"110105198001{(n % 28) + 1:02d}{n % 1000:03d}"
        return first17 + resident_id_check_char(first17)

    with schema_context(firm.schema_name):
        firm_update_settings(firm=firm, actor=partner, address="上海市浦东新区世纪大道100号", phone="021-66668888",
                             uscc="91350100M000100Y43", email="office@bench.test")
        lawyer = user_create(email="lawyer@benchdocs.test", name="张明", role=Role.LAWYER, password="Bench-Pass-2026x")
        client = ms.client_create(actor=partner, name="上海申江贸易有限公司", uscc=uscc(), legal_representative="王建国",
                                  address="上海市黄浦区南京东路1号")
        mandate = ms.mandate_create(actor=partner, client=client, contract_date=date(2025, 1, 5),
                                    responsible_partner=partner, placed_amount=Decimal("250000.00"),
                                    authority="special", special_powers=["settle", "appeal"])

        def make_matter(n: int, *, evidence: int = 2):
            debtor = ms.debtor_create(actor=partner, name=f"杭州钱塘建材有限公司{n}", id_number=uscc(),
                                      legal_representative="李四", addresses=["浙江省杭州市西湖区文三路1号"])
            guarantor = ms.debtor_create(actor=partner, kind="person", name=f"赵五{n}", id_number=person_id(),
                                         addresses=["浙江省杭州市上城区解放路9号"])
            matter = ms.matter_create(actor=partner, mandate=mandate, debtor=debtor, guarantors=[guarantor],
                                      principal=Decimal("250000.00"), due_date=date(2025, 1, 1), lawyer=lawyer,
                                      interest_type="lpr", lpr_multiplier=Decimal("1.5"), opened_on=date(2025, 2, 1),
                                      description="双方签订《购销合同》，供货方已依约交货，购货方至今未付清货款。",
                                      recovery_plan="继续追索，关注被告财产线索。")
            for i in range(evidence):
                ms.evidence_upload(actor=lawyer, matter=matter, category="contract", title=f"证据{i + 1}",
                                   file=SimpleUploadedFile(f"e{i}.pdf", PDF_MINIMAL))
            for month in range(1, 11):
                ms.payment_record(actor=partner, matter=matter, received_on=date(2026, month, 5),
                                  amount=Decimal("1000.00"))
                ms.worklog_create(actor=lawyer, matter=matter, kind="call", occurred_on=date(2026, month, 8),
                                  summary="电话催收，债务人承诺下月付款")
            ms.demand_letter_create(actor=lawyer, matter=matter, sent_on=date(2025, 3, 1),
                                    delivered_on=date(2025, 3, 3))
            ms.lawsuit_create(actor=lawyer, matter=matter, court="杭州市西湖区人民法院", case_number=f"（2026）浙0106民初{n}号",
                              filed_on=date(2026, 2, 20), decision="judgment", decided_on=date(2026, 3, 20),
                              awarded_amount=Decimal("255000.00"), performance_due_on=date(2026, 4, 10))
            ms.asset_lead_create(actor=lawyer, matter=matter, kind="bank_account", description="工商银行账户")
            return matter

        matter = make_matter(0)
        # A matter just placed: its summary is one page, the kind of PDF the one-page target is about.
        fresh = ms.matter_create(actor=partner, mandate=mandate, debtor=matter.debtor, principal=Decimal("80000.00"),
                                 due_date=date(2026, 6, 30), lawyer=lawyer, opened_on=date(2026, 11, 1))

        def one_docx():
            with transaction.atomic():
                services.render_for_matter(matter=matter, kind="complaint", firm=firm)
                transaction.set_rollback(True)

        def one_pdf():
            return reports.matter_summary_pdf(fresh, firm=firm, as_of=date(2026, 11, 22))

        def busy_pdf():
            return reports.matter_summary_pdf(matter, firm=firm, as_of=date(2026, 11, 22))

        one_docx()
        docx_times = timed(one_docx, 20)
        one_page = one_pdf()
        pdf_pages = pages_of(one_page)
        pdf_times = timed(one_pdf, 10)
        busy_pages = pages_of(busy_pdf())
        busy_times = timed(busy_pdf, 10)
        saved = weasy_fonts.harfbuzz_subset
        weasy_fonts.harfbuzz_subset = None
        try:
            pdf_fonttools_times = timed(one_pdf, 3)
        finally:
            weasy_fonts.harfbuzz_subset = saved

        # Enough matters for a report of about 20 pages, the size the target names.
        for n in range(1, REPORT_MATTERS):
            make_matter(n, evidence=0)
        report = reports.progress_report_pdf(client, year=2026, month=10, firm=firm, today=date(2026, 11, 22))
        report_pages = pages_of(report)
        report_times = timed(lambda: reports.progress_report_pdf(client, year=2026, month=10, firm=firm,
                                                                  today=date(2026, 11, 22)), 3)

        ending = make_matter(999, evidence=8)
        services.document_generate(actor=lawyer, matter=ending, kind="complaint", firm=firm)
        services.document_generate(actor=lawyer, matter=ending, kind="power_of_attorney", firm=firm)
        ending.refresh_from_db()
        ending = ms.matter_transition(actor=lawyer, matter=ending, version=ending.version, to_stage="write_off",
                                      record={"basis": "termination_ruling",
                                              "basis_date": date(2026, 11, 22) - timedelta(days=30)})
        first = dossier.build_dossier(ending, firm=firm)
        import io
        import zipfile

        dossier_files = len(zipfile.ZipFile(io.BytesIO(first)).namelist()) - 2  # less the index and SHA256SUMS
        dossier_times = timed(lambda: dossier.build_dossier(ending, firm=firm), 5)
        identical = dossier.build_dossier(ending, firm=firm) == first

    median = statistics.median
    print("## Documents (`bench/documents.py`)\n")
    print("Medians on this machine; each figure includes loading the matter from PostgreSQL.\n")
    print("| what | runs | median | target |")
    print("|---|---|---|---|")
    print(f"| one .docx filing (民事起诉状, built-in template, rendered and fonted) | {len(docx_times)} | "
          f"{median(docx_times) * 1000:.0f} ms | ≤ 50 ms |")
    print(f"| PDF (matter summary of a new matter, {pdf_pages} page(s)), HarfBuzz-Subset | {len(pdf_times)} | "
          f"{median(pdf_times) * 1000:.0f} ms | ≤ 200 ms |")
    print(f"| PDF (matter summary with a year of history, {busy_pages} pages), HarfBuzz-Subset | {len(busy_times)} | "
          f"{median(busy_times) * 1000:.0f} ms | |")
    print(f"| the one-page PDF, fontTools subsetting (`weasyprint.pdf.fonts.harfbuzz_subset = None`) | "
          f"{len(pdf_fonttools_times)} | {median(pdf_fonttools_times) * 1000:.0f} ms | |")
    print(f"| client progress report, {report_pages} pages, {REPORT_MATTERS} matters, with the SVG chart | {len(report_times)} | "
          f"{median(report_times):.2f} s | ≤ 3 s |")
    print(f"| write-off dossier, {dossier_files} files + index PDF + SHA256SUMS | {len(dossier_times)} | "
          f"{median(dossier_times):.2f} s | ≤ 2 s |")
    print(f"\nThe dossier built again from the same records is byte-identical: **{'yes' if identical else 'NO'}**.\n")
    drop_scratch_database()


if __name__ == "__main__":
    main()
