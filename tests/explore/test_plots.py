"""Each figure is drawn from its table: one panel per platform, the expected marks on it."""

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.figure import Figure

from postlab import explore
from postlab.explore import plots


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_weekly_and_over_time_figures_draw_a_line_per_account(history, london):
    weekly = plots.weekly_figure(explore.weekly_activity(history, settings=london))
    over_time = plots.over_time_figure(explore.rate_over_time(history, settings=london))
    for fig in (weekly, over_time):
        assert isinstance(fig, Figure)
        facebook, x = fig.axes
        assert [ax.get_title(loc="left") for ax in fig.axes] == ["Facebook", "X"]
        assert len(facebook.get_lines()) == 1 and len(x.get_lines()) == 2
        assert [t.get_text() for t in x.get_legend().get_texts()] == ["A", "B"]
    assert weekly.axes[1].get_lines()[0].get_ydata().sum() == 300
    colours = plots.account_colours(["B", "A", "C"])
    assert over_time.axes[1].get_lines()[1].get_color() == colours["B"]
    assert tuple(weekly.get_size_inches()) == (plots.WIDTH, pytest.approx(0.6 + 2 * 2.2))
    assert weekly.dpi == plots.DPI


def test_rate_by_figure_has_one_interval_per_value(history):
    table = explore.rate_by(history, "tone")
    fig = plots.rate_by_figure(table, "tone")
    assert len(fig.axes) == 2
    for ax in fig.axes:
        labels = [t.get_text() for t in ax.get_yticklabels()]
        assert labels[0].startswith("humorous (") and labels[1].startswith("serious (")
        assert len(ax.containers) == 2  # one errorbar per value
    x = fig.axes[1]
    point = x.containers[0].lines[0].get_xdata()[0]
    assert point == pytest.approx(table.loc[2, "rate"])


def test_grid_figure_greys_thin_cells_and_writes_the_posts_in_each(history, london):
    grid = explore.weekday_hour_grid(history, min_posts=5, settings=london)
    fig = plots.grid_figure(grid)
    assert len(fig.axes) == 4  # a heatmap and its colour bar per platform
    heat = fig.axes[1]  # the heatmaps come first, then their colour bars
    image = heat.get_images()[0]
    cells = grid[grid["platform"] == "x"].sort_values(["weekday", "hour"])
    masked = np.ma.getmaskarray(image.get_array()).ravel()
    assert masked.tolist() == (~cells["enough"]).tolist()
    written = sorted(int(t.get_text()) for t in heat.texts)
    assert written == sorted(cells.loc[cells["posts"] > 0, "posts"].tolist())
    assert image.get_cmap().get_bad() == pytest.approx((217 / 255, 217 / 255, 217 / 255, 1.0))


def test_accounts_figure_puts_accounts_side_by_side(history):
    table = explore.account_comparison(history)
    fig = plots.accounts_figure(table)
    assert len(fig.axes) == 4  # rate and posts per week, per platform
    rate_x, week_x = fig.axes[2], fig.axes[3]
    assert len(rate_x.containers) == 2
    assert [p.get_width() for p in week_x.patches] == pytest.approx(
        table.loc[table["platform"] == "x", "posts_per_week"].tolist()
    )
    assert fig.axes[1].get_xlim() == fig.axes[3].get_xlim()  # posts per week on one scale


def test_one_facebook_post_says_too_few_posts_and_draws_no_impossible_scale(history, london):
    one = history[history["platform"] == "facebook"].head(1)
    posts = pd.concat([history[history["platform"] == "x"], one])
    grid = plots.grid_figure(explore.weekday_hour_grid(posts, min_posts=10, settings=london))
    facebook = grid.axes[0]
    assert "too few posts" in " ".join(t.get_text() for t in facebook.texts)
    colourbars = [ax for ax in grid.axes if ax.get_label() == "<colorbar>"]
    assert len(colourbars) == 1  # X's only
    low, _ = colourbars[0].get_ylim()
    assert low >= 0  # a rate is never negative
    weekly = plots.weekly_figure(explore.weekly_activity(posts, settings=london))
    (line,) = weekly.axes[0].get_lines()
    assert line.get_marker() == "o"  # one week: a point, not an invisible line
