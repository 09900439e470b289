"""The explore notebook runs on any export folder, including the real exports (no labels)."""

from pathlib import Path

import nbformat
import papermill
import pytest

from postlab.privacy import scan_paths

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "notebooks" / "explore_engagement.ipynb"
REAL_EXPORTS = Path("/work/shared/real-exports")


def _outputs(path: Path) -> tuple[str, list]:
    notebook = nbformat.read(path, as_version=4)
    outputs = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    text = "\n".join(
        o.get("text", "") + str(o.get("data", {}).get("text/markdown", "")) for o in outputs
    )
    return text, outputs


@pytest.mark.slow
@pytest.mark.skipif(not REAL_EXPORTS.is_dir(), reason="the real exports are not on this machine")
def test_the_notebook_runs_on_the_real_exports_and_skips_the_label_sections(tmp_path):
    output = tmp_path / "explore.ipynb"
    papermill.execute_notebook(
        str(NOTEBOOK),
        str(output),
        parameters={
            "data_dir": str(REAL_EXPORTS),
            "accounts": ["rOpenSci"],
            "platforms": ["x"],
            "period": ["2017-01-01", "2019-12-31"],
        },
        cwd=str(ROOT),
        progress_bar=False,
    )
    text, outputs = _outputs(output)
    assert not [o for o in outputs if o.get("name") == "stderr" or o.output_type == "error"]
    assert "labels: none (no labels.csv in the data folder)" in text
    assert "the sections by tone and format are skipped" in text
    assert "1,092 posts from 1 account (X 1,092), published 3 Jan 2017 to 23 Dec 2019." in text
    assert "No post has a media type." in text  # X exports have none
    figures = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(figures) == 4  # weekly, over time, weekday x hour, accounts
    assert not scan_paths([output])
