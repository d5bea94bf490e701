"""Where the database is: DATABASE_URL when set, otherwise an embedded PostgreSQL under .data/.

The embedded server (pgserver) lets `manage.py` work from a plain shell with no setup: the first
command starts it, later ones find it running.
"""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
EMBEDDED_DATA_DIR = BASE_DIR / ".data" / "postgres"
EMBEDDED_DB_NAME = "qingshou"


def _embedded_database_url() -> str:
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset, which is normal in containers and CI.
    warnings.filterwarnings("ignore", module="platformdirs")
    import pgserver  # imported lazily: only needed when no server is configured

    EMBEDDED_DATA_DIR.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None keeps the server running after this process exits, so the next command is fast.
    server = pgserver.get_server(EMBEDDED_DATA_DIR, cleanup_mode=None)
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{EMBEDDED_DB_NAME}';")
    if "(1 row)" not in exists:
        server.psql(f"CREATE DATABASE {EMBEDDED_DB_NAME};")
    return server.get_uri(EMBEDDED_DB_NAME)


def database_config() -> dict:
    url = os.environ.get("DATABASE_URL") or _embedded_database_url()
    config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    config["ENGINE"] = "django_tenants.postgresql_backend"
    return config
