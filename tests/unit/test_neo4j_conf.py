from __future__ import annotations

from c360.local_neo4j.conf import jvm_args, render_conf
from c360.settings import Settings


def _conf(**kw: object) -> dict[str, str]:
    text = render_conf(Settings(_env_file=None, **kw))  # type: ignore[arg-type]
    pairs = (line.split("=", 1) for line in text.splitlines() if line and not line.startswith("#"))
    return {k: v for k, v in pairs}


def test_conf_listens_on_loopback_only() -> None:
    conf = _conf(neo4j_bolt_port=17687, neo4j_http_port=17474)
    assert conf["server.default_listen_address"] == "127.0.0.1"
    assert conf["server.bolt.listen_address"] == "127.0.0.1:17687"
    assert conf["server.http.listen_address"] == "127.0.0.1:17474"
    assert conf["server.https.enabled"] == "false"


def test_conf_turns_auth_on_and_usage_reporting_off() -> None:
    conf = _conf()
    assert conf["dbms.security.auth_enabled"] == "true"
    assert conf["dbms.usage_report.enabled"] == "false"
    assert conf["client.allow_telemetry"] == "false"


def test_memory_is_bounded_by_settings() -> None:
    conf = _conf(neo4j_heap="2g", neo4j_pagecache="1g")
    assert conf["server.memory.heap.max_size"] == "2g"
    assert conf["server.memory.pagecache.size"] == "1g"
    args = jvm_args(Settings(_env_file=None, neo4j_heap="2g"))
    assert "-Xmx2g" in args and "-Xms2g" in args
    assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in args


def test_browser_may_play_guides_served_on_loopback() -> None:
    hosts = _conf()["browser.remote_content_hostname_whitelist"].split(",")
    assert {"localhost", "127.0.0.1"} <= set(hosts)
