"""Settings come from POLICYKG_* variables; a bad one is one line naming it."""

from __future__ import annotations

import pytest

from policykg.errors import PolicyKGError, SettingsError
from policykg.settings import load_settings


@pytest.mark.parametrize(
    ("env", "field", "expected"),
    [
        ({}, "store", "embedded"),
        ({"POLICYKG_STORE": "neo4j+s://x.databases.neo4j.io"}, "store", "neo4j+s://x.databases.neo4j.io"),
        ({"POLICYKG_API_PORT": "8123"}, "api_port", 8123),
        ({"POLICYKG_HOME": "/data/pk"}, "home", __import__("pathlib").Path("/data/pk")),
    ],
    ids=["default-store", "neo4j-aura", "port", "home"],
)
def test_settings_from_environment(monkeypatch, env, field, expected):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert getattr(load_settings(), field) == expected


@pytest.mark.parametrize(
    ("env", "fragment"),
    [
        ({"POLICYKG_STORE": "postgres://x"}, "POLICYKG_STORE"),
        ({"POLICYKG_API_PORT": "eighty"}, "POLICYKG_API_PORT"),
        ({"POLICYKG_QUERY_TIMEOUT_MS": "0"}, "POLICYKG_QUERY_TIMEOUT_MS"),
    ],
    ids=["unknown-store", "port-not-int", "timeout-zero"],
)
def test_bad_setting_is_one_line_naming_the_variable(monkeypatch, env, fragment):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    with pytest.raises(SettingsError) as caught:
        load_settings()
    assert fragment in caught.value.message
    assert "\n" not in caught.value.message


def test_messages_are_folded_to_one_line():
    assert PolicyKGError("first\n  second").message == "first second"
