"""The stored labelling notebook holds no post text, and a rerun never runs it."""

import json
import warnings
from pathlib import Path

import nbformat

from postlab import record as rec
from postlab.loaders import load
from postlab.run.notebooks import strip_run_metadata
from postlab.run.rerun import RerunOptions, plan

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "label_posts.ipynb"


def test_stored_outputs_hold_no_post_text():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        texts = load([ROOT / "data" / "demo"])["text"].dropna()
    stored = NOTEBOOK.read_text(encoding="utf-8")
    outputs = json.dumps([c.get("outputs", []) for c in json.loads(stored)["cells"]])
    assert "LabellingWidget(tone:" in outputs  # the widget was shown, as a line of progress
    leaked = [t for t in texts if t[:40] in stored or json.dumps(t[:40])[1:-1] in stored]
    assert leaked == []


def test_widget_state_is_never_stored(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    notebook.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
    executed = tmp_path / "executed.ipynb"
    nbformat.write(notebook, executed)
    strip_run_metadata(executed, tmp_path / "stored.ipynb")
    assert "widgets" not in nbformat.read(tmp_path / "stored.ipynb", as_version=4).metadata


def test_rerun_does_not_run_the_labelling_notebook():
    planned = plan(RerunOptions(root=str(ROOT)), ROOT, rec.Record())
    notebooks = {p.job.notebook for p in planned if p.job}
    assert notebooks and not any("label_posts" in n for n in notebooks)
