"""Test data for the matters app, always made through the services (never by hand)."""

from datetime import date
from decimal import Decimal
from itertools import count

from matters import services
from matters.rules.identifiers import resident_id_check_char, uscc_check_char

_serial = count(1)


def valid_uscc(seed: int | None = None) -> str:
    """A structurally valid 统一社会信用代码, distinct for each call."""
    number = next(_serial) if seed is None else seed
    first17 = f"91310000MA{number:07d}"
    return first17 + uscc_check_char(first17)


def valid_resident_id(seed: int | None = None) -> str:
    number = next(_serial) if seed is None else seed
    first17 = f"110105198001{(number % 28) + 1:02d}{number % 1000:03d}"
    return first17 + resident_id_check_char(first17)


def make_client(actor, **fields):
    fields.setdefault("name", f"上海甲方贸易有限公司{next(_serial)}")
    fields.setdefault("uscc", valid_uscc())
    fields.setdefault("legal_representative", "王总")
    return services.client_create(actor=actor, **fields)


def make_debtor(actor, **fields):
    fields.setdefault("name", f"浙江乙方建材有限公司{next(_serial)}")
    fields.setdefault("id_number", valid_uscc())
    fields.setdefault("addresses", ["浙江省杭州市西湖区文三路1号"])
    return services.debtor_create(actor=actor, **fields)


def make_mandate(actor, *, client=None, partner=None, **fields):
    client = client or make_client(actor)
    fields.setdefault("contract_date", date(2024, 1, 5))
    return services.mandate_create(actor=actor, client=client, responsible_partner=partner or actor, **fields)


def make_matter(actor, *, mandate=None, debtor=None, partner=None, **fields):
    mandate = mandate or make_mandate(actor, partner=partner)
    debtor = debtor or make_debtor(actor)
    fields.setdefault("principal", Decimal("100000.00"))
    fields.setdefault("due_date", date(2024, 1, 1))
    fields.setdefault("opened_on", date(2026, 3, 1))
    return services.matter_create(actor=actor, mandate=mandate, debtor=debtor, **fields)
