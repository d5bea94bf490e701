"""What the serializers of the matters API share: the requesting user, and a ``matter`` field limited to the
matters that user may see."""

from matters import access


def request_user(serializer):
    request = serializer.context.get("request")
    return getattr(request, "user", None)


class MatterScopedMixin:
    """Limits the ``matter`` field to matters the requesting user may see."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        user = request_user(self)
        if user is not None and "matter" in self.fields and not self.fields["matter"].read_only:
            self.fields["matter"].queryset = access.visible_matters(user)
        if self.instance is not None and hasattr(self.instance, "pk") and "matter" in self.fields:
            self.fields["matter"].read_only = True
