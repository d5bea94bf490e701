import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(args, **env):
    full_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "DEBUG")}
    full_env.update(env)
    return subprocess.run([sys.executable, *args], cwd=ROOT, env=full_env, capture_output=True, text=True,
                          timeout=120)


def test_missing_secret_key_outside_debug_stops_with_clear_message():
    result = _run(["manage.py", "check"], DJANGO_SETTINGS_MODULE="config.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.django_db
def test_check_deploy_is_clean_under_production_settings():
    result = _run(
        ["manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        DJANGO_SETTINGS_MODULE="config.settings.production",
        SECRET_KEY="k7#Qp2vX9m!Lr4Tz8Wc1Nb6Yh3Jd5Fg0Sa-eUiOoPlKjHgFdSaZxCvBnM",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    assert "no issues" in result.stdout
