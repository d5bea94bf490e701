"""django-filter filter sets of the matters API (the matter list page filters through MatterFilter too).

"Has an overdue deadline", "recovered" and "outstanding" read the figures each matter stores
(``matters/figures.py``), so filtering and sorting by them is plain SQL on indexed columns.
"""

from datetime import date

import django_filters
from django.db.models import Case, Exists, IntegerField, OuterRef, Q, Value, When
from django.utils import timezone

from matters.models import (
    Cause,
    Client,
    Debtor,
    Enforcement,
    EvidenceCategory,
    EvidenceFile,
    Lawsuit,
    Mandate,
    Matter,
    Payment,
    Preservation,
    WorkLogEntry,
)
from matters.stages import STAGE_ORDER, Outcome, Stage


def with_overdue_deadline(queryset, *, today: date | None = None):
    """Open matters with a deadline that is past and still to be met (exact: see matters/figures.py)."""
    return queryset.filter(outcome=Outcome.OPEN, next_deadline_on__lt=today or timezone.localdate())


STAGE_RANK = Case(*[When(stage=value, then=Value(index)) for index, value in enumerate(STAGE_ORDER)],
                  output_field=IntegerField())

# Sort keys of the matter list (``sort=debtor`` ascending, ``sort=-debtor`` descending). Outstanding sorts by
# the stored balance, which is of today once the daily refresh has run.
SORTS: dict[str, tuple] = {
    "reference": ("reference",),
    "debtor": ("debtor__name",),
    "client": ("mandate__client__name",),
    "principal": ("principal",),
    "recovered": ("recovered",),
    "outstanding": ("outstanding",),
    "due_date": ("due_date",),
    "stage": ("stage_rank",),
    "opened_on": ("opened_on",),
}
SORT_CHOICES = [(key, key) for key in SORTS] + [(f"-{key}", f"-{key}") for key in SORTS]


def sort_matters(queryset, sort: str):
    """Orders ``queryset`` by a key of SORTS (prefix "-" for descending); id breaks ties so pages are stable."""
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    if key not in SORTS:
        return queryset.order_by("-id")
    if key == "stage":
        queryset = queryset.annotate(stage_rank=STAGE_RANK)
    fields = [f"-{name}" if descending else name for name in SORTS[key]]
    return queryset.order_by(*fields, "-id" if descending else "id")


class ClientFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="名称或统一社会信用代码")

    class Meta:
        model = Client
        fields = ["search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(uscc__iexact=value))


class DebtorFilter(django_filters.FilterSet):
    search = django_filters.CharFilter(method="filter_search", label="名称/姓名或证件号码")

    class Meta:
        model = Debtor
        fields = ["kind", "search"]

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        return queryset.filter(Q(name__icontains=value) | Q(id_number__iexact=value))


class MandateFilter(django_filters.FilterSet):
    class Meta:
        model = Mandate
        fields = ["client", "status", "fee_type", "responsible_partner", "authority"]


class MatterFilter(django_filters.FilterSet):
    # Columns of the matter itself: no join can repeat a row, and DISTINCT over every column is slow.
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices, distinct=False)
    outcome = django_filters.MultipleChoiceFilter(choices=Outcome.choices, distinct=False)
    cause = django_filters.MultipleChoiceFilter(choices=Cause.choices, distinct=False)
    client = django_filters.NumberFilter(field_name="mandate__client_id", label="委托人 id")
    mandate = django_filters.NumberFilter(field_name="mandate_id")
    lawyer = django_filters.NumberFilter(field_name="lawyer_id")
    debtor = django_filters.NumberFilter(field_name="debtor_id")
    due_before = django_filters.DateFilter(field_name="due_date", lookup_expr="lte")
    due_after = django_filters.DateFilter(field_name="due_date", lookup_expr="gte")
    search = django_filters.CharFilter(
        method="filter_search", label="债务人/担保人名称、统一社会信用代码或身份证号、案件编号、法院案号")
    overdue = django_filters.BooleanFilter(method="filter_overdue", label="有已逾期的期限")
    sort = django_filters.ChoiceFilter(method="filter_sort", choices=SORT_CHOICES, label="排序",
                                       help_text="reference, debtor, client, principal, recovered, outstanding, "
                                                 "due_date, stage, opened_on；前加“-”为降序")

    class Meta:
        model = Matter
        fields = ["stage", "outcome", "cause", "client", "mandate", "lawyer", "debtor", "search", "overdue", "sort"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        overdue = with_overdue_deadline(queryset)
        return overdue if value else queryset.exclude(pk__in=overdue.values("pk"))

    def filter_sort(self, queryset, name, value):
        return sort_matters(queryset, value) if value else queryset

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        number = value.upper()
        matter = OuterRef("pk")
        return queryset.filter(
            Q(reference__icontains=value)
            | Q(debtor__name__icontains=value)
            | Q(debtor__id_number=number)
            | Q(mandate__client__uscc=number)
            | Q(Exists(Matter.guarantors.through.objects.filter(
                matter_id=matter, debtor__name__icontains=value)))
            | Q(Exists(Matter.guarantors.through.objects.filter(matter_id=matter, debtor__id_number=number)))
            | Q(Exists(Lawsuit.objects.filter(matter_id=matter, case_number__icontains=value)))
            | Q(Exists(Enforcement.objects.filter(matter_id=matter, case_number__icontains=value)))
            | Q(Exists(Preservation.objects.filter(matter_id=matter, ruling_number__icontains=value)))
        )


class PaymentFilter(django_filters.FilterSet):
    received_after = django_filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_before = django_filters.DateFilter(field_name="received_on", lookup_expr="lte")

    class Meta:
        model = Payment
        fields = ["matter", "payer_kind", "method", "received_after", "received_before"]


class WorkLogFilter(django_filters.FilterSet):
    occurred_after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")

    class Meta:
        model = WorkLogEntry
        fields = ["matter", "kind", "interrupts_limitation", "occurred_after", "occurred_before"]


class EvidenceFilter(django_filters.FilterSet):
    category = django_filters.ChoiceFilter(choices=EvidenceCategory.choices)

    class Meta:
        model = EvidenceFile
        fields = ["matter", "category"]
