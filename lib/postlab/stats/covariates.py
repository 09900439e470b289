"""Covariate adjustment: take out what weekday, time of day and account explain.

Weekday and hour block are the posts' own local ones (``postlab.posts.time``),
the same the balance table shows; a table without them gets them from the
default settings.

Posts are not all alike: a Friday-evening post on a big account does better
whatever its style. Each post's metric is linearised (delta method) so that
its arm mean is the arm's ratio, then regressed on arm and centred covariates
with statsmodels OLS and HC3 errors, robust at the post level. With history,
the account's rate before the experiment is a CUPED-style covariate.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from scipy import stats

from postlab.config import Settings
from postlab.exceptions import AnalysisError
from postlab.posts.time import UNKNOWN_TIME, add_local_columns
from postlab.stats.delta import Estimate
from postlab.stats.metrics import Metric

STANDARD = ("weekday", "hour_block", "account", "pre_rate")


@dataclass(frozen=True)
class Adjusted:
    estimates: dict[str, Estimate]
    used: list[str]
    dropped: list[str]

    @property
    def description(self) -> str:
        names = ", ".join(n.replace("_", " ") for n in self.used) or "nothing"
        return f"regression adjusted for {names} (OLS, HC3)"


def covariate_names(covariates, posts: pd.DataFrame, history: pd.DataFrame | None) -> list[str]:
    """True means every standard covariate the data can support."""
    if covariates is True:
        names = ["weekday", "hour_block", "account"]
        return names + (["pre_rate"] if history is not None else [])
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


def adjusted_tests(
    posts: pd.DataFrame,
    arms: pd.Series,
    control: str,
    treatments: list[str],
    metric: Metric,
    names: list[str],
    *,
    history: pd.DataFrame | None = None,
    alpha: float = 0.05,
) -> Adjusted:
    """Regression-adjusted effect of each treatment arm on the metric (usable posts only)."""
    x, y, usable = metric.per_post(posts)
    arm = arms.to_numpy(dtype=object)[usable]
    x, y = x[usable], y[usable]
    frame = posts.loc[usable]
    z = _linearised(x, y, arm)
    dummies = np.column_stack([(arm == t).astype(float) for t in treatments])
    design, used, dropped = _design(frame, names, metric, history, dummies)
    from statsmodels.regression.linear_model import OLS  # costs every kernel 0.4 s if eager

    fit = OLS(z, design).fit(cov_type="HC3", use_t=True)
    q = stats.t.ppf(1 - alpha / 2, fit.df_resid)
    estimates = {t: _effect(fit, 1 + i, q) for i, t in enumerate(treatments)}
    return Adjusted(estimates, used, dropped)


def _linearised(x, y, arm) -> np.ndarray:
    """z = R_a + (x - R_a y) / mean_y(a): its mean over an arm is the arm's ratio."""
    z = np.empty_like(x)
    for name in pd.unique(arm):  # one pass per arm, vectorised within
        inside = arm == name
        mean_y = y[inside].mean()
        ratio = x[inside].sum() / y[inside].sum()
        z[inside] = ratio + (x[inside] - ratio * y[inside]) / mean_y
    return z


def _design(frame, names, metric, history, dummies):
    """Intercept, arm dummies and centred covariates; covariates that only repeat the arms are dropped."""
    columns = [np.ones(len(frame)), *dummies.T]
    used, dropped = [], []
    for name in names:
        block = _covariate(frame, name, metric, history)
        block = block[:, block.std(axis=0) > 0]
        if block.shape[1] == 0:
            dropped.append(name)
            continue
        trial = np.column_stack([*columns, *(block - block.mean(axis=0)).T])
        if np.linalg.matrix_rank(trial) < trial.shape[1]:
            dropped.append(name)
            continue
        columns = list(trial.T)
        used.append(name)
    return np.column_stack(columns), used, dropped


def _covariate(frame: pd.DataFrame, name: str, metric: Metric, history) -> np.ndarray:
    if name == "pre_rate":
        return _pre_rate(frame, metric, history)[:, None]
    if name in ("weekday", "hour_block") and name not in frame.columns:
        frame = add_local_columns(frame, Settings())
    if name in ("weekday", "hour_block"):
        labels = frame[name].astype("string").fillna(UNKNOWN_TIME).to_numpy(dtype=object)
        return pd.get_dummies(labels, drop_first=True).to_numpy(dtype=float)
    column = frame[name]
    if pd.api.types.is_numeric_dtype(column) and name != "account":
        values = pd.to_numeric(column).to_numpy(dtype=float, na_value=np.nan)
        return np.nan_to_num(values, nan=np.nanmean(values))[:, None]
    labels = column.astype("string").fillna("(none)").to_numpy(dtype=object)
    return pd.get_dummies(labels, drop_first=True).to_numpy(dtype=float)


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


def _effect(fit, index: int, q: float) -> Estimate:
    """Treatment coefficient b over the control mean a (intercept): log((a+b)/a) by the delta method."""
    a, b = fit.params[0], fit.params[index]
    cov = fit.cov_params()[np.ix_([0, index], [0, index])]
    se_b = np.sqrt(cov[1, 1])
    grad = np.array([1 / (a + b) - 1 / a, 1 / (a + b)])
    log_ratio = np.log((a + b) / a)
    log_se = np.sqrt(grad @ cov @ grad)
    ratio = (a + b) / a
    return Estimate(
        abs_effect=b,
        abs_ci=(b - q * se_b, b + q * se_b),
        rel_effect=ratio - 1,
        rel_ci=(np.exp(log_ratio - q * log_se) - 1, np.exp(log_ratio + q * log_se) - 1),
        p_value=fit.pvalues[index],
        statistic=fit.tvalues[index],
        df=fit.df_resid,
    )
