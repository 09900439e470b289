"""The record, an analysis report and the explore report of a small rerun, in Chromium."""

import re

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
    assert re.findall(r"href='([^#])", html) == []  # nothing breaks when it is e-mailed alone
    assert "<script src" not in html  # its one script is its own
    shown = chromium.open(pages["record"])
    assert shown.page.locator("section.experiment").count() == 1
    assert shown.top("text=How the accounts are doing") is not None
    assert "nan" not in shown.page.inner_text("body").split()


def test_a_phone_shows_every_decision_on_its_first_screen_and_readable_figures(chromium, pages):
    shown = chromium.open(pages["record"], width=390, height=844)
    bottoms = shown.page.evaluate(
        "() => Array.from(document.querySelectorAll('#decisions .decided, #decisions li'))"
        ".map(e => e.getBoundingClientRect().bottom + window.scrollY)"
    )
    assert bottoms and max(bottoms) < 844
    assert shown.top("#decisions") < shown.top("section.accounts")  # decisions before accounts
    # every figure drawn for the width it is shown at: its 11.8 px text never below 11 px
    shrink = shown.page.evaluate(
        "() => Array.from(document.images).map(i => i.naturalWidth / i.clientWidth)"
    )
    assert shrink and max(shrink) <= 11.8 / 11


def test_the_filters_work_offline(chromium, pages):
    shown = chromium.open(pages["record"])
    page = shown.page
    assert page.locator("#filters").is_visible()
    experiments = page.locator("section.experiment")
    page.select_option("select[name=platform]", "facebook")  # an X experiment
    assert experiments.first.is_hidden() and "Showing 0 of 1" in page.inner_text("#shown")
    assert page.locator(".tile:visible").count() == 3  # Facebook's three accounts
    page.click("button[type=reset]")
    page.wait_for_function("document.querySelector('section.experiment').hidden === false")
    page.fill("input[name=to]", "2000-01-01")  # before the experiment began
    page.dispatch_event("input[name=to]", "change")
    assert experiments.first.is_hidden()
    assert shown.problems() == []


def test_printed_the_record_is_a_one_page_summary(chromium, pages, tmp_path):
    shown = chromium.open(pages["record"])
    assert shown.pdf(tmp_path / "brief.pdf") == 1
    shown.page.emulate_media(media="print")
    hidden = shown.page.evaluate(
        "() => ['section.experiment', '#filters', 'section.accounts']"
        ".map(s => getComputedStyle(document.querySelector(s)).display)"
    )
    assert hidden == ["none"] * 3
    assert shown.page.locator("table.glance").is_visible()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("name", ["explore", "analysis"])
def test_every_table_is_fully_visible(chromium, pages, name, width):
    """At 390 px each row is a card of "column: value" lines: change, interval and verdict
    without sideways scrolling."""
    shown = chromium.open(pages[name], width=width)
    clipped = shown.page.evaluate(
        "() => Array.from(document.querySelectorAll('table'))"
        ".filter(t => t.getBoundingClientRect().right > document.documentElement.clientWidth"
        " || t.parentElement.scrollWidth > t.parentElement.clientWidth)"
        ".map(t => t.innerText.slice(0, 40))"
    )
    assert clipped == []
    if name == "explore":
        assert shown.top("text=Best times to post") is not None
