"""deploy/: the compose file, the systemd units and the nginx template agree with the app.

Docker is not run here; the compose file is loaded as YAML and its settings are given to
the app's own settings module, which refuses a bad value at start-up. The nginx template
is checked by nginx itself (``nginx -t``); the two-node test serves through it.
"""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from django.conf import settings

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
TEMPLATE = DEPLOY / "nginx" / "lanting.conf.template"
# Read by the app servers' command lines (systemd), not by the app.
BIND_VARIABLES = {"LANTING_BIND_HOST", "LANTING_BIND_PORT", "LANTING_WORKERS"}


def _compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    return loaded


def _interpolate(value: str, given: dict[str, str] | None = None) -> str:
    """What docker compose makes of ``${NAME:-default}`` with only ``given`` set."""
    given = given or {}

    def one(match: re.Match[str]) -> str:
        name, default = match.group(1), match.group(3) or ""
        return given.get(name) or default

    return re.sub(r"\$\{([A-Z_]+)(:-([^}]*))?\}", one, value).replace("$$", "$")


def _read_by_the_app() -> set[str]:
    """Every environment variable the app's code names (env("…"), time_zone("…"), …)."""
    names: set[str] = set()
    pattern = re.compile(r"""["']((?:LANTING|DATABASE|REDIS|SECRET)_[A-Z0-9_]+)["']""")
    for path in (ROOT / "lanting").rglob("*.py"):
        if "tests" not in path.parts:
            names.update(pattern.findall(path.read_text(encoding="utf-8")))
    return names


def _granian_flags(command: str) -> list[str]:
    words = shlex.split(command.replace("\\\n", " "))
    flags = words[words.index("lanting.wsgi:application") + 1 :]
    return [w for w in flags if not w.startswith("$")]


def test_compose_starts_the_app_the_worker_postgresql_redis_and_nginx():
    services = _compose()["services"]
    assert {"app", "worker", "db", "redis", "nginx"} <= set(services)
    assert services["worker"]["command"] == ["lanting", "worker"]
    setup = " ".join(services["setup"]["command"])
    assert "lanting migrate" in setup and "lanting collectstatic" in setup
    for name in ("app", "worker"):
        after = services[name]["depends_on"]
        assert after["setup"]["condition"] == "service_completed_successfully"
        assert after["db"]["condition"] == after["redis"]["condition"] == "service_healthy"
    assert services["nginx"]["depends_on"]["app"]["condition"] == "service_healthy"
    assert "healthcheck" in services["app"]


def test_compose_sets_only_variables_the_app_reads_and_the_app_accepts_them(tmp_path):
    services = _compose()["services"]
    environment: dict[str, str] = services["app"]["environment"]
    assert services["worker"]["environment"] == environment  # one site, one configuration
    unknown = set(environment) - _read_by_the_app()
    assert not unknown, f"compose sets variables the app never reads: {unknown}"
    values = {name: _interpolate(str(value)) for name, value in environment.items()}
    db = services["db"]["environment"]
    password = _interpolate(db["POSTGRES_PASSWORD"])
    assert values["DATABASE_URL"] == (
        f"postgres://{db['POSTGRES_USER']}:{password}@db:5432/{db['POSTGRES_DB']}"
    )
    assert values["REDIS_URL"].startswith("redis://redis:6379/")
    # The settings module, given compose's values (defaults filled in): it starts.
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LANTING_", "DJANGO_"))}
    env.update(values, LANTING_VAR_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="lanting.settings")
    probe = (
        "from django.conf import settings as s; "
        "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], s.LANTING_JOBS,"
        " s.SESSION_COOKIE_SECURE, s.SECURE_PROXY_SSL_HEADER is not None, s.LANTING_SERVE_MEDIA,"
        " ','.join(s.ALLOWED_HOSTS))"
    )
    done = subprocess.run(  # noqa: S603  (our own interpreter)
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.split() == [
        "django.db.backends.postgresql",
        "lanting.pagecache.backends.ReusingRedisCache",
        "redis",
        "True",  # secure cookies: nginx terminates TLS
        "True",  # X-Forwarded-Proto trusted
        "False",  # nginx serves /media/
        "localhost,127.0.0.1",
    ]


def test_compose_gives_nginx_every_value_its_template_needs():
    nginx = _compose()["services"]["nginx"]
    needed = set(re.findall(r"\$\{(LANTING_[A-Z_]+)\}", TEMPLATE.read_text()))
    given = {name for name in nginx["environment"] if name.startswith("LANTING_")}
    assert needed == given
    assert nginx["environment"]["NGINX_ENVSUBST_FILTER"] == "^LANTING_"  # $host stays nginx's
    mounted = {v.split(":")[1] for v in nginx["volumes"]}
    assert "/etc/nginx/templates/lanting.conf.template" in mounted
    static = nginx["environment"]["LANTING_STATIC_ROOT"]
    var = _compose()["services"]["app"]["environment"]["LANTING_VAR_DIR"]
    assert static == f"{var}/static"  # where collectstatic writes (settings.STATIC_ROOT)


def test_the_micro_cache_keeps_no_members_page_and_no_response_that_sets_a_cookie():
    text = "\n".join(line.split("#")[0] for line in TEMPLATE.read_text().splitlines())
    assert "proxy_ignore_headers" not in text  # Set-Cookie and Cache-Control are obeyed
    assert "proxy_cache_valid" not in text  # only what the app says may be kept is kept
    personal = re.search(r"map \$http_cookie \$lanting_personal \{(.*?)\}", text, re.S)
    assert personal and settings.SESSION_COOKIE_NAME in personal.group(1)
    assert "messages" in personal.group(1)
    assert "proxy_cache_bypass $lanting_personal;" in text
    assert "proxy_no_cache $lanting_personal;" in text
    assert "add_header X-Cache-Status $upstream_cache_status always;" in text
    # The app's address for rate limits is the first forwarded one: nginx must set it.
    assert "proxy_set_header X-Forwarded-For $remote_addr;" in text


def test_systemd_and_the_image_run_the_app_server_as_make_serve_does():
    makefile = (ROOT / "Makefile").read_text()
    serve = re.search(r"^serve:.*?\n(?:\t.*\n)+", makefile, re.M)
    assert serve
    make_flags = _granian_flags(serve.group(0).split("$(BIN)/granian")[1])
    unit = (DEPLOY / "systemd" / "lanting.service").read_text()
    exec_start = re.search(r"^ExecStart=(.*?)(?<!\\)\n", unit, re.M | re.S)
    assert exec_start and "/granian --interface wsgi lanting.wsgi:application" in exec_start[1]
    unit_flags = _granian_flags(exec_start[1])
    for flag in ("--blocking-threads", "--no-ws", "--workers", "--host", "--port"):
        assert flag in make_flags and flag in unit_flags, flag
    assert unit_flags[unit_flags.index("--blocking-threads") + 1] == "1"
    worker = (DEPLOY / "systemd" / "lanting-worker.service").read_text()
    assert re.search(r"^ExecStart=\S+/lanting worker$", worker, re.M)
    for text in (unit, worker):
        assert "EnvironmentFile=/etc/lanting/lanting.env" in text
    dockerfile = (DEPLOY / "Dockerfile").read_text()
    cmd = re.search(r"^CMD (\[.*?\])\s*$", dockerfile.replace("\\\n", ""), re.M | re.S)
    assert cmd and "--blocking-threads" in cmd[1] and "lanting.wsgi:application" in cmd[1]


def test_the_example_environment_file_names_only_what_something_reads():
    example = (DEPLOY / "systemd" / "lanting.env.example").read_text()
    names = set(re.findall(r"^([A-Z_]+)=", example, re.M))
    unknown = names - _read_by_the_app() - BIND_VARIABLES
    assert not unknown, unknown
    unit = (DEPLOY / "systemd" / "lanting.service").read_text()
    assert all(f"${{{name}}}" in unit for name in BIND_VARIABLES)


def test_nginx_accepts_the_rendered_template(tmp_path):
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else "")
    openssl = shutil.which("openssl")
    if not nginx or not openssl:
        if os.environ.get("CI"):
            pytest.fail("nginx and openssl are needed: apt-get install nginx openssl")
        pytest.skip("nginx or openssl is missing (apt-get install nginx openssl)")
    subprocess.run(  # noqa: S603  (a throwaway certificate)
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj",
         "/CN=localhost", "-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")],
        check=True, capture_output=True,
    )  # fmt: skip
    values = _compose()["services"]["nginx"]["environment"]
    values.update(
        LANTING_TLS_CERT=str(tmp_path / "cert.pem"),
        LANTING_TLS_KEY=str(tmp_path / "key.pem"),
        LANTING_NGINX_CACHE=str(tmp_path / "cache"),
        LANTING_UPSTREAM="server 127.0.0.1:8000; server 127.0.0.1:8001;",
        LANTING_HTTP_LISTEN="127.0.0.1:8080",
        LANTING_HTTPS_LISTEN="127.0.0.1:8443",
    )
    site = TEMPLATE.read_text()
    for name, value in values.items():
        site = site.replace("${" + name + "}", value)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path / 'nginx.pid'};\nerror_log {tmp_path / 'error.log'};\n"
        f"events {{}}\nhttp {{\n  include /etc/nginx/mime.types;\n"
        f"  include {tmp_path / 'site.conf'};\n}}\n"
    )
    done = subprocess.run(  # noqa: S603  (nginx checks the file and exits)
        [nginx, "-t", "-q", "-c", str(tmp_path / "nginx.conf"), "-p", str(tmp_path)],
        capture_output=True, text=True, timeout=30,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
