"""Upload (preview) and confirm through the services: per-row problems, duplicates, idempotency, isolation."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django_tenants.utils import schema_context

from calculators.selectors import holiday_calendar, lpr_table
from matters.models import Debtor, Matter, ReferenceCounter, TimelineEvent
from placements import services
from placements.models import PlacementImport, PlacementRow
from placements.rows import problem_message
from tests.matters.helpers import make_debtor, make_matter, valid_resident_id, valid_uscc
from tests.placements.helpers import csv_bytes, row, rows, upload, xlsx_bytes


def codes(placement_import, line):
    found = placement_import.rows.get(line=line)
    return {problem["code"] for problem in found.problems}


def test_valid_file_previews_then_confirm_creates_every_matter(alpha, alpha_mandate):
    data = rows(6)
    with schema_context(alpha.firm.schema_name):
        before = Matter.objects.count()
        imp = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(xlsx_bytes(data)))
        assert (imp.total_rows, imp.valid_rows, imp.error_rows) == (6, 6, 0)
        assert Matter.objects.count() == before  # preview creates nothing
        imp = services.import_confirm(actor=alpha.lawyer, placement_import=imp)
        assert imp.status == PlacementImport.Status.CONFIRMED and imp.created_rows == 6
        created = Matter.objects.filter(mandate=alpha_mandate).order_by("reference")
        assert sorted(m.principal for m in created) == sorted(Decimal(r[5]) for r in data)
        assert {m.debtor.id_number for m in created} == {r[2] for r in data}
        assert {m.debtor.kind for m in created} == {"company", "person"}
        # Gapless references, a timeline event for each, contract number in the description.
        numbers = sorted(int(m.reference.rsplit("-", 1)[1]) for m in created)
        assert numbers == list(range(numbers[0], numbers[0] + 6))
        assert ReferenceCounter.objects.get(year=date.today().year).last_number == numbers[-1]
        assert TimelineEvent.objects.filter(matter__in=created, kind="matter_created").count() == 6
        assert "合同编号：HT-00001" in created.get(debtor__id_number=data[0][2]).description


def test_per_row_problems_are_reported_with_their_reason(alpha, alpha_mandate):
    good = valid_uscc()
    bad_check_digit = good[:-1] + ("0" if good[-1] != "0" else "1")
    person = valid_resident_id()
    bad_person = person[:-1] + ("0" if person[-1] != "0" else "1")
    data = [
        row(id_number=good, contract="A1"),                                   # 2: fine
        row(id_number=bad_check_digit, contract="A2"),                        # 3: USCC check digit
        row(kind="个人", name="李四", id_number=bad_person, contract="A3"),      # 4: ID check digit
        row(principal="", contract="A4"),                                     # 5: missing amount
        row(principal="12,3x", contract="A5"),                                # 6: not a number
        row(due="2026-02-30", contract="A6"),                                 # 7: impossible date
        row(id_number=good, contract="A1"),                                   # 8: duplicate of line 2
    ]
    with schema_context(alpha.firm.schema_name):
        imp = services.import_upload(actor=alpha.partner, mandate=alpha_mandate, file=upload(xlsx_bytes(data)))
        assert (imp.total_rows, imp.valid_rows, imp.error_rows) == (7, 1, 6)
        assert codes(imp, 2) == set()
        assert codes(imp, 3) == {"id_invalid"}
        assert "校验位不正确" in problem_message(imp.rows.get(line=3).problems[0])
        assert codes(imp, 4) == {"id_invalid"}
        assert "居民身份证号" in problem_message(imp.rows.get(line=4).problems[0])
        assert codes(imp, 5) == {"amount_missing"}
        assert codes(imp, 6) == {"amount_invalid"}
        assert problem_message(imp.rows.get(line=6).problems[0]) == "欠款本金“12,3x”不是有效的数字。"
        assert codes(imp, 7) == {"date_impossible"}
        assert codes(imp, 8) == {"duplicate_in_file"}
        assert "第 2 行" in problem_message(imp.rows.get(line=8).problems[0])
        imp = services.import_confirm(actor=alpha.partner, placement_import=imp)
        assert imp.created_rows == 1
        assert Matter.objects.filter(mandate=alpha_mandate).count() == 1


def test_duplicate_of_an_open_matter_made_by_hand_is_flagged(alpha, alpha_mandate):
    with schema_context(alpha.firm.schema_name):
        debtor = make_debtor(alpha.partner, name="杭州钱塘建材有限公司")
        existing = make_matter(alpha.partner, mandate=alpha_mandate, debtor=debtor, principal=Decimal("125000.00"),
                               due_date=date(2025, 6, 30))
        data = [row(id_number=debtor.id_number, principal="125,000", due="2025/6/30", contract=""),
                row(id_number=debtor.id_number, principal="99.00", due="2025/6/30", contract="")]
        imp = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(csv_bytes(data), "d.csv"))
        assert codes(imp, 2) == {"duplicate_open_matter"}
        assert existing.reference in problem_message(imp.rows.get(line=2).problems[0])
        assert codes(imp, 3) == set()
        imp = services.import_confirm(actor=alpha.lawyer, placement_import=imp)
        # The second row reuses the registered debtor instead of creating another.
        assert Debtor.objects.filter(id_number=debtor.id_number).count() == 1
        assert Matter.objects.filter(debtor=debtor).count() == 2


def test_importing_the_same_file_again_creates_nothing(alpha, alpha_mandate):
    content = xlsx_bytes(rows(4))
    with schema_context(alpha.firm.schema_name):
        first = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(content))
        services.import_confirm(actor=alpha.lawyer, placement_import=first)
        count = Matter.objects.count()
        again = services.import_upload(actor=alpha.paralegal, mandate=alpha_mandate, file=upload(content))
        assert (again.valid_rows, again.imported_rows) == (0, 4)
        assert set(again.rows.values_list("status", flat=True)) == {PlacementRow.Status.IMPORTED}
        assert "已导入" in problem_message(again.rows.first().notices[0])
        again = services.import_confirm(actor=alpha.paralegal, placement_import=again)
        assert again.created_rows == 0 and Matter.objects.count() == count
        # Confirming the first import twice creates nothing either.
        services.import_confirm(actor=alpha.lawyer, placement_import=first)
        assert Matter.objects.count() == count


def test_two_previews_of_one_file_confirmed_in_turn_create_once(alpha, alpha_mandate):
    content = csv_bytes(rows(3))
    with schema_context(alpha.firm.schema_name):
        first = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(content, "a.csv"))
        second = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(content, "a.csv"))
        assert second.valid_rows == 3  # both previews were taken before either was confirmed
        services.import_confirm(actor=alpha.lawyer, placement_import=first)
        second = services.import_confirm(actor=alpha.lawyer, placement_import=second)
        assert (second.created_rows, second.imported_rows) == (0, 3)
        assert Matter.objects.filter(mandate=alpha_mandate).count() == 3


def test_broken_files_store_nothing(alpha, alpha_mandate):
    import random

    with schema_context(alpha.firm.schema_name):
        for content, code in ((random.Random(1).randbytes(3000), "not_spreadsheet"),
                              (xlsx_bytes([], headers=None), "empty_sheet"),
                              (csv_bytes([["x"]], headers=["债务人名称", "业务员"]), "unknown_columns")):
            with pytest.raises(services.ImportFileError) as caught:
                services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(content))
            assert caught.value.problem == code
        assert PlacementImport.objects.count() == 0


def test_finance_and_clients_may_not_import(alpha, alpha_mandate):
    with schema_context(alpha.firm.schema_name):
        for user in (alpha.finance, alpha.client_a):
            with pytest.raises(PermissionDenied):
                services.import_upload(actor=user, mandate=alpha_mandate, file=upload(csv_bytes(rows(1))))


def test_inactive_mandate_is_refused(alpha, alpha_mandate):
    from matters.services import mandate_update

    with schema_context(alpha.firm.schema_name):
        mandate_update(actor=alpha.partner, mandate=alpha_mandate, status="completed")
        alpha_mandate.refresh_from_db()
        with pytest.raises(ValidationError):
            services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(csv_bytes(rows(1))))


def test_debtor_registered_with_the_other_type_is_a_row_problem(alpha, alpha_mandate):
    with schema_context(alpha.firm.schema_name):
        # A fixed number: about one resident ID in thirty also passes the USCC check, whatever serial came next.
        person = make_debtor(alpha.partner, kind="person", name="王五", id_number=valid_resident_id(1))
        data = [row(kind="公司", name="王五", id_number=person.id_number)]
        imp = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(csv_bytes(data)))
        # Read as a company, the person's ID fails the USCC check; the type conflict is not reached.
        assert codes(imp, 2) == {"id_invalid"}


def test_import_of_one_firm_never_touches_another(alpha, beta, alpha_mandate, beta_mandate):
    content = xlsx_bytes(rows(3))
    with schema_context(beta.firm.schema_name):
        beta_before = (Matter.objects.count(), Debtor.objects.count())
        beta_import = services.import_upload(actor=beta.partner, mandate=beta_mandate, file=upload(content))
    with schema_context(alpha.firm.schema_name):
        imp = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(content))
        assert imp.valid_rows == 3  # beta's preview of the same file is invisible here
        services.import_confirm(actor=alpha.lawyer, placement_import=imp)
        assert list(PlacementImport.objects.values_list("pk", flat=True)) == [imp.pk]
    with schema_context(beta.firm.schema_name):
        assert list(PlacementImport.objects.values_list("pk", flat=True)) == [beta_import.pk]
    with schema_context(beta.firm.schema_name):
        assert (Matter.objects.count(), Debtor.objects.count()) == beta_before
        again = services.import_upload(actor=beta.partner, mandate=beta_mandate, file=upload(content))
        assert again.valid_rows == 3 and again.imported_rows == 0  # alpha's imports are not beta's


def test_preview_and_confirm_use_a_constant_number_of_queries(alpha, alpha_mandate):
    def queries(count: int, start: int) -> tuple[int, int]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        content = csv_bytes(rows(count, start=start))
        with CaptureQueriesContext(connection) as preview:
            imp = services.import_upload(actor=alpha.lawyer, mandate=alpha_mandate, file=upload(content))
        with CaptureQueriesContext(connection) as confirm:
            services.import_confirm(actor=alpha.lawyer, placement_import=imp)
        # Leave out django-tenants' `SET search_path`, issued once per schema switch rather than per query.
        def real(captured):
            return len([q for q in captured.captured_queries if not q["sql"].startswith("SET search_path")])

        return real(preview), real(confirm)

    with schema_context(alpha.firm.schema_name):
        holiday_calendar(), lpr_table()  # the shared reference data, read once and cached
        small = queries(3, start=100)
        large = queries(60, start=200)
    assert small == large
