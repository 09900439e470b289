"""The stored notebooks are executed, parameterised properly and clean to diff.

nbval passes a notebook without outputs without checking anything, so these
tests make sure there is something for it to check.
"""

import re
from pathlib import Path

import nbformat
import pytest

from postlab.project import PAGE_NOTEBOOK

ROOT = Path(__file__).resolve().parents[2]
# the workbench page's notebook is rendered live by Voilà, never stored with outputs
NOTEBOOKS = [p for p in sorted((ROOT / "notebooks").glob("*.ipynb")) if p != ROOT / PAGE_NOTEBOOK]
ABSOLUTE_PATH = re.compile(r"(?<![\w.])(/tmp/|/home/|/root/|/work/|/Users/|[A-Za-z]:\\\\)")


def test_the_four_notebooks_exist():
    assert {p.stem for p in NOTEBOOKS} >= {
        "analyse_experiment",
        "plan_experiment",
        "explore_engagement",
        "improve_record",
    }


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_code_cell_was_executed_and_the_notebook_has_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    code = [c for c in notebook.cells if c.cell_type == "code"]
    assert all(c.execution_count is not None for c in code), "run `make notebooks`"
    with_output = [c for c in code if c.outputs]
    assert len(with_output) >= 3, "a stored notebook must carry outputs for nbval to compare"
    assert not any(o.output_type == "error" for c in code for o in c.outputs)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_exactly_one_parameters_cell(path):
    notebook = nbformat.read(path, as_version=4)
    tagged = [c for c in notebook.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    assert not [c for c in notebook.cells if "injected-parameters" in c.metadata.get("tags", [])]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_help_notebook_lists_typed_documented_parameters(path):
    notebook = nbformat.read(path, as_version=4)
    source = next(c.source for c in notebook.cells if "parameters" in c.metadata.get("tags", []))
    names = [
        line.split(":")[0] for line in source.splitlines() if line and not line.startswith("#")
    ]
    from click.testing import CliRunner
    from papermill.cli import papermill

    # papermill's own command, in this process (a process each costs seconds of imports)
    run = CliRunner().invoke(papermill, ["--help-notebook", str(path)])
    assert run.exit_code == 0, run.output
    shown = run.output
    lines = shown.splitlines()
    for name in names:
        at = next((i for i, ln in enumerate(lines) if ln.strip().startswith(f"{name}:")), None)
        assert at is not None, f"{name} missing from papermill --help-notebook"
        typed = re.match(rf"\s*{name}: \w+ \(default .*?\)\s*(.*)", lines[at])
        assert typed, f"no type annotation: {lines[at]}"
        # papermill puts the help comment beside a short signature, below a long one
        help_text = typed.group(1).strip() or (lines[at + 1].strip() if at + 1 < len(lines) else "")
        assert help_text and "Add description" not in help_text, f"no help comment for {name}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.stem)
def test_no_run_metadata_or_absolute_paths(path):
    notebook = nbformat.read(path, as_version=4)
    assert "papermill" not in notebook.metadata
    for cell in notebook.cells:
        assert "papermill" not in cell.metadata and "execution" not in cell.metadata
    text = path.read_text(encoding="utf-8")
    text = re.sub(r'"image/png": "[^"]*"', "", text)
    assert not ABSOLUTE_PATH.search(text)
