"""Test settings: real PostgreSQL, fast password hashing, e-mail kept in memory."""

import os
import tempfile
import warnings
from pathlib import Path

os.environ.setdefault("SECRET_KEY", "test-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz")

from config.settings.base import *  # noqa: E402,F403

# Static files come from the finders here; collectstatic output exists only in deployments.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
# Tests queue tasks in-process unless a test starts its own worker.
CELERY_TASK_ALWAYS_EAGER = True
CELERY_BROKER_URL = "memory://"
CELERY_RESULT_BACKEND = "cache+memory://"
# Files of a test run stay out of the checkout, in one folder per run that the processes it starts share.
MEDIA_ROOT = Path(os.environ.setdefault("QINGSHOU_TEST_MEDIA_ROOT", tempfile.mkdtemp(prefix="qingshou-test-media-")))
# Each test stands alone: nothing survives between tests in a shared cache.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "KEY_FUNCTION": "django_tenants.cache.make_key",
        "REVERSE_KEY_FUNCTION": "django_tenants.cache.reverse_key",
    },
    "shared": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "shared"},
}

# One test database per run, so that two runs on one server (two developers, or CI beside a developer)
# never create and destroy each other's database.
DATABASES["default"]["TEST"] = {"NAME": f"test_{DATABASES['default']['NAME']}_{os.getpid()}"}  # noqa: F405
