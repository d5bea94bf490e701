import pytest
from django_tenants.utils import schema_context

from tests.matters.helpers import make_client, make_mandate


@pytest.fixture
def alpha_mandate(alpha):
    with schema_context(alpha.firm.schema_name):
        return make_mandate(alpha.partner, client=make_client(alpha.partner, name="上海申江贸易有限公司"),
                            contract_number="WT-2026-01")


@pytest.fixture
def beta_mandate(beta):
    with schema_context(beta.firm.schema_name):
        return make_mandate(beta.partner, client=make_client(beta.partner, name="北京乙方贸易有限公司"),
                            contract_number="WT-B-01")
