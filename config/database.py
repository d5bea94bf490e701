"""Where the database is: DATABASE_URL when set, otherwise an embedded PostgreSQL under .data/.

The embedded server (pgserver) lets `manage.py` work from a plain shell with no setup: the first
command starts it, later ones find it running.

Connections come from psycopg's pool, one pool per process with at most DATABASE_POOL_MAX_SIZE connections.
A server that runs a thread per request (runserver, threaded gunicorn) otherwise keeps one connection per
thread until the garbage collector closes it, and a burst of requests exhausts PostgreSQL's connection limit.
"""

import os
from pathlib import Path

import dj_database_url

from config.env import env_int

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


def reset_pooled_connection(connection) -> None:
    """Called by the pool for each connection handed back: it goes back to the server's default schema.

    django-tenants sets `search_path` on the session and issues it again whenever it takes a connection, so a
    request never runs in the schema of the request that used the connection before. Resetting here as well
    means that code which reaches the raw connection before django-tenants does finds no firm's schema at all.
    """
    connection.execute("RESET search_path")
    if not connection.autocommit:
        connection.commit()


# Pools a forked child inherited from its parent: kept referenced and never used, so that neither a query nor
# the garbage collector in the child touches the parent's sockets.
_INHERITED_POOLS: list = []


def forget_inherited_pools() -> None:
    """Runs in every forked child (django-tenants' multiprocessing migration executor, Celery's prefork pool).

    A psycopg pool is not fork-safe: the child's copy holds the parent's open sockets, and a child that takes
    a connection from it talks over the parent's session, and both read each other's replies ("the last
    operation didn't produce records"). The child drops its copy and opens a pool of its own on first use.
    """
    # Imported here: the settings import this module before Django is set up.
    from django.db.backends.postgresql.base import DatabaseWrapper

    _INHERITED_POOLS.extend(DatabaseWrapper._connection_pools.values())
    DatabaseWrapper._connection_pools.clear()


os.register_at_fork(after_in_child=forget_inherited_pools)


def pool_options() -> dict:
    max_size = env_int("DATABASE_POOL_MAX_SIZE", 10)
    return {
        "min_size": min(2, max_size),
        "max_size": max_size,
        # A request that finds every connection busy waits this long, then fails, rather than queue for ever.
        "timeout": env_int("DATABASE_POOL_TIMEOUT", 30),
        "reset": reset_pooled_connection,
    }


def database_config() -> dict:
    url = os.environ.get("DATABASE_URL") or _embedded_database_url()
    # The pool keeps the connections; Django must close (hand back) its connection after each request.
    config = dj_database_url.parse(url, conn_max_age=0, conn_health_checks=True)
    config["ENGINE"] = "django_tenants.postgresql_backend"
    config.setdefault("OPTIONS", {})["pool"] = pool_options()
    return config
