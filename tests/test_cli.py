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
