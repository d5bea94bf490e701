"""Local development: DEBUG on, console e-mail, embedded PostgreSQL unless DATABASE_URL is set."""

import os

os.environ.setdefault("DEBUG", "true")

from config.settings.base import *  # noqa: E402,F403
