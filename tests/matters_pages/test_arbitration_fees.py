"""The firm's arbitration-fee schedules: partners keep them on a settings page (audited); other roles are
refused; a bad table is refused with a clear error; another firm never sees them; an arbitration matter's page
estimates its fee from its commission's schedule."""

from datetime import date
from decimal import Decimal

import pytest
from django_tenants.utils import schema_context

from accounts.models import AuditAction, AuditEvent
from matters import services
from matters.models import ArbitrationFeeScale
from tests.matters.helpers import make_matter

pytestmark = pytest.mark.django_db

URL = "/settings/arbitration-fees/"


def tier_post(commission, rows, **extra):
    data = {"commission": commission, "source": "示例", "tiers-TOTAL_FORMS": str(len(rows)),
            "tiers-INITIAL_FORMS": "0", "tiers-MIN_NUM_FORMS": "0", "tiers-MAX_NUM_FORMS": "1000", **extra}
    for index, (start, fixed, rate) in enumerate(rows):
        data |= {f"tiers-{index}-from_amount": start, f"tiers-{index}-fixed_fee": fixed, f"tiers-{index}-rate": rate}
    return data


ROWS = [("0", "100", "0"), ("1,000", "100", "5"), ("50000", "2550", "4")]


def make_scale(people, commission="上海仲裁委员会"):
    with schema_context(people.firm.schema_name):
        return services.arbitration_fee_scale_save(
            actor=people.partner, commission=commission,
            tiers=[{"from_amount": Decimal("0"), "fixed_fee": Decimal("100"), "rate": Decimal("0")},
                   {"from_amount": Decimal("1000"), "fixed_fee": Decimal("100"), "rate": Decimal("0.05")}])


def test_a_partner_adds_a_schedule_and_the_change_is_audited(alpha):
    browser = alpha.client(alpha.partner)
    assert browser.get(f"{URL}new/").status_code == 200
    response = browser.post(f"{URL}new/", tier_post("上海仲裁委员会", ROWS))
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        scale = ArbitrationFeeScale.objects.get(commission="上海仲裁委员会")
        assert [(t.from_amount, t.fixed_fee, t.rate) for t in scale.tiers.all()] == [
            (Decimal("0.00"), Decimal("100.00"), Decimal("0.0000")),
            (Decimal("1000.00"), Decimal("100.00"), Decimal("0.0500")),
            (Decimal("50000.00"), Decimal("2550.00"), Decimal("0.0400"))]
        event = AuditEvent.objects.filter(action=AuditAction.FIRM_SETTINGS_CHANGED).latest("id")
        assert event.target == "仲裁收费标准：上海仲裁委员会" and event.actor == alpha.partner
    html = browser.get(URL).content.decode()
    assert "上海仲裁委员会" in html and "2,550.00" in html and "5%" in html


def test_a_partner_edits_a_schedule_shown_with_its_tiers(alpha):
    scale = make_scale(alpha)
    browser = alpha.client(alpha.partner)
    html = browser.get(f"{URL}{scale.pk}/").content.decode()
    assert 'value="1000.00"' in html and 'value="5"' in html
    response = browser.post(f"{URL}{scale.pk}/", tier_post("上海仲裁委员会", [("0", "50", "0"), ("2000", "50", "4")]))
    assert response.status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert [t.from_amount for t in ArbitrationFeeScale.objects.get(pk=scale.pk).tiers.all()] == [
            Decimal("0.00"), Decimal("2000.00")]


@pytest.mark.parametrize(("rows", "message"), [
    ([("0", "100", "0"), ("50000", "2550", "4"), ("1000", "100", "5")], "从小到大排列"),
    ([("0", "100", "0"), ("0", "200", "4")], "重复"),
    ([("500", "100", "0")], "第1档应从0元起"),
    ([("0", "100", "abc")], "输入一个数字"),
    ([("0", "-5", "0")], "不能为负数"),
])
def test_bad_tiers_are_refused_with_a_clear_error_and_nothing_is_saved(alpha, rows, message):
    response = alpha.client(alpha.partner).post(f"{URL}new/", tier_post("上海仲裁委员会", rows))
    assert response.status_code == 400
    assert message in response.content.decode()
    with schema_context(alpha.firm.schema_name):
        assert not ArbitrationFeeScale.objects.exists()


def test_a_second_schedule_for_the_same_commission_is_refused(alpha):
    make_scale(alpha)
    response = alpha.client(alpha.partner).post(f"{URL}new/", tier_post("上海仲裁委员会", ROWS))
    assert response.status_code == 400 and "已存在" in response.content.decode()


@pytest.mark.parametrize("role", ["lawyer", "paralegal", "finance", "client_a"])
def test_other_roles_are_refused(alpha, role):
    scale = make_scale(alpha)
    browser = alpha.client(getattr(alpha, role))
    for url in (URL, f"{URL}new/", f"{URL}{scale.pk}/"):
        assert browser.get(url).status_code == 403, url
    assert browser.post(f"{URL}{scale.pk}/delete/").status_code == 403
    assert browser.post(f"{URL}new/", tier_post("北京仲裁委员会", ROWS)).status_code == 403
    with schema_context(alpha.firm.schema_name):
        assert ArbitrationFeeScale.objects.count() == 1


def test_another_firm_cannot_see_or_change_a_schedule(alpha, beta):
    scale = make_scale(alpha)
    browser = beta.client(beta.partner)
    assert "上海仲裁委员会" not in browser.get(URL).content.decode()
    assert browser.get(f"{URL}{scale.pk}/").status_code == 404
    assert browser.post(f"{URL}{scale.pk}/", tier_post("上海仲裁委员会", ROWS)).status_code == 404
    assert browser.post(f"{URL}{scale.pk}/delete/").status_code == 404
    with schema_context(alpha.firm.schema_name):
        assert ArbitrationFeeScale.objects.filter(pk=scale.pk).exists()


def test_a_partner_deletes_a_schedule(alpha):
    scale = make_scale(alpha)
    assert alpha.client(alpha.partner).post(f"{URL}{scale.pk}/delete/").status_code == 302
    with schema_context(alpha.firm.schema_name):
        assert not ArbitrationFeeScale.objects.exists()


def test_an_arbitration_matter_page_estimates_the_fee_from_its_commissions_schedule(alpha):
    make_scale(alpha)
    with schema_context(alpha.firm.schema_name):
        matter = make_matter(alpha.partner, principal=Decimal("21000.00"), due_date=date(2025, 1, 1),
                             dispute_resolution="arbitration", arbitration_commission="上海仲裁委员会")
    html = alpha.client(alpha.lawyer).get(f"/matters/{matter.pk}/").content.decode()
    assert "约定仲裁" in html and "上海仲裁委员会" in html
    assert "仲裁费估算 1,100.00 元" in html  # 100 + 20,000 × 5%
