"""The documentation site: it builds with --strict, opens offline, and cannot drift."""

import os
import re
import subprocess
import sys

import pytest
from demo_copy import ROOT

from postlab import browser
from postlab.experiment.reference import experiment_schema, schema_markdown

pytestmark = pytest.mark.slow
PAGES = ("index.html", "team/record.html", "analyst/experiment-file.html", "reference/api.html")


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    out = tmp_path_factory.mktemp("site")
    built = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},  # no notice of the theme's future
    )
    assert built.returncode == 0, built.stdout + built.stderr
    assert "WARNING" not in built.stderr, built.stderr
    return out


def test_the_experiment_file_reference_is_the_schema(site):
    page = (site / "analyst" / "experiment-file.html").read_text(encoding="utf-8")
    for field in experiment_schema()["properties"]:
        assert f"<code>{field}</code>" in page
    assert "<!-- experiment-schema -->" not in page


def test_the_reference_names_every_field_and_kind():
    text = schema_markdown()
    assert "| `arms.control` | yes |" in text or "| `arms.control` | yes" in text
    assert "### `kind: text`" in text and "| `patterns` |" in text
    assert "With `analysis: fixed`, `planned_posts`, `mde` are required too." in text


@pytest.mark.skipif(browser.unavailable() is not None, reason=f"{browser.unavailable()}")
def test_the_site_opens_offline_with_no_request_to_another_host(site):
    with browser.chromium() as chromium:
        for name in PAGES:
            shown = chromium.open(site / name)
            assert shown.problems() == [], name
            assert chromium.open(site / name, width=390).horizontal_overflow() == 0, name
    fetched = [
        (path.name, address)
        for path in site.rglob("*.html")
        for address in re.findall(r"(?:src|href)=\"(https?://[^\"]+)\"", path.read_text())
        if not address.startswith(("https://github.com", "https://squidfunk", "https://www.mkdocs"))
    ]
    scripts = [
        address
        for path in site.rglob("*.html")
        for address in re.findall(r"<script[^>]+src=\"(https?:[^\"]+)\"", path.read_text())
    ]
    assert scripts == [] and all("fonts.g" not in a for _, a in fetched)


def test_the_readme_is_short_and_its_links_lead_somewhere():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 200
    for target in re.findall(r"\]\(([^)#]+)\)", readme):
        if not target.startswith("http"):
            assert (ROOT / target).exists(), target
