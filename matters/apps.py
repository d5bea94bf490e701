from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "matters"
    verbose_name = "案件"

    def ready(self):
        # The receivers connect when their module is imported, which needs the models loaded.
        from matters import receivers  # noqa: F401
