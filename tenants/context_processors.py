def firm(request):
    """The firm whose site is being shown, or None on the platform site."""
    tenant = getattr(request, "tenant", None)
    if tenant is None or tenant.is_platform:
        return {"firm": None}
    return {"firm": tenant}
