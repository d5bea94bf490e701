"""Missing data: a value the matter does not have, what it is called, and the page where it is filled in.

A value the matter lacks is a :class:`Missing`. It is falsy (so ``{% if debtor.address %}`` skips it), and
printing it or looping over it records it in the rendering's :class:`Collector`, with its label and the page
where it can be filled in. Generation renders, then refuses if anything missing was printed; so a document
needs exactly the data its template prints, built-in or firm-edited, and never comes out with blanks.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.urls import reverse


@dataclass
class MissingField:
    field: str
    label: str
    fix_url: str


@dataclass
class Collector:
    """Records which missing values a rendering printed (in order, once each)."""

    items: dict[str, MissingField] = field(default_factory=dict)

    def record(self, missing: Missing) -> None:
        self.items.setdefault(missing._field, MissingField(missing._field, missing._label, missing._fix_url))

    @property
    def missing(self) -> list[MissingField]:
        return list(self.items.values())


class Missing:
    """A value the matter lacks: falsy and empty; printing or iterating it records it in the collector."""

    def __init__(self, field: str, label: str, fix_url: str, collector: Collector):
        self._field, self._label, self._fix_url, self._collector = field, label, fix_url, collector

    def __str__(self) -> str:
        self._collector.record(self)
        return ""

    def __html__(self) -> str:
        return str(self)

    def __bool__(self) -> bool:
        return False

    def __len__(self) -> int:
        return 0

    def __iter__(self):
        self._collector.record(self)
        return iter(())

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key):
        return self

    def __repr__(self) -> str:
        return f"Missing({self._field})"


# The edit page of each kind of record a value comes from; anything else is filled in on the matter's page.
EDIT_PAGES = {"debtor": "matters:debtor_edit", "client": "matters:client_edit", "mandate": "matters:mandate_edit"}


def fix_url(target: str, obj_id: int | None = None, matter_id: int | None = None) -> str:
    """Where a missing value of ``target`` (firm, person, debtor, client, mandate, matter) is filled in."""
    if target == "firm":
        return reverse("firm_settings")
    if target == "person":
        return reverse("people")
    if target in EDIT_PAGES and obj_id:
        return reverse(EDIT_PAGES[target], args=[obj_id])
    return reverse("matters:matter_detail", args=[matter_id]) if matter_id else reverse("matters")
