"""The record, an analysis report and the explore report of a small rerun, in Chromium."""

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("name", ["record", "analysis", "explore"])
def test_the_page_loads_offline_without_errors(chromium, pages, name):
    shown = chromium.open(pages[name])
    assert shown.problems() == []  # console errors, other hosts, images, links
    assert shown.page.evaluate("document.images.length") > 0


@pytest.mark.parametrize("name", ["record", "analysis", "explore"])
def test_the_page_fits_a_phone(chromium, pages, name):
    assert chromium.open(pages[name], width=390).horizontal_overflow() == 0


def test_the_analysis_report_leads_with_the_answer(chromium, pages):
    shown = chromium.open(pages["analysis"], width=1280, height=800)
    verdict = shown.top(".postlab-headline .verdict")
    assert verdict is not None and verdict < 800
    assert shown.top("text=Next step:") < 800
    first_image = shown.page.evaluate(
        "() => document.images[0].getBoundingClientRect().bottom + window.scrollY"
    )
    assert first_image < 800
    text = shown.page.inner_text("body")
    assert "postlab result for" not in text and "Check the data: Check the data" not in text
    for internal in ("p adjusted", "P(better)", "delta (Welch t)", "ci_low", "numerator per post"):
        assert internal not in text
    assert shown.page.locator("details").count() >= 1


def test_the_record_is_one_self_contained_page_for_a_meeting(chromium, pages):
    html = pages["record"].read_text(encoding="utf-8")
    assert "href=" not in html  # nothing that breaks when the page is e-mailed alone
    shown = chromium.open(pages["record"])
    assert shown.page.locator("section.experiment").count() == 1
    assert shown.top("text=How the accounts are doing") is not None
    assert "nan" not in shown.page.inner_text("body").split()
    shown.page.emulate_media(media="print")
    breaks = shown.page.evaluate(
        "() => Array.from(document.querySelectorAll('section.experiment'))"
        ".map(s => getComputedStyle(s).breakBefore)"
    )
    assert breaks == ["page"]  # one experiment per printed page...
    shown.page.set_viewport_size({"width": 680, "height": 1000})  # A4 within 15 mm margins
    heights = shown.page.evaluate(
        "() => Array.from(document.querySelectorAll('section.experiment'))"
        ".map(s => s.getBoundingClientRect().height)"
    )
    assert max(heights) < 1000  # ...that it fits on


@pytest.mark.parametrize("name", ["explore", "analysis"])
def test_every_table_is_fully_visible_at_1280_px(chromium, pages, name):
    shown = chromium.open(pages[name], width=1280)
    clipped = shown.page.evaluate(
        "() => Array.from(document.querySelectorAll('table'))"
        ".filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth"
        " || t.parentElement.scrollWidth > t.parentElement.clientWidth)"
        ".map(t => t.innerText.slice(0, 40))"
    )
    assert clipped == []
    if name == "explore":
        assert shown.top("text=Best times to post") is not None
