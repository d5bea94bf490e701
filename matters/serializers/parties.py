"""Clients (with their contacts), debtors and mandates in the matters API."""

from rest_framework import serializers

from accounts.models import Role, User
from core.serializers import ModelSerializer
from matters import access
from matters.models import MANDATE_SCOPES, SPECIAL_POWERS, Client, ClientContact, Debtor, Mandate
from matters.serializers.base import request_user


class ClientContactSerializer(ModelSerializer):
    class Meta:
        model = ClientContact
        fields = ["id", "name", "position", "phone", "email"]
        read_only_fields = ["id"]


class ClientSerializer(ModelSerializer):
    contacts = ClientContactSerializer(many=True, required=False)

    class Meta:
        model = Client
        fields = ["id", "name", "uscc", "legal_representative", "legal_representative_title",
                  "is_financial_institution", "address", "bank_name", "bank_account", "notes", "contacts",
                  "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        # Uniqueness is checked by the service, with a message naming the existing client.
        extra_kwargs = {"uscc": {"validators": []}}


class DebtorSerializer(ModelSerializer):
    addresses = serializers.ListField(child=serializers.CharField(max_length=300), required=False,
                                      help_text="送达地址（可多个）")
    phones = serializers.ListField(child=serializers.CharField(max_length=40), required=False)

    class Meta:
        model = Debtor
        fields = ["id", "kind", "name", "id_number", "legal_representative", "gender", "birth_date", "ethnicity",
                  "addresses", "phones", "notes", "created_at", "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]
        validators = []  # the service checks the number by kind and its uniqueness
        extra_kwargs = {"id_number": {"validators": []}}


class MandateSerializer(ModelSerializer):
    client_name = serializers.CharField(source="client.name", read_only=True)
    responsible_partner = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.filter(role=Role.PARTNER, is_active=True))
    responsible_partner_name = serializers.CharField(source="responsible_partner.name", read_only=True)
    team = serializers.PrimaryKeyRelatedField(many=True, required=False,
                                              queryset=User.objects.filter(is_active=True))
    special_powers = serializers.ListField(child=serializers.ChoiceField(choices=list(SPECIAL_POWERS.items())),
                                           required=False)
    scope = serializers.ListField(child=serializers.ChoiceField(choices=list(MANDATE_SCOPES.items())),
                                  required=False, allow_empty=False)

    class Meta:
        model = Mandate
        fields = ["id", "client", "client_name", "contract_number", "contract_date", "responsible_partner",
                  "responsible_partner_name", "team", "cause", "placed_amount", "fee_type", "fixed_rate",
                  "upfront_rate", "success_rate", "authority", "special_powers", "scope", "status", "notes",
                  "created_at",
                  "updated_at"]
        read_only_fields = ["id", "created_at", "updated_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = request_user(self)
        if user is not None and "client" in self.fields:
            self.fields["client"].queryset = access.visible_clients(user)
