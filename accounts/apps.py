from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "人员与权限"

    def ready(self):
        from accounts import signals  # noqa: F401  (connects the audit receivers)
