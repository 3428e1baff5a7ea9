"""Deployment files and production settings: compose services, the image, `check --deploy`."""

import os
import secrets
import subprocess
import sys
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
import yaml
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
SERVICES = {"web", "worker", "beat", "postgres", "redis"}


def command_of(service: dict) -> str:
    command = service.get("command", "")
    return " ".join(command) if isinstance(command, list) else command


def healthcheck_of(service: dict) -> str:
    test = service.get("healthcheck", {}).get("test", "")
    return " ".join(test) if isinstance(test, list) else test


def production_env(**overrides: str) -> dict[str, str]:
    """The inherited environment without any Django/test variable, plus `overrides`."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in {"EMAIL_URL", "REQUIRE_SERVICES"}
    }
    env.update(overrides)
    return env


def run_python(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def test_compose_declares_the_five_services(compose):
    assert "version" not in compose
    assert SERVICES <= set(compose["services"])


def test_compose_web_migrates_then_runs_gunicorn(compose):
    command = command_of(compose["services"]["web"])
    assert "migrate --noinput" in command
    assert "gunicorn mentorat.wsgi:application" in command
    assert command.index("migrate") < command.index("gunicorn")


def test_compose_worker_and_beat_run_celery(compose):
    services = compose["services"]
    assert command_of(services["worker"]).split()[:4] == ["celery", "-A", "mentorat", "worker"]
    beat = command_of(services["beat"])
    assert beat.split()[:4] == ["celery", "-A", "mentorat", "beat"]
    assert "django_celery_beat.schedulers:DatabaseScheduler" in beat


def test_compose_backing_services_have_healthchecks(compose):
    services = compose["services"]
    assert services["postgres"]["image"].startswith("postgres:15")
    assert "pg_isready" in healthcheck_of(services["postgres"])
    assert services["redis"]["image"].startswith("redis:7")
    assert "redis-cli ping" in healthcheck_of(services["redis"])
    assert any(
        volume.split(":")[1] == "/var/lib/postgresql/data"
        for volume in services["postgres"]["volumes"]
    )


@pytest.mark.parametrize("name", ["web", "worker", "beat"])
def test_compose_app_services_share_production_config(compose, name):
    service = compose["services"][name]
    env = service["environment"]
    assert env["DJANGO_DEBUG"] == "0"
    assert env["DATABASE_URL"] == "postgres://mentorat:mentorat@postgres:5432/mentorat"
    assert env["REDIS_URL"] == "redis://redis:6379/0"
    assert env["DJANGO_SECRET_KEY"].startswith("${DJANGO_SECRET_KEY:?")
    for backing in ("postgres", "redis"):
        assert service["depends_on"][backing]["condition"] == "service_healthy"


def test_check_deploy_is_clean():
    result = run_python(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env=production_env(
            DJANGO_DEBUG="0",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
            DJANGO_ALLOWED_HOSTS="mentorat.example",
            DJANGO_SETTINGS_MODULE="mentorat.settings",
        ),
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "WARNING" not in output
    assert "no issues" in output


def test_settings_refuse_to_start_without_a_secret_key():
    result = run_python(
        "-c",
        "import django; django.setup()",
        env=production_env(DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="mentorat.settings"),
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_settings_refuse_a_malformed_boolean():
    result = run_python(
        "-c",
        "import django; django.setup()",
        env=production_env(
            DJANGO_DEBUG="maybe",
            DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
            DJANGO_SETTINGS_MODULE="mentorat.settings",
        ),
    )
    assert result.returncode != 0
    assert "DJANGO_DEBUG" in result.stderr
    assert "not a boolean" in result.stderr


def test_dockerfile_builds_a_non_root_gunicorn_image():
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    lines = [line.strip() for line in dockerfile.splitlines()]
    assert lines[next(i for i, line in enumerate(lines) if line.startswith("FROM"))] == (
        "FROM python:3.12-slim-bookworm"
    )
    assert "requirements-runtime.lock" in dockerfile or "requirements.lock" in dockerfile
    assert "pip install -r requirements" in dockerfile
    assert "compile_messages.py" in dockerfile
    assert "collectstatic --noinput" in dockerfile
    users = [line.split()[1] for line in lines if line.startswith("USER ")]
    assert users, "the image must switch to a non-root USER"
    assert users[-1] not in {"root", "0"}
    assert "EXPOSE 8000" in lines
    cmd = next(line for line in reversed(lines) if line.startswith("CMD "))
    assert "gunicorn" in cmd
    assert "mentorat.wsgi:application" in cmd


def lock_pins(path: Path) -> dict[str, str]:
    entries = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            name, version = line.split("==")
            entries[canonicalize_name(name)] = version
    return entries


def runtime_closure() -> set[str]:
    """pyproject's dependencies (plus polib, for the build) and everything they require."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pending = [Requirement(spec) for spec in [*project["dependencies"], "polib"]]
    extras_seen: dict[str, set[str]] = {}
    while pending:
        requirement = pending.pop()
        name = canonicalize_name(requirement.name)
        extras = extras_seen.get(name)
        if extras is not None and set(requirement.extras) <= extras:
            continue
        extras = extras_seen[name] = (extras or set()) | set(requirement.extras)
        for spec in metadata.distribution(name).requires or []:
            dependency = Requirement(spec)
            if dependency.marker is None or any(
                dependency.marker.evaluate({"extra": extra}) for extra in extras | {""}
            ):
                pending.append(dependency)
    return set(extras_seen)


def test_runtime_lock_is_the_runtime_part_of_requirements_lock():
    """Same exact pins as requirements.lock, every runtime dependency, no test or lint tool."""
    full = lock_pins(ROOT / "requirements.lock")
    runtime = lock_pins(ROOT / "requirements-runtime.lock")
    assert {name: full.get(name) for name in runtime} == runtime
    assert runtime_closure() - set(runtime) == set()
    for dev_only in ("pytest", "playwright", "ruff", "hypothesis", "factory-boy", "pyyaml"):
        assert dev_only not in runtime
