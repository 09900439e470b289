"""Does one viral post drive the result? Leave each post out in turn, all at once.

Every "without post i" estimate comes from the arm's sums (delta.leave_one_out),
so checking a thousand posts costs one vectorised t-test, not a thousand fits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from postlab import display
from postlab.stats.delta import Moments, leave_one_out, two_sided_p, welch_t

MOVE_SHARE = 0.5  # "moves the effect by more than half"
MOVE_FLOOR = 0.01  # ...and by at least one percentage point, so A/A noise around 0 is not flagged


@dataclass(frozen=True)
class ArmPosts:
    """One arm's usable posts for one metric."""

    name: str
    x: np.ndarray
    y: np.ndarray
    post_ids: np.ndarray
    excluded: int

    @property
    def n(self) -> int:
        return self.x.size

    def moments(self) -> Moments:
        return Moments.of(self.x, self.y)


def single_post_check(
    treatment: ArmPosts, control: ArmPosts, alpha: float
) -> tuple[str | None, str | None]:
    """The post whose removal flips significance or moves the effect most, with a sentence."""
    mt, mc = treatment.moments(), control.moments()
    full_rel, (full_significant,) = _effect_and_significance(mt, mc, alpha)
    parts = []
    if treatment.n > 2:
        parts.append(
            (
                _effect_and_significance(leave_one_out(treatment.x, treatment.y), mc, alpha),
                treatment,
            )
        )
    if control.n > 2:
        parts.append(
            (_effect_and_significance(mt, leave_one_out(control.x, control.y), alpha), control)
        )
    if not parts:
        return None, None
    rel = np.concatenate([np.broadcast_to(r, arm.n) for (r, _), arm in parts])
    significant = np.concatenate([np.broadcast_to(q, arm.n) for (_, q), arm in parts])
    ids = np.concatenate([arm.post_ids for _, arm in parts])
    owner = np.concatenate([np.full(arm.n, k) for k, (_, arm) in enumerate(parts)])
    flips = significant != full_significant
    with np.errstate(invalid="ignore"):
        move = np.abs(rel - full_rel)
    moves = move > max(MOVE_SHARE * abs(full_rel), MOVE_FLOOR)
    flagged = np.flatnonzero(flips | moves)
    if flagged.size == 0:
        return None, None
    i = flagged[np.argmax(move[flagged])]
    if flips[i]:
        what = f"makes the difference {'no longer ' if full_significant else ''}significant"
    elif not np.isfinite(rel[i]):
        what = "leaves an arm with nothing to measure, so the change cannot be estimated"
    else:
        what = (
            f"moves the change from {display.whole_percent(full_rel)} "
            f"to {display.whole_percent(rel[i])}"
        )
    post_id, arm = str(ids[i]), parts[owner[i]][1].name
    return (
        post_id,
        f"Leaving out post {post_id} ({arm}) alone {what} (checked by the delta method).",
    )


def _effect_and_significance(treatment: Moments, control: Moments, alpha: float):
    """Relative effect and whether p < alpha; exact p-values only where the t is near the cut-off."""
    t, _, df = welch_t(treatment, control)
    t, df = np.abs(np.atleast_1d(t)), np.broadcast_to(df, np.shape(np.atleast_1d(t)))
    cut_low, cut_high = stats.t.ppf(1 - alpha / 2, [df.max(), df.min()])
    significant = t > cut_high
    unsure = (t > cut_low) & ~significant
    significant[unsure] = two_sided_p(t[unsure], df[unsure]) < alpha
    with np.errstate(divide="ignore", invalid="ignore"):
        return treatment.ratio / control.ratio - 1, significant
