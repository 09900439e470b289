"""Less noise per post: the typical-post effect and regression adjustment.

Two effects answer "does the treatment do better?":

- ``ratio-of-sums`` (the default): the arm's total engagements over its total
  impressions. A few viral posts dominate it, so it is noisy (post-to-post
  coefficient of variation about 1.2 on the real X exports).
- ``typical-post``: the change in the typical post's rate, the mean of
  log(rate + c) per arm, reported as exp(difference) - 1 ("the typical post's
  like rate is 20 % higher": a ratio of geometric means). Zeros are handled
  explicitly by the offset c, the 10th percentile of the positive per-post
  rates of the posts analysed (both arms pooled, so blind to the arms): a post
  with no likes sits just below the lowest tenth of the posts that had some,
  not at minus infinity. Posts with no impressions have no rate and are left
  out. On the real X exports its spread is about 0.7 on the log scale, so it
  needs about a third of the posts.

Regression adjustment (CUPED/CUPAC, Deng et al. 2013) takes out what was
known before posting: account, weekday, hour block, media, link, length
band, reply, and the account's recent level (the mean of the same per-post
value over its previous ``RECENT_POSTS`` posts). Each post's value (the
delta-method linearised value for ratio-of-sums, whose arm mean is the arm's
ratio; log(rate + c) for typical-post) is regressed on arm dummies and
centred covariates by OLS with HC3 errors (statsmodels' numbers, ``ols_hc3``). Strata (e.g. a
schedule's blocks, or account and team in a force-wide experiment) enter as
fixed effects the same way, so ``analyse`` is the one entry point for "these
posts, stratified by these columns". A covariate measured before posting
cannot be moved by the arm, so adjustment keeps the estimate unbiased in a
randomised design; in a team's own (observational) comparison it also
removes the differences in these columns between the arms.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from scipy import special

from postlab.config import Settings
from postlab.exceptions import AnalysisError
from postlab.posts.time import UNKNOWN_TIME, add_local_columns
from postlab.stats.delta import Estimate, sample_kurtosis, t_quantile
from postlab.stats.metrics import Metric
from postlab.words import share as percent_share

EFFECTS = ("ratio-of-sums", "typical-post")
DEFAULT_EFFECT = "ratio-of-sums"
OFFSET_QUANTILE = 0.1  # c: this quantile of the positive per-post rates
RECENT_POSTS = 20  # the account's recent level: mean over its previous posts
# what each standard covariate reads; absent columns are skipped by ``default_covariates``
COLUMNS = {
    "weekday": "published_at",
    "hour_block": "published_at",
    "account": "account",
    "media": "has_media",
    "link": "has_link",
    "length_band": "length_band",
    "reply": "is_reply",
    "recent_level": "published_at",
}
STANDARD = (*COLUMNS, "pre_rate")


def effect_words(effect: str, label: str) -> str:
    """What an effect means, in the words a report uses."""
    if effect == "typical-post":
        return (
            f"change in the typical post's {label} (geometric mean of each post's {label}, "
            "zeros kept by a small offset)"
        )
    return f"change in the arm's overall {label} (total over total: viral posts weigh most)"


def check_effect(effect: str) -> str:
    if effect not in EFFECTS:
        raise AnalysisError(
            f"unknown effect {effect!r}: use {' or '.join(EFFECTS)}", field="effect"
        )
    return effect


@dataclass(frozen=True)
class Fit:
    """One treatment's effect on the log scale and in the metric's units, with standard errors."""

    log_effect: float
    log_se: float
    abs_effect: float
    abs_se: float
    df: float
    unadjusted_se: float  # the log effect's standard error with the arms alone

    @property
    def variance_reduction(self) -> float:
        """Share of the estimate's variance the covariates took out (0 without them)."""
        if not (self.unadjusted_se > 0 and np.isfinite(self.log_se)):
            return 0.0
        return float(1 - (self.log_se / self.unadjusted_se) ** 2)

    @property
    def z(self) -> float:
        return self.log_effect / self.log_se if self.log_se > 0 else np.nan

    def t_p_value(self) -> float:
        return float(2 * special.stdtr(self.df, -abs(self.z)))

    def estimate(self, multiplier: float, p_value: float | None) -> Estimate:
        """Interval estimate ± multiplier × se on the log scale (None: the interval is the test)."""
        log_half = multiplier * self.log_se
        with np.errstate(over="ignore"):  # an early look's interval may be open: inf
            low, high = np.expm1(self.log_effect - log_half), np.expm1(self.log_effect + log_half)
        return Estimate(
            abs_effect=self.abs_effect,
            abs_ci=(
                self.abs_effect - multiplier * self.abs_se,
                self.abs_effect + multiplier * self.abs_se,
            ),
            rel_effect=float(np.expm1(self.log_effect)),
            rel_ci=(float(low), float(high)),
            p_value=p_value,
            statistic=self.z,
            df=self.df,
        )


@dataclass(frozen=True)
class Analysis:
    """Every treatment's ``Fit``, the covariates used and dropped, and the offset c."""

    fits: dict[str, Fit]
    used: list[str]
    dropped: list[str]
    effect: str
    offset: float | None
    posts: int
    unhelpful: list[str] = field(default_factory=list)  # screened out: predicted nothing

    @property
    def variance_reduction(self) -> float:
        shares = [f.variance_reduction for f in self.fits.values()]
        return float(np.mean(shares)) if shares else 0.0

    @property
    def description(self) -> str:
        kind = "typical post, log(rate + c)" if self.effect == "typical-post" else "ratio of sums"
        if not self.used:
            tried = ", ".join(n.replace("_", " ") for n in self.unhelpful)
            unadjusted = f"; not adjusted ({tried} predicted nothing)" if tried else ""
            return f"{kind}; OLS, HC3{unadjusted}"
        names = ", ".join(n.replace("_", " ") for n in self.used)
        share = self.variance_reduction
        change = (
            f"{percent_share(share)} less variance"
            if share >= 0
            else (f"{percent_share(-share)} more variance")
        )
        return f"{kind}; regression adjusted for {names} (OLS, HC3; {change})"

    def tests(self, alpha: float) -> dict[str, Estimate]:
        """Fixed-sample t intervals and p-values."""
        return {
            name: fit.estimate(float(t_quantile(1 - alpha / 2, fit.df)), fit.t_p_value())
            for name, fit in self.fits.items()
        }


def default_covariates(posts: pd.DataFrame) -> list[str]:
    """The standard covariates this posts table can support (pre_rate, which the recent
    level supersedes, only when asked for)."""
    return [n for n, column in COLUMNS.items() if column in posts.columns]


def covariate_names(covariates, posts: pd.DataFrame, history: pd.DataFrame | None) -> list[str]:
    """True means every standard covariate the data can support (then screened: ``analyse``)."""
    if covariates is True:
        return default_covariates(posts)
    names = [covariates] if isinstance(covariates, str) else list(covariates)
    for name in names:
        if name == "pre_rate" and history is None:
            raise AnalysisError("covariate pre_rate needs history= (posts before the experiment)")
        if name not in STANDARD and name not in posts.columns:
            raise AnalysisError(
                f"unknown covariate {name!r}: use {', '.join(STANDARD)} or a column of the posts table",
                field="covariates",
            )
    return names


def analyse(
    posts: pd.DataFrame,
    arms: pd.Series | str,
    control: str,
    treatments: list[str],
    metric: Metric,
    *,
    effect: str = DEFAULT_EFFECT,
    covariates=(),
    strata=(),
    history: pd.DataFrame | None = None,
    offset: float | None = None,
    screen: bool = False,
    blocks: dict | None = None,
) -> Analysis:
    """Each treatment's effect against control, adjusted for ``covariates``, stratified by ``strata``.

    ``arms`` is a column name or a Series aligned with ``posts``; ``strata``
    are column names whose every combination is its own block (fixed
    effects). ``offset`` fixes c for the typical-post effect (None: from these
    posts). ``screen`` keeps a covariate only if it predicts the posts' values
    within their arms better than without it, left-one-out (PRESS): a
    covariate that explains nothing only costs degrees of freedom and, with
    HC3 on heavy tails, widens the interval. The screen never sees the
    difference between the arms, so it cannot pick covariates that favour one.
    ``blocks`` are the covariates' columns for every row of ``posts``
    (``covariate_blocks``), when the caller analyses many subsets of them.
    """
    check_effect(effect)
    arm_labels = posts[arms] if isinstance(arms, str) else arms
    x, y, usable = metric.per_post(posts)
    if effect == "typical-post" and metric.denominator is not None:
        usable = usable & (y > 0)
    arm = arm_labels.astype("string").to_numpy(dtype=object, na_value=None)
    usable = usable & pd.notna(arm)
    frame = posts.loc[usable]
    arm, x, y = arm[usable], x[usable], y[usable]
    if effect == "typical-post":
        c = _offset(x, y) if offset is None else float(offset)
        values = np.log(x / y + c)
    else:
        c, values = None, _linearised(x, y, arm)
    dummies = np.column_stack([(arm == t).astype(float) for t in treatments])
    names = list(covariates) + [s for s in strata if s not in covariates]
    within = _within_arms(values, arm) if screen else None
    if blocks is None:
        blocks = covariate_blocks(frame, names, metric, history)
    else:
        blocks = {name: blocks[name][usable] for name in names}
    design, used, dropped = _design(blocks, dummies, within)
    unhelpful = [n for n in names if n not in used and n not in dropped]
    bare = np.column_stack([np.ones(len(frame)), dummies])
    fits = {
        t: _fit(values, design, bare, 1 + i, effect, c, arm == control)
        for i, t in enumerate(treatments)
    }
    return Analysis(fits, used, dropped, effect, c, int(len(frame)), unhelpful)


def predicted_share(
    posts: pd.DataFrame, metric: Metric, names: list[str], effect: str, offset: float | None
) -> float:
    """Share of the posts' variance the covariates predict left-one-out (PRESS), after screening.

    Read from past posts (no arms), it is what adjustment can be expected to
    take off an experiment's variance.
    """
    x, y, usable = metric.per_post(posts)
    usable = usable & (y > 0)
    frame, x, y = posts.loc[usable], x[usable], y[usable]
    if len(frame) < 10:
        return 0.0
    one = np.full(len(frame), "all", dtype=object)
    values = np.log(x / y + offset) if effect == "typical-post" else _linearised(x, y, one)
    within = values - values.mean()
    blocks = covariate_blocks(frame, names, metric)
    design, used, _ = _design(blocks, np.zeros((len(frame), 0)), within)
    if not used:
        return 0.0
    baseline = _press(within, [np.ones(len(frame))])
    return float(max(0.0, 1 - _press(within, list(design.T)) / baseline))


def _offset(x: np.ndarray, y: np.ndarray) -> float:
    rates = x / y
    positive = rates[rates > 0]
    if positive.size == 0:
        raise AnalysisError(
            "the typical-post effect needs some posts with a positive rate; every post has zero",
            field="effect",
        )
    return float(np.quantile(positive, OFFSET_QUANTILE))


def _linearised(x, y, arm) -> np.ndarray:
    """z = R_a + (x - R_a y) / mean_y(a): its mean over an arm is the arm's ratio."""
    z = np.empty_like(x)
    for name in pd.unique(arm):  # one pass per arm, vectorised within
        inside = arm == name
        mean_y = y[inside].mean()
        ratio = x[inside].sum() / y[inside].sum()
        z[inside] = ratio + (x[inside] - ratio * y[inside]) / mean_y
    return z


def ols_hc3(values: np.ndarray, design: np.ndarray):
    """Coefficients, HC3 covariance and residual df of an OLS fit.

    The same numbers as statsmodels' ``OLS(values, design).fit(cov_type="HC3")``
    (a test checks it), from the small cross-product matrix: a group-sequential
    analysis refits at every weekly look, and an n x p decomposition (statsmodels'
    pseudo-inverse, or a QR) made that the slowest step of a rerun.
    """
    inverse = np.linalg.pinv(design.T @ design)
    params = inverse @ (design.T @ values)
    residuals = values - design @ params
    leverage = np.einsum("ij,jk,ik->i", design, inverse, design)
    with np.errstate(divide="ignore", invalid="ignore"):
        scaled = design * (residuals / (1 - np.minimum(leverage, 1 - 1e-12)))[:, None]
    middle = scaled.T @ scaled
    return params, inverse @ middle @ inverse, design.shape[0] - design.shape[1]


def _fit(values, design, bare, index, effect, c, in_control) -> Fit:
    with np.errstate(all="ignore"):
        params, cov_all, df = ols_hc3(values, design)
        plain, plain_cov, _ = ols_hc3(values, bare)
    a, b = params[0], params[index]
    cov = cov_all[np.ix_([0, index], [0, index])]
    if effect == "typical-post":
        log_effect, log_se = b, np.sqrt(cov[1, 1])
        unadjusted = np.sqrt(plain_cov[index, index])
        typical = float(np.exp(values[in_control].mean()) - c) if in_control.any() else np.nan
        level = typical + c  # the control's typical rate (geometric mean) plus c
        return Fit(
            float(log_effect),
            float(log_se),
            float(level * np.expm1(log_effect)),
            float(level * np.exp(log_effect) * log_se),
            float(df),
            float(unadjusted),
        )
    arms = bare.shape[1]
    cov = cov * _tail_factor(values - design @ params, arms)
    plain_cov = plain_cov * _tail_factor(values - bare @ plain, arms)
    log_effect, log_se = _log_ratio(a, b, cov)
    _, unadjusted = _log_ratio(plain[0], plain[index], plain_cov[np.ix_([0, index], [0, index])])
    return Fit(
        float(log_effect),
        float(log_se),
        float(b),
        float(np.sqrt(cov[1, 1])),
        float(df),
        float(unadjusted),
    )


def _tail_factor(residuals: np.ndarray, arms: int) -> float:
    """1 + sqrt((kurtosis - 1) / posts per arm): the variance at its upper one-standard-error bound.

    The ratio of sums' per-post values are heavy-tailed (a few viral posts),
    and a young experiment's variance then looks too small: resampled real X
    posts gave 7.7 % A/A false positives at 400 posts per arm without it. The
    same correction as the confidence sequence's (``postlab.stats.sequential``);
    it vanishes as posts accumulate.
    """
    kurtosis = sample_kurtosis(residuals, fisher=False) if residuals.size > 3 else 3.0
    if not np.isfinite(kurtosis):
        return 1.0
    return 1 + float(np.sqrt(max(kurtosis - 1, 0.0) / (residuals.size / arms)))


def _log_ratio(a, b, cov) -> tuple[float, float]:
    """log((a + b) / a) and its delta-method standard error."""
    with np.errstate(all="ignore"):
        grad = np.array([1 / (a + b) - 1 / a, 1 / (a + b)])
        return float(np.log((a + b) / a)), float(np.sqrt(grad @ cov @ grad))


def _within_arms(values: np.ndarray, arm: np.ndarray) -> np.ndarray:
    out = values.astype(float).copy()
    for name in pd.unique(arm):
        inside = arm == name
        out[inside] -= values[inside].mean()
    return out


def _press(values: np.ndarray, columns: list[np.ndarray]) -> float:
    """Leave-one-out squared prediction error of an OLS fit (e_i / (1 - h_i))."""
    design = np.column_stack(columns)
    inverse = np.linalg.pinv(design.T @ design)
    residuals = values - design @ (inverse @ (design.T @ values))
    leverage = np.einsum("ij,jk,ik->i", design, inverse, design)
    with np.errstate(divide="ignore", invalid="ignore"):
        return float(np.sum((residuals / (1 - np.minimum(leverage, 1 - 1e-9))) ** 2))


def _design(blocks: dict, dummies, within=None):
    """Intercept, arm dummies and centred covariates; covariates that only repeat the arms are dropped.

    With ``within`` (the values less their arm's mean), a covariate that does
    not lower their leave-one-out error is left out too.
    """
    rows = len(dummies)
    columns = [np.ones(rows), *dummies.T]
    used, dropped = [], []
    screened = [np.ones(rows)]
    for name, block in blocks.items():
        block = block[:, block.std(axis=0) > 0]
        if block.shape[1] == 0:
            dropped.append(name)
            continue
        trial = np.column_stack([*columns, *(block - block.mean(axis=0)).T])
        if trial.shape[1] >= trial.shape[0] - 1 or _rank(trial) < trial.shape[1]:
            dropped.append(name)
            continue
        centred = list((block - block.mean(axis=0)).T)
        if within is not None and _press(within, screened + centred) >= _press(within, screened):
            continue
        screened += centred
        columns = list(trial.T)
        used.append(name)
    return np.column_stack(columns), used, dropped


def _rank(design: np.ndarray) -> int:
    """The design's column rank, from its small cross-product (n x p SVDs were the slow part)."""
    scale = np.sqrt((design * design).sum(axis=0))
    unit = design / np.where(scale > 0, scale, 1)
    return int(np.linalg.matrix_rank(unit.T @ unit, tol=1e-10))


def covariate_blocks(posts: pd.DataFrame, names, metric: Metric, history=None) -> dict:
    """Each covariate's columns for every row of ``posts``: computed once, sliced per look."""
    return {name: _covariate(posts, name, metric, history) for name in names}


def _covariate(frame: pd.DataFrame, name: str, metric: Metric, history) -> np.ndarray:
    if name == "pre_rate":
        return _pre_rate(frame, metric, history)[:, None]
    if name == "recent_level":
        return _recent_level(frame, metric, history)[:, None]
    if name in ("weekday", "hour_block") and name not in frame.columns:
        frame = add_local_columns(frame, Settings())
    if name in ("weekday", "hour_block"):
        labels = frame[name].astype("string").fillna(UNKNOWN_TIME).to_numpy(dtype=object)
        return pd.get_dummies(labels, drop_first=True).to_numpy(dtype=float)
    column = frame[COLUMNS.get(name, name)] if name != "account" else frame["account"]
    if pd.api.types.is_numeric_dtype(column) and not pd.api.types.is_bool_dtype(column):
        values = pd.to_numeric(column).to_numpy(dtype=float, na_value=np.nan)
        if np.isnan(values).all():
            return np.zeros((len(frame), 0))
        return np.nan_to_num(values, nan=np.nanmean(values))[:, None]
    labels = column.astype("string").fillna("(none)").to_numpy(dtype=object)
    return pd.get_dummies(labels, drop_first=True).to_numpy(dtype=float)


def _recent_level(frame: pd.DataFrame, metric: Metric, history) -> np.ndarray:
    """Each post's account's metric over its previous ``RECENT_POSTS`` posts (total over total).

    Only posts published before it count (history and the experiment's own
    posts of both arms), so the post's own arm cannot move it, and a post's
    level is the same at every look that contains it. Posts with no earlier
    post get the overall level.
    """
    earlier = frame if history is None else pd.concat([history, frame])
    x, y, usable = metric.per_post(earlier)
    table = pd.DataFrame(
        {
            "account": earlier["account"].astype("string").fillna("").to_numpy(dtype=object),
            "at": pd.to_datetime(earlier["published_at"], utc=True).to_numpy(),
            "x": np.where(usable, x, 0.0),
            "y": np.where(usable, y, 0.0),
            "row": np.arange(len(earlier)),
        }
    ).sort_values(["account", "at"], kind="stable")
    sums = table.groupby("account", sort=False)[["x", "y"]]
    trailing = sums.transform(lambda v: v.shift(1).rolling(RECENT_POSTS, min_periods=1).sum())
    with np.errstate(divide="ignore", invalid="ignore"):
        level = (trailing["x"] / trailing["y"]).to_numpy()
    by_row = np.empty(len(earlier))
    by_row[table["row"].to_numpy()] = level
    mine = by_row[len(earlier) - len(frame) :]
    overall = table["x"].sum() / table["y"].sum() if table["y"].sum() > 0 else 0.0
    return np.where(np.isfinite(mine), mine, overall)


def _pre_rate(frame: pd.DataFrame, metric: Metric, history: pd.DataFrame) -> np.ndarray:
    """The account's metric before the experiment; accounts without history get the overall rate."""
    hx, hy, usable = metric.per_post(history)
    accounts = history["account"].astype("string").to_numpy(dtype=object)[usable]
    sums = (
        pd.DataFrame({"x": hx[usable], "y": hy[usable], "account": accounts})
        .groupby("account")[["x", "y"]]
        .sum()
    )
    overall = hx[usable].sum() / hy[usable].sum() if usable.any() else 0.0
    rates = sums["x"] / sums["y"]
    mapped = frame["account"].astype("string").map(rates).astype("Float64")
    return np.nan_to_num(mapped.to_numpy(dtype=float, na_value=np.nan), nan=overall)
