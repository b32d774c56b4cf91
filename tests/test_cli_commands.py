"""The policykg command group: every command is listed where it is loaded from, and a command
imports only what it needs (``policykg extract`` neither the graph nor the API)."""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from policykg.cli import COMMAND_MODULES, app
from tests.factories import ROOT, SAMPLES

#: Packages `policykg extract` must not import: the graph and its drivers, the API, the
#: server, the table printer, and the parsers of formats a text file is not.
NOT_FOR_EXTRACT = ("policykg.graph", "policykg.api", "policykg.viz", "fastapi", "uvicorn", "neo4j",
                   "redis", "rich", "pyoxigraph", "rdflib", "pypdf", "lxml")

#: Runs `policykg extract --json FILE` in a fresh interpreter, then prints the modules loaded.
_EXTRACT_THEN_LIST_MODULES = (
    "import sys\n"
    "from policykg.cli import main\n"
    "sys.argv = ['policykg', 'extract', '--json', sys.argv[1]]\n"
    "try:\n"
    "    main()\n"
    "except SystemExit as exit:\n"
    "    assert exit.code == 0, exit.code\n"
    "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def registered_names() -> list[str]:
    """The commands and groups registered on ``app`` once every command module is imported."""
    for module in set(COMMAND_MODULES.values()):
        importlib.import_module(f"policykg.cli.{module}")
    return [info.name for info in (*app.registered_commands, *app.registered_groups)]


def test_every_registered_command_is_listed_once():
    names = registered_names()
    assert len(names) == len(set(names))
    assert sorted(names) == sorted(COMMAND_MODULES)


@pytest.mark.parametrize("name", sorted(COMMAND_MODULES))
def test_each_command_is_registered_by_its_listed_module(name):
    module = importlib.import_module(f"policykg.cli.{COMMAND_MODULES[name]}")
    info = {info.name: info for info in (*app.registered_commands, *app.registered_groups)}[name]
    group = getattr(info, "typer_instance", None)  # `store` is a group of commands
    callback = group.registered_commands[0].callback if group else info.callback
    assert callback.__module__ == module.__name__


def test_help_lists_every_command_in_order():
    result = CliRunner().invoke(app, ["--help"], terminal_width=100)
    assert result.exit_code == 0, result.output
    # A command's row starts right after the border; wrapped help text is indented further.
    rows = [line.split()[1] for line in result.output.splitlines()
            if line.startswith("│ ") and not line.startswith("│  ") and len(line.split()) > 2]
    assert [name for name in rows if name in COMMAND_MODULES] == list(COMMAND_MODULES)


def test_a_mistyped_command_still_gets_suggestions():
    result = CliRunner().invoke(app, ["extrct"])
    assert result.exit_code == 2
    assert "extract" in result.output


def test_extract_imports_neither_the_graph_nor_the_api():
    sample = sorted(SAMPLES.glob("*.txt"))[0]
    run = subprocess.run([sys.executable, "-c", _EXTRACT_THEN_LIST_MODULES, str(sample)],
                         capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert run.returncode == 0, run.stderr[-2000:]
    assert '"schema_version"' in run.stdout
    loaded = run.stderr.split()
    assert "policykg.loaders.pipeline" in loaded
    assert [m for m in loaded if m.startswith(NOT_FOR_EXTRACT)] == []
