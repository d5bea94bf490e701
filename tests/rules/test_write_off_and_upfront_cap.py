"""The evidence a write-off needs (国家税务总局公告2011年第25号 第二十二条) and the recovery below which an
up-front fee exceeds the risk-fee cap."""

from decimal import Decimal

import pytest

from rules.errors import RuleInputError
from rules.risk_fees import risk_fee_cap, upfront_fee_exceeds_cap_below
from rules.write_off import EvidenceItem, missing_write_off_evidence

CONTRACT = EvidenceItem("contract", False)
JUDGMENT = EvidenceItem("judgment", False)
RULING = EvidenceItem("judgment", True)


@pytest.mark.parametrize(("fee", "level"), [
    ("47082.00", "261566.67"),  # 1,569,400 × 3%: the demo mandate's arrangement
    ("7500.00", "41666.67"),
    ("0.00", "0.00"),
    ("180000.00", "1000000.00"),  # exactly the top of the 18% slice
    ("180000.01", "1000000.07"),  # just into the 15% slice
    ("780000.00", "5000000.00"),
    ("3000000.00", "28000000.00"),  # in the 9% slice
    ("4980000.00", "50000000.00"),
    ("4980006.00", "50000100.00"),  # the open 6% slice
])
def test_upfront_fee_exceeds_cap_below(fee, level):
    found = upfront_fee_exceeds_cap_below(Decimal(fee))
    assert found == Decimal(level)
    assert risk_fee_cap(found).cap == Decimal(fee)
    if found >= 1:
        assert risk_fee_cap(found - Decimal("1")).cap < Decimal(fee)


def test_upfront_fee_must_be_money():
    with pytest.raises(RuleInputError):
        upfront_fee_exceeds_cap_below(Decimal("-1"))


def test_enforcement_write_off_needs_contract_judgment_and_ruling():
    assert missing_write_off_evidence("termination_ruling", [CONTRACT, JUDGMENT, RULING]) == []
    assert missing_write_off_evidence("termination_ruling", [CONTRACT, RULING]) == ["生效判决书、调解书或仲裁裁决书"]
    assert missing_write_off_evidence("termination_ruling", [CONTRACT, JUDGMENT]) == [
        "人民法院终结（中止）执行程序的裁定书"]
    assert missing_write_off_evidence("termination_ruling", []) == [
        "债权债务关系的合同（或欠款凭证）", "生效判决书、调解书或仲裁裁决书", "人民法院终结（中止）执行程序的裁定书"]


@pytest.mark.parametrize(("basis", "label"), [
    ("bankruptcy", "人民法院的破产、清算公告或裁定书"),
    ("deregistration", "登记机关的注销、吊销登记公告或证明"),
    ("other", "证明债权无法收回的法律文件"),
])
def test_other_grounds_need_their_own_document_and_the_contract(basis, label):
    assert missing_write_off_evidence(basis, [CONTRACT]) == [label]
    assert missing_write_off_evidence(basis, [CONTRACT, EvidenceItem("other", True)]) == []
    assert missing_write_off_evidence(basis, [EvidenceItem("other", True)]) == ["债权债务关系的合同（或欠款凭证）"]
