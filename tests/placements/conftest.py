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


@pytest.fixture(scope="session", autouse=True)
def _placements_english_catalogue():
    """The English catalogue of this app is committed as .po only (like locale/en); compile it when the .mo is
    missing or older, and make Django read it again."""
    import shutil
    import subprocess
    from pathlib import Path

    from django.utils import translation
    from django.utils.translation import trans_real

    po = Path(__file__).resolve().parents[2] / "placements" / "locale" / "en" / "LC_MESSAGES" / "django.po"
    mo = po.with_suffix(".mo")
    if shutil.which("msgfmt") and (not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime):
        subprocess.run(["msgfmt", "--check", "-o", str(mo), str(po)], check=True, capture_output=True)
        trans_real._translations = {}
        trans_real._default = None
        translation.deactivate()
    yield
