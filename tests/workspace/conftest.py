"""Data for the workspace tests, made through the matters services (tests/matters/helpers.py)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from django_tenants.utils import schema_context

from matters import services
from tests.matters.helpers import make_client, make_debtor, make_mandate, make_matter


def today():
    return timezone.localdate()


@pytest.fixture
def firm_data(alpha):
    """Alpha: an overdue matter (missed instalment), a clean one, a recovered one, and one in litigation."""
    p = alpha.partner
    with schema_context(alpha.firm.schema_name):
        client_a = make_client(p, name="上海甲方贸易有限公司")
        client_b = make_client(p, name="苏州乙方实业有限公司")
        mandate_a = make_mandate(p, client=client_a)
        mandate_b = make_mandate(p, client=client_b)
        overdue = make_matter(p, mandate=mandate_a, lawyer=alpha.lawyer, debtor=make_debtor(p, name="逾期分期债务人"),
                              principal=Decimal("300000.00"), due_date=today() - timedelta(days=100))
        services.repayment_agreement_create(
            actor=p, matter=overdue, signed_on=today() - timedelta(days=40), compromise_amount=Decimal("20000.00"),
            instalments=[{"due_on": today() - timedelta(days=10), "amount": Decimal("10000.00")},
                         {"due_on": today() + timedelta(days=3), "amount": Decimal("10000.00")}])
        clean = make_matter(p, mandate=mandate_a, lawyer=p, debtor=make_debtor(p, name="正常债务人"),
                            cause="loan", principal=Decimal("50000.00"), due_date=today() - timedelta(days=800))
        services.payment_record(actor=alpha.finance, matter=clean, received_on=today(), amount=Decimal("20000.00"))
        done = make_matter(p, mandate=mandate_b, lawyer=alpha.lawyer, debtor=make_debtor(p, name="已收回债务人"),
                           principal=Decimal("10000.00"), due_date=today() - timedelta(days=2000))
        services.payment_record(actor=alpha.finance, matter=done, received_on=today() - timedelta(days=5),
                                amount=Decimal("10000.00"))
        done = services.matter_transition(actor=p, matter=done, version=done.version, outcome="recovered")
        sued = make_matter(p, mandate=mandate_b, lawyer=alpha.lawyer, debtor=make_debtor(p, name="诉讼中债务人"),
                           principal=Decimal("80000.00"), due_date=today() - timedelta(days=1200))
        sued = services.matter_transition(actor=p, matter=sued, version=sued.version, to_stage="litigation",
                                          record={"court": "杭州市西湖区人民法院", "filed_on": today() - timedelta(days=20)})
        return {"client_a": client_a, "client_b": client_b, "mandate_a": mandate_a, "mandate_b": mandate_b,
                "overdue": overdue, "clean": clean, "done": done, "sued": sued}
