from django.db import DatabaseError, connection
from django.http import JsonResponse
from django_tenants.middleware.main import TenantMainMiddleware


class HealthCheckMiddleware:
    """Answers /healthz before tenant routing, so it works on any host, known or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path != "/healthz":
            return self.get_response(request)
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
        except DatabaseError:
            return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
        return JsonResponse({"status": "ok", "database": "ok"})


class FirmMiddleware(TenantMainMiddleware):
    """django-tenants' routing by host, with the host compared case-insensitively, as DNS does:
    `ALPHA.localhost` is alpha. Domains are stored in lower case (tenants.models.Domain)."""

    @staticmethod
    def hostname_from_request(request):
        return TenantMainMiddleware.hostname_from_request(request).lower()
