"""The command line: discovery, help and the one-line error contract."""

import subprocess
import sys

import pytest

from postlab import cli
from postlab.exceptions import ExportError, PostlabError


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit):
        cli.main(["--help"])
    out = capsys.readouterr().out
    for module in cli._command_modules():
        assert module.__name__.rsplit(".", 1)[-1] in out


def test_no_command_prints_help_and_fails(capsys):
    assert cli.main([]) == 2
    assert "usage: postlab" in capsys.readouterr().out


def test_error_names_file_line_and_field():
    error = ExportError("not a date", path="x.csv", line=7, field="time")
    assert str(error) == "x.csv line 7: time: not a date"
    assert str(PostlabError("plain")) == "plain"


def test_import_postlab_is_cheap():
    heavy = "('pandas', 'scipy', 'statsmodels', 'matplotlib')"
    code = f"import sys, postlab; print(sorted(m for m in {heavy} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_parser_imports_no_command_stack():
    """--help answers at once: building the parser loads no analysis, notebook or schema library."""
    heavy = "('pandas', 'numpy', 'scipy', 'matplotlib', 'jsonschema', 'nbformat', 'dask')"
    code = (
        "import sys, postlab.cli; postlab.cli.build_parser(); "
        f"print(sorted(m for m in {heavy} if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _commands(parser):
    """Every command and action (label suggest) with its parser."""
    import argparse

    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield name, sub
                yield from ((f"{name} {n}", s) for n, s in _commands(sub))


def test_every_command_has_a_description_with_examples_and_team_where_it_reads_a_workspace():
    commands = dict(_commands(cli.build_parser()))
    assert {"label suggest", "label curve", "compare", "summary"} <= set(commands)
    for name, parser in commands.items():
        assert "examples:" in (parser.description or ""), name
        options = {o for a in parser._actions for o in a.option_strings}
        assert ("--team" in options) is (name not in ("init", "notebooks")), name


def test_the_program_exits_at_once_yet_runs_exit_handlers_and_keeps_the_code(tmp_path):
    """``postlab`` skips the interpreter's teardown, not what an exit must do."""
    program = (
        "import atexit, sys\n"
        "atexit.register(lambda: print('exit handler ran'))\n"
        "sys.argv = ['postlab', 'check']\n"
        "from postlab.cli import run\n"
        "run()\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and done.stderr.startswith("postlab: error:")
    assert done.stdout.strip().endswith("exit handler ran")


def test_a_closed_pipe_is_no_error():
    """``postlab | head``: the reader left early; no traceback, the command's own code."""
    program = subprocess.Popen(
        [sys.executable, "-m", "postlab"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    program.stdout.close()
    assert program.wait(timeout=60) == 2
    assert b"Traceback" not in program.stderr.read()
    program.stderr.close()


def test_version_is_read_only_when_asked_for(capsys):
    with pytest.raises(SystemExit) as ended:
        cli.main(["--version"])
    assert ended.value.code == 0
    assert capsys.readouterr().out.strip() == f"postlab {cli.postlab.__version__}"
    done = subprocess.run(
        [sys.executable, "-c", "import sys, postlab; print('importlib.metadata' in sys.modules)"],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.stdout.strip() == "False"  # 0.04 s that every kernel and command saves
