"""django-filter filter sets of the matters API."""

import django_filters
from django.db.models import Exists, OuterRef, Q

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
from matters.stages import Outcome, Stage


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

    class Meta:
        model = Matter
        fields = ["stage", "outcome", "cause", "client", "mandate", "lawyer", "debtor", "search"]

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
