"""Points a benchmark at its own scratch database, so that it never touches the development data."""

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DB = "qingshou_bench"


def use_scratch_database() -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import dj_database_url
    import psycopg

    from config.database import database_config

    base = database_config()
    params = {"host": base["HOST"] or base.get("OPTIONS", {}).get("host"), "port": base["PORT"] or None,
              "user": base["USER"], "password": base["PASSWORD"] or None, "dbname": base["NAME"]}
    with psycopg.connect(**{k: v for k, v in params.items() if v}, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {BENCH_DB} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {BENCH_DB}")
    host = params["host"]
    if host and host.startswith("/"):
        url = f"postgresql://{params['user']}:@/{BENCH_DB}?host={host}"
    else:
        url = f"postgresql://{params['user']}:{params['password'] or ''}@{host}:{params['port'] or 5432}/{BENCH_DB}"
    dj_database_url.parse(url)  # fail early on a malformed URL
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("LOG_LEVEL", "WARNING")

    import django

    django.setup()


def drop_scratch_database() -> None:
    from django.db import connections

    connections.close_all()
