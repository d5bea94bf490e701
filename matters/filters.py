"""django-filter filter sets of the matters API (the matter list page filters through MatterFilter too).

"Has an overdue deadline" (``overdue=true``) in a constant number of queries
-------------------------------------------------------------------------------
Deadlines are recomputed on read (``matters/deadlines.py``), so SQL alone cannot say which are overdue without
duplicating the counting rules (holiday roll-over, restarts of limitation, cumulative instalment payments).
The filter runs in two steps, three queries plus the fixed deadline prefetch, whatever the number of matters:

1. **candidates in SQL** (:func:`overdue_candidates`): open matters with at least one record whose deadline
   *could* be past. Every deadline is at least its nominal period after its start (the roll-over only moves it
   later), so "start + period < today" is necessary for it to be overdue; the check keeps 5 days of slack for
   month-end shifts. Appeals and hearings are never overdue (they are "done" once past), so they are not
   candidates. The candidate set is a superset of the answer.
2. **exact pass over the candidates' ids** (:func:`overdue_matter_ids`): ``compute_matter_deadlines`` over the
   candidates, fetched with the selectors' DEADLINE_PREFETCH (a fixed number of queries), keeps those with a
   deadline that is really overdue. The result is the same as the matter page's deadlines by construction.

The Python work grows with the number of *candidates*, not of matters: a firm's old, time-barred or sued
matters with a missed instalment are candidates, the rest are not.
"""

from datetime import date, timedelta

import django_filters
from django.db.models import Case, DecimalField, Exists, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from calculators.selectors import holiday_calendar
from matters.deadlines import compute_matter_deadlines
from matters.models import (
    Cause,
    Client,
    Debtor,
    DemandLetter,
    Enforcement,
    EvidenceCategory,
    EvidenceFile,
    FrozenAsset,
    Instalment,
    Lawsuit,
    Mandate,
    Matter,
    Payment,
    Preservation,
    RepaymentAgreement,
    WorkLogEntry,
)
from matters.selectors import with_deadline_data
from matters.stages import STAGE_ORDER, Outcome, Stage

SLACK = timedelta(days=5)
# The shortest length, in days, of each period (a year is at least 365 days, 18 months at least 546).
MIN_DAYS = {"limitation": 3 * 365, "construction_priority": 546, "freeze": 365, "suit_after_preservation": 30,
            "enforcement_application": 2 * 365}


def overdue_candidates(queryset, *, today: date):
    """Open matters of ``queryset`` that may have an overdue deadline (a superset; see the module notes)."""

    def before(kind: str) -> date:
        return today - timedelta(days=MIN_DAYS[kind]) + SLACK

    matter = OuterRef("pk")
    filed = Exists(Lawsuit.objects.filter(matter_id=matter, filed_on__isnull=False))
    return queryset.filter(outcome=Outcome.OPEN).filter(
        # limitation (3 years from the due date or a later restart) and, for construction, the 18 months of
        # the priority right: both done once suit is filed.
        (Q(due_date__lt=before("limitation")) | Q(cause=Cause.CONSTRUCTION, due_date__lt=before("construction_priority"))) & ~filed
        | Exists(Instalment.objects.filter(agreement__matter_id=matter, due_on__lt=today))
        | Exists(WorkLogEntry.objects.filter(matter_id=matter, promised_on__lt=today))
        | Exists(FrozenAsset.objects.filter(matter_id=matter, released_on__isnull=True).annotate(
            since=Coalesce("renewed_on", "frozen_on")).filter(since__lt=before("freeze")))
        | Exists(Preservation.objects.filter(matter_id=matter, pre_suit=True).annotate(
            since=Coalesce("ruling_on", "applied_on")).filter(since__lt=before("suit_after_preservation")))
        | Exists(Lawsuit.objects.filter(matter_id=matter, performance_due_on__lt=before("enforcement_application")))
    )


def surely_time_barred(queryset, *, today: date):
    """Open matters whose 3-year limitation certainly ran out: due more than 3 years and 30 days ago (a year
    has at most 366 days; no holiday roll-over reaches 30 days), never interrupted (no delivered letter, no
    interrupting work-log entry, no repayment agreement) and never sued. No need to compute their deadlines."""
    matter = OuterRef("pk")
    return queryset.filter(outcome=Outcome.OPEN, due_date__lt=today - timedelta(days=3 * 366 + 30)).exclude(
        Exists(Lawsuit.objects.filter(matter_id=matter, filed_on__isnull=False))
        | Exists(DemandLetter.objects.filter(matter_id=matter, delivered_on__isnull=False))
        | Exists(WorkLogEntry.objects.filter(matter_id=matter, interrupts_limitation=True))
        | Exists(RepaymentAgreement.objects.filter(matter_id=matter)))


def overdue_matter_ids(queryset, *, today: date | None = None) -> list[int]:
    """Ids of the matters of ``queryset`` that have at least one overdue deadline (exact): the surely
    time-barred ones from SQL, the other candidates by computing their deadlines."""
    today = today or timezone.localdate()
    calendar = holiday_calendar()
    queryset = queryset.order_by()
    sure = list(surely_time_barred(queryset, today=today).values_list("pk", flat=True))
    candidates = with_deadline_data(overdue_candidates(queryset, today=today).exclude(pk__in=sure))
    return sure + [matter.pk for matter in candidates
                   if any(item.overdue for item in compute_matter_deadlines(matter, calendar=calendar, today=today))]


def recovered_subquery(today: date | None = None):
    """Payments received up to ``today``, summed in SQL (the list's "已回款" column, sortable)."""
    today = today or timezone.localdate()
    total = (Payment.objects.filter(matter_id=OuterRef("pk"), received_on__lte=today).order_by()
             .values("matter_id").annotate(total=Sum("amount")).values("total"))
    return Coalesce(Subquery(total, output_field=DecimalField(max_digits=16, decimal_places=2)), Value(0),
                    output_field=DecimalField(max_digits=16, decimal_places=2))


STAGE_RANK = Case(*[When(stage=value, then=Value(index)) for index, value in enumerate(STAGE_ORDER)],
                  output_field=IntegerField())

# Sort keys of the matter list (``sort=debtor`` ascending, ``sort=-debtor`` descending). Outstanding is not
# here: it includes interest computed by the rules library in Python (LPR periods, payment application), which
# SQL cannot reproduce; sorting by it would mean computing every matter's balance.
SORTS: dict[str, tuple] = {
    "reference": ("reference",),
    "debtor": ("debtor__name",),
    "client": ("mandate__client__name",),
    "principal": ("principal",),
    "recovered": ("recovered_sql",),
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
    if key == "recovered":
        queryset = queryset.annotate(recovered_sql=recovered_subquery())
    elif key == "stage":
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
    stage = django_filters.MultipleChoiceFilter(choices=Stage.choices)
    outcome = django_filters.MultipleChoiceFilter(choices=Outcome.choices)
    cause = django_filters.MultipleChoiceFilter(choices=Cause.choices)
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
                                       help_text="reference, debtor, client, principal, recovered, due_date, stage, "
                                                 "opened_on；前加“-”为降序")

    class Meta:
        model = Matter
        fields = ["stage", "outcome", "cause", "client", "mandate", "lawyer", "debtor", "search", "overdue", "sort"]

    def filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        ids = overdue_matter_ids(queryset)
        return queryset.filter(pk__in=ids) if value else queryset.exclude(pk__in=ids)

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
