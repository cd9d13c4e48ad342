"""Settings are declared once; the docs and the example file follow them."""

from __future__ import annotations

from pathlib import Path

import pytest

from analyzer.config import SETTINGS, load_config, render_docs
from analyzer.errors import ConfigError

ROOT = Path(__file__).resolve().parents[1]


def test_configuration_docs_match_the_settings_table():
    assert (ROOT / "docs" / "configuration.md").read_text(encoding="utf-8") == render_docs()


def test_example_config_loads_and_uses_only_known_keys():
    config = load_config(ROOT / "analyzer.example.toml", env={})
    assert config.lists[0]["name"] == "chapter-delegates"


def test_every_setting_has_help():
    assert all(s.help for s in SETTINGS)


def test_unknown_key_is_an_error_that_names_it(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("[store]\npaht = 'x'\n")
    with pytest.raises(ConfigError, match=r"store\.paht"):
        load_config(path, env={})


def test_environment_overrides_file(tmp_path):
    path = tmp_path / "a.toml"
    path.write_text("[fetch]\nretries = 2\n")
    config = load_config(path, env={"ANALYZER_FETCH_RETRIES": "7"})
    assert config.get("fetch", "retries") == 7


def test_bad_type_names_the_key(tmp_path):
    with pytest.raises(ConfigError, match="ANALYZER_FETCH_RETRIES"):
        load_config(None, env={"ANALYZER_FETCH_RETRIES": "many"})
