"""The matter: opening and editing it, moving its stage (with the version seen), recording payments and
work-log entries (htmx or plain POST), evidence, and the stage records; every refusal is on the form."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tenants.utils import schema_context

from matters import services
from matters.models import EvidenceFile, Matter, Payment, RepaymentAgreement, WorkLogEntry
from tests.matters.helpers import PDF_BYTES, make_debtor, make_mandate, make_matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def matter(alpha):
    with schema_context(alpha.firm.schema_name):
        guarantor = make_debtor(alpha.partner, name="杭州担保投资有限公司")
        return make_matter(alpha.partner, debtor=make_debtor(alpha.partner, name="杭州钱塘建材有限公司"),
                           guarantors=[guarantor], lawyer=alpha.lawyer, principal=Decimal("250000.00"))


def fresh(alpha, matter) -> Matter:
    with schema_context(alpha.firm.schema_name):
        return Matter.objects.get(pk=matter.pk)


# --- opening and editing -----------------------------------------------------------------------------------


def test_matter_opened_from_its_mandate(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        debtor = make_debtor(alpha.partner, name="宁波某贸易有限公司")
        guarantor = make_debtor(alpha.partner, name="宁波某担保公司")
    browser = alpha.client(alpha.lawyer)
    form = browser.get(f"/matters/new/?mandate={mandate.pk}").content.decode()
    assert f'<option value="{mandate.pk}" selected>' in form
    response = browser.post("/matters/new/", {
        "mandate": mandate.pk, "debtor": debtor.pk, "guarantors": [guarantor.pk], "cause": "sale",
        "principal": "250,000.00", "costs": "", "interest_type": "fixed", "interest_rate": "6",
        "due_date": "2025-06-30", "lawyer": alpha.lawyer.pk, "description": "货款未付",
    })
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        matter = Matter.objects.get(debtor=debtor)
        assert matter.principal == Decimal("250000.00") and matter.costs == Decimal("0.00")
        assert list(matter.guarantors.all()) == [guarantor]
        assert matter.created_by == alpha.lawyer
    assert response["Location"] == f"/matters/{matter.pk}/"
    page = browser.get(response["Location"]).content.decode()
    assert matter.reference in page and "250,000.00" in page and "宁波某担保公司" in page


def test_malformed_amount_and_debtor_as_own_guarantor_are_refused(alpha):
    with schema_context(alpha.firm.schema_name):
        mandate = make_mandate(alpha.partner)
        debtor = make_debtor(alpha.partner)
    browser = alpha.client(alpha.partner)
    data = {"mandate": mandate.pk, "debtor": debtor.pk, "cause": "sale", "principal": "12,3x",
            "interest_type": "none", "due_date": "2025-06-30"}
    response = browser.post("/matters/new/", data)
    assert response.status_code == 200
    assert "本金必须是数字" in response.content.decode()
    response = browser.post("/matters/new/", {**data, "principal": "1000", "guarantors": [debtor.pk]})
    assert response.status_code == 200
    assert "债务人本人不能同时是本案的担保人" in response.content.decode()
    response = browser.post("/matters/new/", {**data, "principal": "1000", "interest_type": "fixed"})
    assert "请填写约定的年利率" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert not Matter.objects.filter(debtor=debtor).exists()


def test_matter_edit_with_stale_version_is_a_conflict(alpha, matter):
    browser = alpha.client(alpha.partner)  # a partner: the principal is a fee term
    form = browser.get(f"/matters/{matter.pk}/edit/").content.decode()
    assert 'name="version" value="1"' in form
    data = {"debtor": matter.debtor_id, "cause": "sale", "principal": "260000", "interest_type": "none",
            "due_date": "2025-06-30", "lawyer": alpha.lawyer.pk, "version": "1"}
    assert browser.post(f"/matters/{matter.pk}/edit/", data).status_code == 302
    assert fresh(alpha, matter).principal == Decimal("260000.00")
    response = browser.post(f"/matters/{matter.pk}/edit/", {**data, "principal": "1"})  # still version 1
    assert response.status_code == 409
    assert "案件已被他人修改" in response.content.decode()
    assert fresh(alpha, matter).principal == Decimal("260000.00")


# --- transitions -------------------------------------------------------------------------------------------


def test_forward_move_may_skip_stages(alpha, matter):
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/matters/{matter.pk}/transition/", {"version": 1, "to_stage": "negotiation"})
    assert response.status_code == 302
    assert fresh(alpha, matter).stage == "negotiation"
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "阶段变更：尽职调查 → 谈判" in page and 'name="version" value="2"' in page


def test_backward_move_needs_a_reason(alpha, matter):
    browser = alpha.client(alpha.partner)
    assert browser.post(f"/matters/{matter.pk}/transition/", {"version": 1, "to_stage": "negotiation"}).status_code \
        == 302
    response = browser.post(f"/matters/{matter.pk}/transition/", {"version": 2, "to_stage": "due_diligence"})
    assert response.status_code == 400
    assert "必须说明理由" in response.content.decode()
    assert fresh(alpha, matter).stage == "negotiation"
    response = browser.post(f"/matters/{matter.pk}/transition/", {"version": 2, "to_stage": "due_diligence",
                                                                  "reason": "发现新的财产线索，补充调查"})
    assert response.status_code == 302
    assert fresh(alpha, matter).stage == "due_diligence"
    assert "发现新的财产线索，补充调查" in browser.get(f"/matters/{matter.pk}/").content.decode()


def test_concurrent_move_shows_a_conflict_and_writes_nothing(alpha, matter):
    lawyer, partner = alpha.client(alpha.lawyer), alpha.client(alpha.partner)
    # Both opened the page at version 1; the partner moves first.
    assert partner.post(f"/matters/{matter.pk}/transition/", {"version": 1, "to_stage": "litigation",
                                                              "court": "杭州市西湖区人民法院"}).status_code == 302
    response = lawyer.post(f"/matters/{matter.pk}/transition/", {"version": 1, "to_stage": "negotiation"})
    assert response.status_code == 409
    page = response.content.decode()
    assert "案件已被他人修改（当前版本 2，阶段：诉讼），请刷新后重试。" in page
    moved = fresh(alpha, matter)
    assert (moved.stage, moved.version) == ("litigation", 2)


def test_entering_litigation_needs_the_court_and_creates_the_lawsuit(alpha, matter):
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/matters/{matter.pk}/transition/", {"version": 1, "to_stage": "litigation"})
    assert response.status_code == 400
    assert "进入“诉讼”阶段需要填写法院" in response.content.decode()
    response = browser.post(f"/matters/{matter.pk}/transition/", {
        "version": 1, "to_stage": "litigation", "court": "杭州市西湖区人民法院", "case_number": "（2026）浙0106民初1号",
        "filed_on": "2026-02-20"})
    assert response.status_code == 302
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "（2026）浙0106民初1号" in page and "当前阶段" in page


def test_ending_and_reopening_a_matter(alpha, matter):
    browser = alpha.client(alpha.partner)
    assert browser.post(f"/matters/{matter.pk}/transition/", {"version": 1, "outcome": "settled"}).status_code \
        == 302
    closed = fresh(alpha, matter)
    assert closed.outcome == "settled" and closed.closed_on == timezone.localdate()
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "重新打开（进行中）" in page
    response = browser.post(f"/matters/{matter.pk}/transition/", {"version": 2, "outcome": "open"})
    assert "重新打开已结案的案件必须说明理由" in response.content.decode()
    response = browser.post(f"/matters/{matter.pk}/transition/", {"version": 2, "to_stage": "enforcement",
                                                                  "court": "某法院"})
    assert "不能变更阶段" in response.content.decode()
    both = browser.post(f"/matters/{matter.pk}/transition/", {"version": 2, "outcome": "open", "to_stage": "litigation"})
    assert "二者选一" in both.content.decode()


# --- payments ----------------------------------------------------------------------------------------------


def test_payment_recorded_by_finance_and_balance_shown(alpha, matter):
    browser = alpha.client(alpha.finance)
    response = browser.post(f"/matters/{matter.pk}/payments/", {
        "received_on": "2026-02-01", "amount": "12,345.60", "payer_kind": "debtor", "method": "bank_transfer"})
    assert response.status_code == 302 and response["Location"].endswith("#payments")
    page = browser.get(response["Location"]).content.decode()
    assert "已记录回款 12,345.60 元" in page
    assert '<td class="num text-success" id="balance-recovered">12,345.60</td>' in page
    assert '<td class="num" id="balance-outstanding">237,654.40</td>' in page


def test_payment_by_guarantor_via_htmx_updates_balance_out_of_band(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        guarantor = matter.guarantors.get()
    browser = alpha.client(alpha.partner)
    response = browser.post(f"/matters/{matter.pk}/payments/", {
        "received_on": "2026-02-01", "amount": "50000", "payer_kind": "guarantor", "payer": guarantor.pk,
        "method": "bank_transfer"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and 'id="payments"' in html
    assert 'id="balance-card" class="card mb-3" hx-swap-oob="true"' in html and "50,000.00" in html
    assert "杭州担保投资有限公司" in html


@pytest.mark.parametrize(("data", "message"), [
    ({"amount": "12,3x"}, "金额（元）必须是数字"),
    ({"amount": "-1"}, "不能为负数"),
    ({"received_on": "2099-01-01"}, "日期不能晚于今天"),
    ({"received_on": "2999-01-01"}, "日期应在 1949-10-01 至 2100-12-31 之间"),
    ({"received_on": "2023-12-31"}, "早于债务的履行期限届满日 2024-01-01"),
    ({"amount": "1,2,3"}, "金额（元）必须是数字"),
    ({"payer_kind": "guarantor"}, "请选择本案的担保人作为付款人"),
])
def test_bad_payment_is_refused_on_the_form(alpha, matter, data, message):
    base = {"received_on": "2026-02-01", "amount": "100", "payer_kind": "debtor", "method": "cash"}
    browser = alpha.client(alpha.partner)
    response = browser.post(f"/matters/{matter.pk}/payments/", {**base, **data}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and message in response.content.decode()
    response = browser.post(f"/matters/{matter.pk}/payments/", {**base, **data})
    assert response.status_code == 400 and message in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert not Payment.objects.filter(matter=matter).exists()


# --- work log ----------------------------------------------------------------------------------------------


def test_worklog_entry_via_htmx_returns_the_section(alpha, matter):
    browser = alpha.client(alpha.paralegal)
    response = browser.post(f"/matters/{matter.pk}/worklog/", {
        "kind": "call", "occurred_on": "2026-02-01", "contact_person": "财务钱经理", "summary": "对方承诺月底付款",
        "promised_amount": "5,000", "promised_on": "2026-02-28"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html and html.lstrip().startswith("<section id=\"worklog\"")
    assert "对方承诺月底付款" in html and "催收记录已保存" in html
    assert 'id="timeline" hx-swap-oob="true"' in html
    with schema_context(alpha.firm.schema_name):
        entry = WorkLogEntry.objects.get(matter=matter)
        assert entry.promised_amount == Decimal("5000.00") and entry.author == alpha.paralegal


def test_worklog_entry_via_plain_post_redirects(alpha, matter):
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/matters/{matter.pk}/worklog/", {
        "kind": "visit", "occurred_on": "2026-02-01", "summary": "上门走访", "interrupts_limitation": "on",
        "interruption_basis": "acknowledgement"})
    assert response.status_code == 302 and response["Location"] == f"/matters/{matter.pk}/#worklog"
    page = browser.get(response["Location"]).content.decode()
    assert "上门走访" in page and "中断时效" in page


def test_bad_worklog_entry_is_refused_on_its_fields(alpha, matter):
    browser = alpha.client(alpha.lawyer)
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    response = browser.post(f"/matters/{matter.pk}/worklog/", {"kind": "call", "occurred_on": future,
                                                               "summary": "x"}, HTTP_HX_REQUEST="true")
    assert "日期不能晚于今天" in response.content.decode()
    response = browser.post(f"/matters/{matter.pk}/worklog/", {"kind": "call", "occurred_on": "2026-02-01",
                                                               "summary": "x", "interrupts_limitation": "on"})
    assert response.status_code == 400 and "请选择中断事由" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert not WorkLogEntry.objects.filter(matter=matter).exists()


# --- evidence ----------------------------------------------------------------------------------------------


def test_pdf_upload_accepted_and_downloaded(alpha, matter, media_root):
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/matters/{matter.pk}/evidence/", {
        "category": "contract", "title": "购销合同", "file": SimpleUploadedFile("合同.pdf", PDF_BYTES)})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        evidence = EvidenceFile.objects.get(matter=matter)
        assert evidence.content_type == "application/pdf" and evidence.original_name == "合同.pdf"
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "购销合同" in page and f"/matters/{matter.pk}/evidence/{evidence.pk}/download/" in page
    download = browser.get(f"/matters/{matter.pk}/evidence/{evidence.pk}/download/")
    assert b"".join(download.streaming_content) == PDF_BYTES


def test_renamed_non_pdf_is_refused(alpha, matter, media_root):
    browser = alpha.client(alpha.lawyer)
    response = browser.post(f"/matters/{matter.pk}/evidence/", {
        "category": "contract", "file": SimpleUploadedFile("合同.pdf", b"MZ\x90\x00 not really a pdf")})
    assert response.status_code == 400
    assert "文件内容不是允许的类型" in response.content.decode()
    response = browser.post(f"/matters/{matter.pk}/evidence/", {"category": "contract"})
    assert response.status_code == 400
    with schema_context(alpha.firm.schema_name):
        assert not EvidenceFile.objects.filter(matter=matter).exists()
    assert not any(media_root.rglob("*.pdf"))


# --- stage records -----------------------------------------------------------------------------------------


def test_repayment_agreement_schedule_must_add_up(alpha, matter):
    browser = alpha.client(alpha.lawyer)
    url = f"/matters/{matter.pk}/records/repayment-agreements/new/"
    response = browser.post(url, {"signed_on": "2026-01-28", "total_amount": "10000", "acceleration": "on",
                                  "instalments": "2026-02-28 5000\n2026-03-31 4000"})
    assert response.status_code == 200
    assert "各期金额合计 9,000.00 元与协议还款总额 10,000.00 元不一致" in response.content.decode()
    response = browser.post(url, {"signed_on": "2026-01-28", "instalments": "2026-02-28 5000\n2026-03-3x 4000"})
    assert "第2行的日期" in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert not RepaymentAgreement.objects.filter(matter=matter).exists()
    response = browser.post(url, {"signed_on": "2026-01-28", "total_amount": "9,000", "compromise_amount": "9000",
                                  "instalments": "2026-02-28 5000\n2026-03-31, 4,000.00"})
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        agreement = RepaymentAgreement.objects.get(matter=matter)
        assert [i.amount for i in agreement.instalments.all()] == [Decimal("5000.00"), Decimal("4000.00")]
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "9,000.00" in page and "2026-03-31" in page
    edit = browser.get(f"/matters/{matter.pk}/records/repayment-agreements/{agreement.pk}/edit/").content.decode()
    assert "2026-02-28 5000.00\n2026-03-31 4000.00" in edit


def test_record_edit_and_delete(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        letter = services.demand_letter_create(actor=alpha.partner, matter=matter, sent_on=date(2026, 1, 5))
    browser = alpha.client(alpha.lawyer)
    url = f"/matters/{matter.pk}/records/letters/{letter.pk}/edit/"
    future = (timezone.localdate() + timedelta(days=2)).isoformat()
    response = browser.post(url, {"sent_on": future, "method": "ems"})
    assert response.status_code == 200 and "日期不能晚于今天" in response.content.decode()
    response = browser.post(url, {"sent_on": "2026-01-05", "method": "ems", "tracking_number": "EA123456789CN",
                                  "delivered_on": "2026-01-03"})
    assert "送达日期不能早于发出日期" in response.content.decode()
    response = browser.post(url, {"sent_on": "2026-01-05", "method": "ems", "tracking_number": "EA123456789CN",
                                  "delivered_on": "2026-01-08"})
    assert response.status_code == 302
    assert "EA123456789CN" in browser.get(f"/matters/{matter.pk}/").content.decode()
    assert browser.get(f"/matters/{matter.pk}/records/letters/{letter.pk}/delete/").status_code == 405
    response = browser.post(f"/matters/{matter.pk}/records/letters/{letter.pk}/delete/")
    assert response.status_code == 302
    assert "删除律师函" in browser.get(f"/matters/{matter.pk}/").content.decode()


def test_record_of_another_matter_is_404_under_this_one(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        other = make_matter(alpha.partner)
        letter = services.demand_letter_create(actor=alpha.partner, matter=other, sent_on=date(2026, 1, 5))
    browser = alpha.client(alpha.partner)
    assert browser.get(f"/matters/{matter.pk}/records/letters/{letter.pk}/edit/").status_code == 404
    assert browser.post(f"/matters/{matter.pk}/records/letters/{letter.pk}/delete/").status_code == 404


def test_frozen_asset_offers_only_this_matters_preservations(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        mine = services.preservation_create(actor=alpha.partner, matter=matter, court="本案法院")
        other = services.preservation_create(actor=alpha.partner, matter=make_matter(alpha.partner), court="他案法院")
    browser = alpha.client(alpha.lawyer)
    form = browser.get(f"/matters/{matter.pk}/records/freezes/new/").content.decode()
    assert "本案法院" in form and "他案法院" not in form
    response = browser.post(f"/matters/{matter.pk}/records/freezes/new/", {
        "preservation": other.pk, "kind": "bank_deposit", "description": "账户", "frozen_on": "2026-02-04"})
    assert response.status_code == 200
    response = browser.post(f"/matters/{matter.pk}/records/freezes/new/", {
        "preservation": mine.pk, "kind": "bank_deposit", "description": "工商银行账户", "frozen_on": "2026-02-04"})
    assert response.status_code == 302
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "申请续行冻结/查封（银行存款：工商银行账户，2027-02-03届满）" in page


def test_matter_page_shows_freeze_expiry_renewal_day_missing_holiday_data_and_the_assumed_lpr(alpha):
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, lawyer=alpha.lawyer, interest_type="lpr", lpr_multiplier=Decimal("1"),
                             due_date=date(2025, 12, 31))
        preservation = services.preservation_create(actor=alpha.partner, matter=matter, court="某法院")
        services.frozen_asset_create(actor=alpha.lawyer, matter=matter, preservation=preservation,
                                     kind="bank_deposit", description="工行账户", frozen_on=date(2026, 10, 24))
    browser = alpha.client(alpha.lawyer)
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "本期届满日" in page and "2027-10-23（推算）" in page
    assert "2027-10-15（请核对）" in page  # Saturday 2027-10-16 moved back; 2027 has no holiday data
    assert "申请续行冻结/查封（银行存款：工行账户，2027-10-23届满）" in page
    assert "（2027年节假日安排尚未公布，仅按周末推算）" in page
    assert "利息按2025年5月20日公布的LPR 3.0%暂计" in page
    # the personal list shows the next 30 days: look on 2027-10-01
    with time_machine.travel(datetime(2027, 10, 1, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        mine = alpha.client(alpha.lawyer).get("/deadlines/").content.decode()
    assert "2027-10-15" in mine and "（2027年节假日安排尚未公布，仅按周末推算）" in mine


def test_frozen_asset_form_takes_the_stated_expiry_and_refuses_one_before_the_freeze(alpha, matter):
    with schema_context(alpha.firm.schema_name):
        preservation = services.preservation_create(actor=alpha.partner, matter=matter, court="本案法院")
    browser = alpha.client(alpha.lawyer)
    url = f"/matters/{matter.pk}/records/freezes/new/"
    assert "期限届满日" in browser.get(url).content.decode()
    refused = browser.post(url, {"preservation": preservation.pk, "kind": "bank_deposit", "description": "账户",
                                 "frozen_on": "2026-02-04", "expires_on": "2026-02-01"})
    assert refused.status_code == 200 and "期限届满日不能早于冻结/查封（续封）日期" in refused.content.decode()
    response = browser.post(url, {"preservation": preservation.pk, "kind": "bank_deposit", "description": "账户",
                                  "frozen_on": "2026-02-04", "expires_on": "2027-01-31"})
    assert response.status_code == 302
    page = browser.get(f"/matters/{matter.pk}/").content.decode()
    assert "2027-01-31" in page and "2027-01-22" in page  # renew by Sunday 01-24 → Friday 01-22
