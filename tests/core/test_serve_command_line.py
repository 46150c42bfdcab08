"""`grogrund serve` runs gunicorn with workers from the CPU count (or WEB_CONCURRENCY), on
PORT when a platform sets it, one request at a time per worker unless threads are asked for,
and graceful timeouts."""

from grogrund.core.management.commands import serve


def test_workers_are_twice_the_cores_plus_one_unless_web_concurrency_says(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr(serve.os, "cpu_count", lambda: 2)
    assert serve.default_workers() == 5
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert serve.default_workers() == 3


def test_it_listens_on_this_machine_unless_a_platform_sets_port(monkeypatch):
    monkeypatch.delenv("PORT", raising=False)
    assert serve.default_bind() == "127.0.0.1:8000"
    monkeypatch.setenv("PORT", "8080")
    assert serve.default_bind() == "0.0.0.0:8080"


def test_one_thread_is_gunicorns_sync_worker_and_more_are_its_threaded_worker(monkeypatch):
    monkeypatch.delenv("GROGRUND_THREADS", raising=False)
    assert serve.DEFAULT_THREADS == 1
    one = serve.gunicorn_argv(bind="127.0.0.1:9000", workers=5, threads=1)
    assert dict(zip(one[4::2], one[5::2], strict=False))["--worker-class"] == "sync"
    assert serve.worker_class(2) == "gthread"


def test_the_gunicorn_command_line_names_the_app_workers_threads_and_timeouts():
    argv = serve.gunicorn_argv(bind="127.0.0.1:9000", workers=5, threads=4, timeout=60)
    assert argv[1:4] == ["-m", "gunicorn", "grogrund.wsgi:application"]
    options = dict(zip(argv[4::2], argv[5::2], strict=False))
    assert options["--bind"] == "127.0.0.1:9000"
    assert options["--workers"] == "5"
    assert options["--worker-class"] == "gthread"
    assert options["--threads"] == "4"
    assert options["--timeout"] == "60"
    assert options["--graceful-timeout"] == "30"
    assert options["--access-logformat"].endswith("%(M)sms")
