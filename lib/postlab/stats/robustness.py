"""Does one viral post drive the result? Leave each post out in turn, all at once.

Every "without post i" estimate comes from the arm's sums (delta.leave_one_out),
so checking a thousand posts costs one vectorised t-test, not a thousand fits.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from postlab.stats.delta import Moments, delta_test, leave_one_out

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
    full = delta_test(treatment.moments(), control.moments(), alpha)
    parts = []
    if treatment.n > 2:
        parts.append(
            (
                delta_test(leave_one_out(treatment.x, treatment.y), control.moments(), alpha),
                treatment,
            )
        )
    if control.n > 2:
        parts.append(
            (delta_test(treatment.moments(), leave_one_out(control.x, control.y), alpha), control)
        )
    if not parts:
        return None, None
    rel = np.concatenate([np.broadcast_to(e.rel_effect, arm.n) for e, arm in parts])
    p = np.concatenate([np.broadcast_to(e.p_value, arm.n) for e, arm in parts])
    ids = np.concatenate([arm.post_ids for _, arm in parts])
    arm_of = np.concatenate([np.full(arm.n, arm.name, dtype=object) for _, arm in parts])
    significant = full.p_value < alpha
    flips = (p < alpha) != significant
    move = np.abs(rel - full.rel_effect)
    moves = move > max(MOVE_SHARE * abs(full.rel_effect), MOVE_FLOOR)
    flagged = np.flatnonzero(flips | moves)
    if flagged.size == 0:
        return None, None
    i = flagged[np.argmax(move[flagged])]
    what = (
        f"makes the difference {'no longer ' if significant else ''}significant"
        if flips[i]
        else f"moves the change from {_pct(full.rel_effect)} to {_pct(rel[i])}"
    )
    return str(
        ids[i]
    ), f"Leaving out post {ids[i]} ({arm_of[i]}) alone {what} (checked by the delta method)."


def _pct(value: float) -> str:
    return f"{round(100 * float(value)):+d} %"
