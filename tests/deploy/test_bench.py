"""The benchmark's tooling lives in bench/, apart from the site an operator runs."""

import subprocess
import sys

from tests.servers import ROOT, site_env, throwaway_database


def shell(env, script):
    return run(env, "shell", "--no-imports", "-c", script)


def run(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_manage_py_help_lists_no_benchmark_command_with_the_site_settings():
    with throwaway_database("sqlite://") as url:
        listed = run(site_env(url), "help").stdout
    assert "recompute_instants" in listed
    assert not {"bench", "loadbench", "loadtest"} & set(listed.split())


def test_loadbench_builds_the_synthetic_archive_and_refuses_a_real_site():
    # The bench settings keep the site's apps, so the session's migrated copy is their schema.
    with throwaway_database("sqlite://", migrated=True) as url:
        env = site_env(url, DJANGO_SETTINGS_MODULE="bench.settings")
        options = ["--editions", "20", "--hosts", "3", "--agenda-items", "5", "--registrations", "200"]
        built = run(env, "loadbench", *options)
        assert built.returncode == 0, built.stderr
        counted = shell(env, "from events.models import Edition; print(Edition.objects.count())")
        assert counted.stdout.strip() == "20"  # the first eight are over
        # The report's data: registrations of past editions, most approved checked in, some rating.
        script = (
            "from registrations.models import Registration; from attendance.models import Attendance; "
            "from feedback.models import Response; "
            "print(Registration.objects.filter(email__startswith='participant-').count(), "
            "Attendance.objects.exists(), Response.objects.exists())"
        )
        assert shell(env, script).stdout.split() == ["200", "True", "True"]
        again = run(env, "loadbench", "--editions", "10")
        assert again.returncode != 0 and "already has editions" in again.stderr


def test_the_floor_view_exists_only_under_the_bench_settings():
    with throwaway_database("sqlite://") as url:
        script = "from django.urls import resolve; resolve('/bench/floor/'); print('resolved')"
        bench = shell(site_env(url, DJANGO_SETTINGS_MODULE="bench.settings"), script)
        site = shell(site_env(url), script)
    assert bench.stdout.strip() == "resolved", bench.stderr
    assert "Resolver404" in site.stderr
