"""A task queued from firm alpha runs in alpha's schema on a real worker, over the machine's Redis."""

import os
import subprocess
import sys
import uuid
from datetime import timedelta

import pytest
import redis
from django.conf import settings
from django.utils import timezone
from django_tenants.utils import schema_context
from tenant_schemas_celery.app import CeleryApp

from accounts.models import Invitation, User
from tenants.models import Firm
from tests.support import ROOT, session_database_url

REDIS_URL = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/15"


@pytest.fixture
def committed_invitations(django_db_setup, django_db_blocker):
    """Rows the worker process can see: committed, and removed again afterwards."""
    expired = timezone.now() - timedelta(days=45)
    created = []
    with django_db_blocker.unblock():
        for slug in ("alpha", "beta"):
            schema = Firm.objects.get(slug=slug).schema_name
            with schema_context(schema):
                partner = User.objects.get(email=f"partner@{slug}.test")
                Invitation.objects.create(email=f"stale@{slug}.test", role="lawyer", token_hash=uuid.uuid4().hex,
                                          invited_by=partner, expires_at=expired)
            created.append(schema)
        yield
        for schema in created:
            with schema_context(schema):
                Invitation.objects.filter(email__startswith="stale@").delete()


@pytest.fixture
def worker_queue():
    redis.Redis.from_url(REDIS_URL).ping()  # fails loudly when the machine's Redis is not there
    queue = f"test-{uuid.uuid4().hex[:8]}"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": session_database_url(),
        "REDIS_URL": REDIS_URL,
    }
    worker = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "config", "worker", "--pool=solo", "-Q", queue,
         "--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=WARNING"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        yield queue
    finally:
        worker.terminate()
        worker.wait(timeout=30)


@pytest.mark.real_clock  # the worker is another process, on the real clock
def test_task_queued_from_alpha_reads_alpha_not_beta(committed_invitations, worker_queue, django_db_blocker):
    client_app = CeleryApp("test-client", broker=REDIS_URL, backend=REDIS_URL)
    with django_db_blocker.unblock():
        alpha_schema = Firm.objects.get(slug="alpha").schema_name
        with schema_context(alpha_schema):
            result = client_app.send_task("accounts.tasks.purge_expired_invitations", queue=worker_queue)
        assert result.get(timeout=90) == ["stale@alpha.test"]
        with schema_context(Firm.objects.get(slug="beta").schema_name):
            assert Invitation.objects.filter(email="stale@beta.test").exists()
        with schema_context(alpha_schema):
            assert not Invitation.objects.filter(email="stale@alpha.test").exists()


@pytest.mark.django_db
def test_beat_sends_firm_tasks_to_real_firms_only():
    from config.beat import FirmScheduler

    schemas = set(FirmScheduler.get_queryset().values_list("schema_name", flat=True))
    assert {"alpha", "beta"} <= schemas
    assert "public" not in schemas
    assert settings.TENANT_BASE_SCHEMA not in schemas
    assert "purge-expired-invitations" in settings.CELERY_BEAT_SCHEDULE
