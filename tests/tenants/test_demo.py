import pytest
from django.core.management import call_command
from django_tenants.utils import schema_context

from accounts.models import Role, User
from matters.models import Matter
from tenants.models import Firm
from workspace.demo import DEMO_PASSWORD

pytestmark = pytest.mark.django_db


def test_seed_demo_creates_then_refreshes_the_demo_firm(capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "http://demo.localhost:8000/" in out
    assert "partner@demo.test" in out and DEMO_PASSWORD in out

    firm = Firm.objects.get(slug="demo")
    with schema_context(firm.schema_name):
        assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
        matters = Matter.objects.count()
        assert 50 <= matters <= 70
        assert Matter.objects.values("stage").distinct().count() == 7
        User.objects.filter(email="lawyer@demo.test").update(is_active=False)

    call_command("seed_demo")
    with schema_context(firm.schema_name):
        lawyer = User.objects.get(email="lawyer@demo.test")
        assert lawyer.is_active and lawyer.check_password(DEMO_PASSWORD)
        assert Matter.objects.count() == matters
