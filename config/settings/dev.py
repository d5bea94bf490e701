"""Local development: DEBUG on, console e-mail, embedded PostgreSQL unless DATABASE_URL is set."""

import os
import warnings

os.environ.setdefault("DEBUG", "true")

from config.settings.base import *  # noqa: E402,F403

# Static files come from the finders here; collectstatic output exists only in deployments.
warnings.filterwarnings("ignore", message="No directory at", module="whitenoise.base")
