"""Connections come from a bounded pool, and a pooled connection never carries one firm's schema to another."""

import os
import threading
import time
from collections import Counter
from http.client import HTTPConnection

import pytest
from django.db import connection, connections
from rest_framework.authtoken.models import Token

from accounts.services import token_for
from config.database import pool_options
from tests.support import in_own_connection, web_server

pytestmark = pytest.mark.django_db

SERVER_POOL_SIZE = 4
SERVER_APPLICATION_NAME = "qingshou-load-test"


def test_settings_use_a_bounded_pool_and_hand_connections_back():
    db = connection.settings_dict
    assert db["CONN_MAX_AGE"] == 0
    assert db["OPTIONS"]["pool"]["max_size"] == 10


def test_pool_size_comes_from_the_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", "3")
    assert pool_options()["max_size"] == 3
    assert pool_options()["min_size"] == 2
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", "1")
    assert pool_options()["min_size"] == 1


@pytest.fixture
def pool_of_one():
    """A second database alias whose pool holds exactly one connection, so every checkout reuses it."""
    settings_dict = {**connection.settings_dict}
    settings_dict["OPTIONS"] = {**settings_dict["OPTIONS"],
                                "pool": {**settings_dict["OPTIONS"]["pool"], "min_size": 1, "max_size": 1}}
    wrapper = connections["default"].__class__(settings_dict, alias="pool_of_one")
    yield wrapper
    wrapper.close()
    wrapper.close_pool()


def _serve(wrapper, tenant) -> tuple[int, str, list[str]]:
    """What one request for `tenant` does with the database: set the firm, query, hand the connection back."""
    wrapper.set_tenant(tenant)
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid(), current_schema()")
        pid, schema = cursor.fetchone()
        cursor.execute("SELECT email FROM accounts_user ORDER BY email")
        emails = [row[0] for row in cursor.fetchall()]
    wrapper.close()
    return pid, schema, emails


def test_a_pooled_connection_reused_by_another_firm_reads_that_firm(alpha, beta, pool_of_one):
    alpha_pid, alpha_schema, alpha_emails = _serve(pool_of_one, alpha.firm)
    beta_pid, beta_schema, beta_emails = _serve(pool_of_one, beta.firm)
    assert beta_pid == alpha_pid  # the same server connection, handed back and taken again
    assert (alpha_schema, beta_schema) == ("alpha", "beta")
    assert alpha.partner.email in alpha_emails
    assert beta.partner.email in beta_emails and alpha.partner.email not in beta_emails


def test_a_connection_handed_back_to_the_pool_is_in_no_firm_schema(alpha, pool_of_one):
    pid, schema, _emails = _serve(pool_of_one, alpha.firm)
    assert schema == "alpha"
    # Straight from the pool, before django-tenants sets anything: the server's default path again.
    raw = pool_of_one.pool.getconn()
    try:
        assert raw.info.backend_pid == pid
        assert raw.execute("SHOW search_path").fetchone()[0] == '"$user", public'
    finally:
        pool_of_one.pool.putconn(raw)


@pytest.fixture
def committed_token(alpha):
    """A token the web server process can see: committed, and removed again afterwards."""
    schema = alpha.firm.schema_name
    key = in_own_connection(schema, lambda: token_for(alpha.lawyer))
    yield key
    in_own_connection(schema, lambda: Token.objects.filter(key=key).delete())


def _server_connections() -> int:
    with connection.cursor() as cursor:
        # The test runs inside a transaction, which would otherwise see the view as it was at its first read.
        cursor.execute("SELECT pg_stat_clear_snapshot()")
        cursor.execute("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                       "AND application_name = %s", [SERVER_APPLICATION_NAME])
        return cursor.fetchone()[0]


def test_a_burst_of_requests_gets_no_error_and_a_bounded_number_of_connections(alpha, committed_token,
                                                                                monkeypatch):
    # The server reads both from its environment: a small pool, and a name for its connections.
    monkeypatch.setenv("DATABASE_POOL_MAX_SIZE", str(SERVER_POOL_SIZE))
    monkeypatch.setenv("PGAPPNAME", SERVER_APPLICATION_NAME)
    paths = ["/api/v1/me/", "/api/v1/matters/", "/api/v1/clients/"]
    headers = {"Host": alpha.host, "Authorization": f"Token {committed_token}"}
    statuses: Counter = Counter()
    lock = threading.Lock()

    with web_server() as port:
        def fire(count):
            # Kept alive like a browser's connection: the server's thread for it lives on between requests.
            http = HTTPConnection("127.0.0.1", port, timeout=60)
            try:
                for n in range(count):
                    http.request("GET", paths[n % len(paths)], headers=headers)
                    response = http.getresponse()
                    response.read()
                    with lock:
                        statuses[response.status] += 1
            finally:
                http.close()

        counts = [300 // 8 + (1 if i < 300 % 8 else 0) for i in range(8)]
        threads = [threading.Thread(target=fire, args=(count,)) for count in counts]
        for thread in threads:
            thread.start()
        most = 0
        while any(thread.is_alive() for thread in threads):
            most = max(most, _server_connections())
            time.sleep(0.02)
        for thread in threads:
            thread.join()
        after = _server_connections()

    assert statuses == Counter({200: 300})
    assert 0 < most <= SERVER_POOL_SIZE
    assert after <= SERVER_POOL_SIZE


def test_a_forked_child_opens_its_own_connections_and_leaves_the_parents_alone():
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        parent_pid = cursor.fetchone()[0]
        cursor.execute("SELECT array_agg(pid) FROM pg_stat_activity")
        sessions_before = set(cursor.fetchone()[0])  # the parent's pooled connections among them
    read_end, write_end = os.pipe()
    child = os.fork()
    if child == 0:  # the child: one query through its own pool, its answer down the pipe
        status = 1
        try:
            connection.connection = None  # as django-tenants' executor does before it forks
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                os.write(write_end, str(cursor.fetchone()[0]).encode())
            status = 0
        finally:
            os._exit(status)
    os.close(write_end)
    _pid, status = os.waitpid(child, 0)
    child_pid = int(os.read(read_end, 64) or 0)
    os.close(read_end)
    assert os.waitstatus_to_exitcode(status) == 0
    assert child_pid and child_pid not in sessions_before
    with connection.cursor() as cursor:  # the parent's session still answers its own queries
        cursor.execute("SELECT pg_backend_pid(), 41 + 1")
        assert cursor.fetchone() == (parent_pid, 42)
