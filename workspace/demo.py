"""The demo firm that `make run` serves: one person for each role, ready to log in, and a living workspace
of about 60 matters across every stage and outcome."""

from dataclasses import dataclass

from django.db import transaction
from django_tenants.utils import schema_context

from accounts.models import Role, User
from accounts.services import user_create, user_set_practice_certificate
from tenants.models import Firm
from tenants.services import firm_provision, firm_update_settings
from workspace.demo_matters import demo_matters_seed

DEMO_SLUG = "demo"
DEMO_PASSWORD = "Qingshou-demo-2026"
DEMO_PEOPLE = (
    ("partner@demo.test", "王建国", Role.PARTNER),
    ("lawyer@demo.test", "李明", Role.LAWYER),
    ("paralegal@demo.test", "张晓", Role.PARALEGAL),
    ("finance@demo.test", "陈静", Role.FINANCE),
    ("client@demo.test", "赵伟（委托方）", Role.CLIENT),
)
DEMO_CERTIFICATES = {Role.PARTNER: "13101200510000001", Role.LAWYER: "13101201810000002"}


@dataclass(frozen=True)
class DemoLogin:
    email: str
    name: str
    role_label: str


@transaction.atomic
def demo_seed() -> tuple[Firm, list[DemoLogin]]:
    """Creates the demo firm, or brings an existing one back to its known people and passwords."""
    firm = Firm.objects.filter(slug=DEMO_SLUG).first()
    if firm is None:
        email, name, _role = DEMO_PEOPLE[0]
        firm, _owner = firm_provision(slug=DEMO_SLUG, name="清源律师事务所", owner_name=name, owner_email=email,
                                      owner_password=DEMO_PASSWORD, allow_reserved=True)
    with schema_context(firm.schema_name):
        owner = User.objects.get(email=DEMO_PEOPLE[0][0])
        firm_update_settings(
            firm=firm, actor=owner, name="清源律师事务所", address="上海市浦东新区世纪大道100号20层",
            uscc="31310000MD00123456", phone="021-5888 0000", email="office@demo.test",
            bank_name="招商银行上海分行营业部", bank_account_name="清源律师事务所", bank_account="1219 0888 0010 001",
            letterhead_subtitle="QINGYUAN LAW FIRM", letterhead_footer="上海市浦东新区世纪大道100号20层 · 021-5888 0000",
            letter_number_prefix="清律函字",
        )
        logins = []
        for email, name, role in DEMO_PEOPLE:
            user = User.objects.filter(email=email).first()
            if user is None:
                user = user_create(email=email, name=name, role=role, password=DEMO_PASSWORD)
            else:
                user.name, user.role, user.is_active = name, role, True
                user.set_password(DEMO_PASSWORD)
                user.save()
            logins.append(DemoLogin(email=email, name=name, role_label=str(Role(role).label)))
        people = {role: User.objects.get(email=email) for email, _name, role in DEMO_PEOPLE}
        for role, number in DEMO_CERTIFICATES.items():  # the powers of attorney print the agent's licence
            user_set_practice_certificate(actor=owner, user=people[role], number=number)
        demo_matters_seed(
            partner=people[Role.PARTNER], lawyer=people[Role.LAWYER], paralegal=people[Role.PARALEGAL],
            finance=people[Role.FINANCE], client_user=people[Role.CLIENT],
        )
    return firm, logins
