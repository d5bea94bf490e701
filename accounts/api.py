"""The accounts API: tokens, who am I, and the firm's people (listed for its staff, managed by partners with
the same services, and so the same rules, as the people page)."""

from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts import selectors, services
from accounts.access import IsPartner, StaffReadPeoplePartnersManage
from accounts.models import Invitation, Role, User
from core.api import ApiError


class TokenRequestSerializer(serializers.Serializer):
    email = serializers.EmailField()
    password = serializers.CharField(trim_whitespace=False)


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    name = serializers.CharField()
    role = serializers.CharField()
    role_label = serializers.CharField(source="get_role_display")
    firm = serializers.SerializerMethodField()

    def get_firm(self, user) -> dict:
        firm = self.context["request"].tenant
        return {"slug": firm.slug, "name": firm.name}


class TokenView(APIView):
    """Exchanges an e-mail and password for an API token of this firm."""

    authentication_classes = []
    permission_classes = [AllowAny]

    @extend_schema(request=TokenRequestSerializer,
                   responses=inline_serializer("TokenResponse", {"token": serializers.CharField()}))
    def post(self, request):
        serializer = TokenRequestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        user = authenticate(request._request, username=serializer.validated_data["email"],
                            password=serializer.validated_data["password"])
        if user is None:
            raise ApiError(_("邮箱或密码不正确。"), code="invalid_credentials", status_code=401)
        return Response({"token": services.token_for(user)})


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(responses=MeSerializer)
    def get(self, request):
        return Response(MeSerializer(request.user, context={"request": request}).data)


class PersonSerializer(serializers.ModelSerializer):
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = User
        fields = ["id", "name", "email", "role", "role_label", "is_active"]
        read_only_fields = fields


class RoleChangeSerializer(serializers.Serializer):
    role = serializers.ChoiceField(choices=Role.choices)


class PeopleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """人员: the firm's people, with the ids that matters take (``responsible_partner``, ``lawyer``).

    Every member of staff reads them; partners change roles, deactivate and reactivate. Client-portal users
    are refused. Filter with ``?role=partner`` or ``?is_active=true``."""

    serializer_class = PersonSerializer
    permission_classes = [StaffReadPeoplePartnersManage]
    filterset_fields = ["role", "is_active"]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.people_list()

    def _person(self, person: User) -> Response:
        return Response(PersonSerializer(person).data)

    @extend_schema(request=RoleChangeSerializer, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def role(self, request, pk=None):
        person = self.get_object()
        serializer = RoleChangeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return self._person(services.user_change_role(actor=request.user, user=person,
                                                      role=serializer.validated_data["role"], request=request))

    @extend_schema(request=None, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def deactivate(self, request, pk=None):
        return self._person(services.user_deactivate(actor=request.user, user=self.get_object(), request=request))

    @extend_schema(request=None, responses=PersonSerializer)
    @action(detail=True, methods=["post"])
    def reactivate(self, request, pk=None):
        return self._person(services.user_reactivate(actor=request.user, user=self.get_object(), request=request))


class InvitationSerializer(serializers.ModelSerializer):
    email = serializers.EmailField()
    role = serializers.ChoiceField(choices=Role.choices)

    class Meta:
        model = Invitation
        fields = ["id", "email", "role", "created_at", "expires_at"]
        read_only_fields = ["id", "created_at", "expires_at"]


class InvitationViewSet(mixins.ListModelMixin, mixins.CreateModelMixin, mixins.DestroyModelMixin,
                        viewsets.GenericViewSet):
    """邀请: partners invite people by e-mail (the link goes to the invitee only) and revoke open invitations."""

    serializer_class = InvitationSerializer
    permission_classes = [IsPartner]
    lookup_value_regex = r"\d+"

    def get_queryset(self):
        return selectors.open_invitations()

    def perform_create(self, serializer):
        sent = services.invitation_create(invited_by=self.request.user, base_url=self.request.build_absolute_uri("/"),
                                          request=self.request, **serializer.validated_data)
        serializer.instance = sent.invitation

    def perform_destroy(self, invitation):
        services.invitation_revoke(actor=self.request.user, invitation=invitation, request=self.request)
