"""The README stays true: every command and flag is documented, every --help has an example."""

from __future__ import annotations

import re

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text()
COMMANDS = sorted(cli.commands)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_is_in_the_readme(name):
    assert f"pipeline {name}" in README


@pytest.mark.parametrize("name", COMMANDS)
def test_every_help_shows_an_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert re.search(r"Examples?:", result.output), result.output


@pytest.mark.parametrize(
    "flag",
    sorted({opt for command in cli.commands.values() for param in command.params
            if isinstance(param, click.Option) and not param.hidden for opt in param.opts
            if opt.startswith("--") and opt != "--help"}),
)
def test_every_flag_is_in_the_readme(flag):
    assert f"`{flag}" in README or f" {flag}" in README, flag


def test_the_ci_script_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "uv run pytest" in README and "\nuv run pytest\n" in ci
