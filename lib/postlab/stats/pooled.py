"""Effects per account and a random-effects pooled estimate: does a style work everywhere?

An experiment over several accounts (boroughs) pools all posts into one
comparison; that says nothing about whether the effect holds in each account
or is carried by one. Here each account gets its own comparison, and the
accounts' log ratios are combined by a random-effects meta-analysis: the
true effect may differ between accounts (by tau), so the pooled interval is
wider than a pooled-posts interval, and the **prediction interval** says what
a borough like these can expect.

- tau² by REML (metafor's default, fitted here by Fisher scoring; statsmodels
  has no REML) or Paule-Mandel / DerSimonian-Laird (statsmodels'
  ``combine_effects``);
- tau² truncated at 0, as metafor does (DerSimonian-Laird's moment
  estimate is negative when the accounts agree more than chance allows);
- the Knapp-Hartung adjustment (a t interval on k - 1 degrees of freedom
  with the weighted residual scale) by default, as the normal interval is
  far too narrow with a handful of accounts, with the ad hoc floor of
  metafor's ``test="adhoc"``: the scale is at least 1, so accounts that agree
  closely never make the pooled interval narrower than their own standard
  errors allow (without the floor, three agreeing accounts whose
  normal pooled interval is -0.056 to 0.297 on the log scale got 0.097 to
  0.144);
- I² as metafor computes it, tau²/(tau² + typical within-account variance).
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field

import numpy as np
import pandas as pd
from scipy import stats

from postlab import display
from postlab.exceptions import AnalysisError
from postlab.stats.delta import Moments
from postlab.stats.metrics import metric as resolve_metric
from postlab.stats.result import ConfidenceInterval, _plain

METHODS = ("REML", "PM", "DL")
_STATSMODELS = {"PM": "pm", "DL": "dl"}
_REML_TOLERANCE = 1e-12


@dataclass(frozen=True, repr=False)
class MetaAnalysis:
    """A random-effects combination of ``k`` estimates (on the scale they were given)."""

    estimate: float
    se: float
    ci: tuple[float, float]
    prediction: tuple[float, float]
    tau2: float
    i2: float
    q: float
    q_p_value: float
    k: int
    method: str
    hartung_knapp: bool
    confidence_level: float
    names: tuple[str, ...] = ()
    effects: tuple[float, ...] = ()
    variances: tuple[float, ...] = ()
    weights: tuple[float, ...] = ()

    @property
    def tau(self) -> float:
        return math.sqrt(self.tau2)

    def confidence_interval(self) -> ConfidenceInterval:
        return ConfidenceInterval(*self.ci)

    def prediction_interval(self) -> ConfidenceInterval:
        """Where the true effect of a new study (account) like these is expected to lie."""
        return ConfidenceInterval(*self.prediction)

    def to_dict(self) -> dict:
        return _plain({**asdict(self), "tau": self.tau})

    def __str__(self) -> str:
        level = _level(self)
        adjustment = ", Knapp-Hartung with the ad hoc floor" if self.hartung_knapp else ""
        return "\n".join(
            [
                f"random effects ({self.method}{adjustment}), k = {self.k}",
                f"estimate {self.estimate:.4f} (se {self.se:.4f}), {level} interval "
                f"{self.ci[0]:.4f} to {self.ci[1]:.4f}",
                f"prediction interval {self.prediction[0]:.4f} to {self.prediction[1]:.4f}",
                f"tau² {self.tau2:.4f} (tau {self.tau:.4f}), I² {100 * self.i2:.1f} %, "
                f"Q {self.q:.2f} (p = {self.q_p_value:.3g})",
            ]
        )

    __repr__ = __str__


def random_effects(
    effects,
    variances,
    *,
    method: str = "REML",
    hartung_knapp: bool = True,
    alpha: float = 0.05,
    names=None,
) -> MetaAnalysis:
    """Combine estimates with known sampling ``variances`` allowing their true values to differ."""
    y = np.asarray(effects, dtype=float)
    v = np.asarray(variances, dtype=float)
    if method not in METHODS:
        raise AnalysisError(
            f"unknown method {method!r}; choose one of {', '.join(METHODS)}", field="method"
        )
    if y.shape != v.shape or y.ndim != 1:
        raise AnalysisError("effects and variances must be two lists of the same length")
    if y.size < 2:
        raise AnalysisError(f"need at least 2 estimates to pool, got {y.size}")
    if not (np.all(np.isfinite(y)) and np.all(np.isfinite(v)) and np.all(v > 0)):
        raise AnalysisError("every estimate needs a finite value and a positive variance")
    k = y.size
    tau2 = _tau2(y, v, method)
    w = 1 / (v + tau2)
    mu = float(np.sum(w * y) / np.sum(w))
    se = math.sqrt(1 / np.sum(w))
    if hartung_knapp:
        se *= math.sqrt(max(1.0, float(np.sum(w * (y - mu) ** 2)) / (k - 1)))
        crit = stats.t.ppf(1 - alpha / 2, k - 1)
    else:
        crit = stats.norm.ppf(1 - alpha / 2)
    w_fixed = 1 / v
    fixed = np.sum(w_fixed * y) / np.sum(w_fixed)
    q = float(np.sum(w_fixed * (y - fixed) ** 2))
    # (sum w)^2 - sum w^2 as twice the sum over pairs: all terms positive, so one account
    # that outweighs the rest by 1e20 does not cancel it to 0 (Higgins & Thompson's s^2)
    pairs = 2 * float(np.sum(np.triu(np.outer(w_fixed, w_fixed), 1)))
    typical = (k - 1) * np.sum(w_fixed) / pairs
    spread = math.sqrt(tau2 + se * se)
    return MetaAnalysis(
        estimate=mu,
        se=se,
        ci=(mu - crit * se, mu + crit * se),
        prediction=(mu - crit * spread, mu + crit * spread),
        tau2=tau2,
        i2=float(tau2 / (tau2 + typical)),
        q=q,
        q_p_value=float(stats.chi2.sf(q, k - 1)),
        k=k,
        method=method,
        hartung_knapp=hartung_knapp,
        confidence_level=1 - alpha,
        names=tuple(str(n) for n in names) if names is not None else (),
        effects=tuple(float(e) for e in y),
        variances=tuple(float(e) for e in v),
        weights=tuple(float(e) for e in w / w.sum()),
    )


def _tau2(y: np.ndarray, v: np.ndarray, method: str) -> float:
    """Between-study variance: REML by Fisher scoring, else statsmodels' estimators."""
    if method != "REML":
        from statsmodels.stats.meta_analysis import combine_effects

        with np.errstate(divide="ignore", invalid="ignore"):  # its I² when Q is 0
            return max(0.0, float(combine_effects(y, v, method_re=_STATSMODELS[method]).tau2))
    tau2 = max(0.0, float(np.var(y, ddof=1) - np.mean(v)))
    for _ in range(1000):
        w = 1 / (v + tau2)
        mu = np.sum(w * y) / np.sum(w)
        step = np.sum(w * w * ((y - mu) ** 2 - v - tau2)) + np.sum(w * w) / np.sum(w)
        new = max(0.0, tau2 + step / np.sum(w * w))
        if abs(new - tau2) < _REML_TOLERANCE * (1 + tau2):
            return new
        tau2 = new
    return tau2


@dataclass(frozen=True)
class AccountEffect:
    """One account's own comparison: the relative change with its interval."""

    account: str
    control_n: int
    treatment_n: int
    effect: float
    ci: tuple[float, float]
    log_ratio: float
    log_se: float
    verdict: str

    def confidence_interval(self) -> ConfidenceInterval:
        return ConfidenceInterval(*self.ci)


@dataclass(frozen=True, repr=False)
class ByAccount:
    """Per-account effects and their pooled estimate, in relative terms (+0.2 = 20 % higher)."""

    metric: str
    label: str
    control: str
    treatment: str
    higher_is_better: bool
    accounts: list[AccountEffect]
    pooled: MetaAnalysis | None
    left_out: dict[str, str] = field(default_factory=dict)
    unit: str = "account"  # what each row is, in the sentences (a force's: "borough")

    @property
    def estimate(self) -> float:
        return math.expm1(self.pooled.estimate) if self.pooled else math.nan

    def confidence_interval(self) -> ConfidenceInterval:
        """The pooled relative effect's interval."""
        if self.pooled is None:
            return ConfidenceInterval(math.nan, math.nan)
        return ConfidenceInterval(*(math.expm1(b) for b in self.pooled.ci))

    def prediction_interval(self) -> ConfidenceInterval:
        """The relative effect a borough like these can expect."""
        if self.pooled is None:
            return ConfidenceInterval(math.nan, math.nan)
        return ConfidenceInterval(*(math.expm1(b) for b in self.pooled.prediction))

    def counts(self) -> dict[str, int]:
        """Accounts whose own interval is above zero, below zero, or includes it (better/worse/unclear)."""
        better = worse = 0
        for a in self.accounts:
            low, high = a.ci
            up, down = low > 0, high < 0
            good, bad = (up, down) if self.higher_is_better else (down, up)
            better += bool(good)
            worse += bool(bad)
        return {"better": better, "worse": worse, "unclear": len(self.accounts) - better - worse}

    def consistency(self) -> str:
        """The heterogeneity-aware sentence: "works in 2 of 3 accounts; not everywhere"."""
        k = len(self.accounts)
        c = self.counts()
        if c["better"] == k:
            return f"{_title(self.treatment)} works in all {k} {self.unit}s."
        if c["unclear"] == k:
            return f"No {self.unit} on its own shows a clear difference ({k} of {k} unclear)."
        parts = [f"works in {c['better']} of {k} {self.unit}s"]
        if c["worse"]:
            parts.append(f"does worse in {c['worse']}")
        if c["unclear"]:
            parts.append(f"unclear in {c['unclear']}")
        everywhere = "; not everywhere" if c["better"] else ""
        return f"{_title(self.treatment)} {', '.join(parts)}{everywhere}."

    def prediction_sentence(self) -> str:
        """In a borough like these, expect between -5 % and +40 %."""
        if self.pooled is None:
            return f"Too few {self.unit}s with both arms to say what another borough can expect."
        low, high = self.prediction_interval()
        return (
            f"In a borough like these, expect {self.label} between {display.percent(low)} and {display.percent(high)} "
            f"with {self.treatment} posts against {self.control} ones "
            f"({_level(self.pooled)} prediction interval)."
        )

    def summary(self) -> str:
        """Pooled effect, heterogeneity, prediction and consistency in three sentences."""
        if self.pooled is None:
            return f"{self.consistency()} {self.prediction_sentence()}"
        low, high = self.confidence_interval()
        p = self.pooled
        spread = (
            f"the {self.unit}s agree (no detectable heterogeneity)"
            if p.tau2 < 1e-12
            else f"the {self.unit}s' true effects differ by about ±{display.percent(math.expm1(p.tau), signed=False)} "
            f"(tau; I² {display.number(100 * p.i2)} %)"
        )
        return (
            f"Pooled over {p.k} {self.unit}s, {self.treatment} changed {self.label} by "
            f"{display.percent(self.estimate)} ({_level(p)} interval {display.percent(low)} to "
            f"{display.percent(high)}); {spread}. {self.prediction_sentence()} {self.consistency()}"
        )

    def table(self) -> pd.DataFrame:
        """One row per account and one for the pooled estimate, as text (what the forest plot shows)."""
        rows = [
            {
                self.unit: a.account,
                "posts": f"{a.control_n} / {a.treatment_n}",
                "change": display.percent(a.effect),
                "interval": f"{display.percent(a.ci[0])} to {display.percent(a.ci[1])}",
                "weight": _weight(self.pooled, i),
                "verdict": a.verdict,
            }
            for i, a in enumerate(self.accounts)
        ]
        if self.pooled is not None:
            low, high = self.confidence_interval()
            plow, phigh = self.prediction_interval()
            rows.append(
                {
                    self.unit: "pooled (random effects)",
                    "posts": f"{sum(a.control_n for a in self.accounts)} / "
                    f"{sum(a.treatment_n for a in self.accounts)}",
                    "change": display.percent(self.estimate),
                    "interval": f"{display.percent(low)} to {display.percent(high)}",
                    "weight": "100 %",
                    "verdict": f"prediction {display.percent(plow)} to {display.percent(phigh)}",
                }
            )
        return pd.DataFrame(rows)

    def to_dict(self) -> dict:
        out = {
            "metric": self.metric,
            "control": self.control,
            "treatment": self.treatment,
            "accounts": [asdict(a) for a in self.accounts],
            "left_out": dict(self.left_out),
            "estimate": self.estimate,
            "ci": list(self.confidence_interval()),
            "prediction": list(self.prediction_interval()),
            "pooled_log": self.pooled.to_dict() if self.pooled else None,
            "counts": self.counts(),
            "consistency": self.consistency(),
            "summary": self.summary(),
        }
        return _plain(out)

    def figure(self):
        return forest_plot(self)

    def __str__(self) -> str:
        lines = [
            f"{self.label}: {self.treatment} against {self.control}, by {self.unit}",
            self.table().to_string(index=False),
            self.summary(),
        ]
        lines += [f"left out: {name} ({why})" for name, why in self.left_out.items()]
        return "\n".join(lines)

    __repr__ = __str__


def by_account(
    posts: pd.DataFrame,
    arm: str = "arm",
    control: str | None = None,
    metric: str = "engagement_rate",
    *,
    treatment: str | None = None,
    account: str = "account",
    alpha: float = 0.05,
    estimator: str = "REML",
    hartung_knapp: bool = True,
    min_posts: int = 2,
    unit: str = "account",
    **compare_options,
) -> ByAccount:
    """Each account's comparison (``postlab.stats.compare`` on its posts) and the pooled effect.

    Pooling works on each account's log ratio with its delta-method standard
    error; the interval printed per account is the one ``compare`` gives.
    Accounts where an arm has fewer than ``min_posts`` posts are left out and
    listed with the reason. ``estimator`` is tau²'s (REML, PM or DL);
    ``compare_options`` go to ``compare`` (method, seed, ...).
    """
    from postlab.stats.comparison import compare

    m = resolve_metric(metric)
    if account not in posts.columns:
        raise AnalysisError(f"no column '{account}' naming each post's account", field=account)
    if arm not in posts.columns:
        raise AnalysisError(f"no column '{arm}' with the arm of each post", field=arm)
    arms = posts[arm].astype("string")
    if treatment is None:
        others = sorted(set(arms.dropna()) - {str(control)})
        if not others:
            raise AnalysisError(f"no treatment arm besides '{control}'", field=arm)
        treatment = others[0]
    in_pair = arms.isin([str(control), str(treatment)]).fillna(False).to_numpy()
    pair = posts.loc[in_pair].assign(**{arm: arms[in_pair]})
    x, y, usable = m.per_post(pair)
    effects, left_out = [], {}
    for name, index in pair.groupby(account, sort=True).groups.items():
        rows = pair.index.get_indexer(index)
        sizes = {
            a: int(((pair[arm].to_numpy()[rows] == a) & usable[rows]).sum())
            for a in (control, treatment)
        }
        if min(sizes.values()) < min_posts:
            left_out[str(name)] = ", ".join(f"{a} {n}" for a, n in sizes.items()) + " posts"
            continue
        result = compare(
            pair.loc[index], arm=arm, control=control, metrics=[m], alpha=alpha, **compare_options
        ).result(m.name, treatment)
        log_ratio, log_se = _log_ratio(
            x[rows], y[rows], pair[arm].to_numpy()[rows], control, treatment
        )
        if not (math.isfinite(log_ratio) and math.isfinite(log_se) and log_se > 0):
            left_out[str(name)] = "an arm's rate is zero or does not vary"
            continue
        effects.append(
            AccountEffect(
                account=str(name),
                control_n=result.control_arm.n,
                treatment_n=result.treatment_arm.n,
                effect=result.rel_effect,
                ci=tuple(result.rel_ci),
                log_ratio=log_ratio,
                log_se=log_se,
                verdict=account_verdict(result.rel_ci, m.higher_is_better),
            )
        )
    pooled = (
        random_effects(
            [e.log_ratio for e in effects],
            [e.log_se**2 for e in effects],
            method=estimator,
            hartung_knapp=hartung_knapp,
            alpha=alpha,
            names=[e.account for e in effects],
        )
        if len(effects) >= 2
        else None
    )
    return ByAccount(
        metric=m.name,
        label=m.label,
        control=str(control),
        treatment=str(treatment),
        higher_is_better=m.higher_is_better,
        accounts=effects,
        pooled=pooled,
        left_out=left_out,
        unit=unit,
    )


def _log_ratio(x, y, arms, control, treatment) -> tuple[float, float]:
    """log(R_t/R_c) and its delta-method standard error, the scale pooling works on."""
    keep = ~(np.isnan(x) | np.isnan(y))
    mt = Moments.of(x[keep & (arms == treatment)], y[keep & (arms == treatment)])
    mc = Moments.of(x[keep & (arms == control)], y[keep & (arms == control)])
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = float(np.log(mt.ratio / mc.ratio))
        se = float(np.sqrt(mt.variance / mt.ratio**2 + mc.variance / mc.ratio**2))
    return ratio, se


def account_verdict(ci, higher_is_better: bool) -> str:
    """One account's (or team's) word from its interval: better, worse, unclear or cannot tell."""
    low, high = ci
    if not (math.isfinite(low) and math.isfinite(high)):
        return "cannot tell"
    if low > 0:
        return "better" if higher_is_better else "worse"
    if high < 0:
        return "worse" if higher_is_better else "better"
    return "unclear"


def _weight(pooled: MetaAnalysis | None, i: int) -> str:
    return f"{display.number(100 * pooled.weights[i])} %" if pooled else "-"


def _level(result: MetaAnalysis) -> str:
    return f"{round(100 * result.confidence_level)} %"


def _title(name: str) -> str:
    return name[:1].upper() + name[1:]


def forest_plot(result: ByAccount, ax=None):
    """Each account's change with its interval, the pooled diamond and the prediction interval."""
    import matplotlib.pyplot as plt

    rows = len(result.accounts)
    if ax is None:
        fig, ax = plt.subplots(figsize=(6.5, 1.2 + 0.4 * (rows + 2)), dpi=100)
    else:
        fig = ax.figure
    for i, a in enumerate(result.accounts):
        yy = rows + 1 - i
        ax.plot([100 * a.ci[0], 100 * a.ci[1]], [yy, yy], color="#1f77b4", linewidth=1.5)
        size = 30 + 200 * (result.pooled.weights[i] if result.pooled else 0.5)
        ax.scatter([100 * a.effect], [yy], s=size, marker="s", color="#1f77b4", zorder=3)
    labels = [f"{a.account} ({a.control_n + a.treatment_n} posts)" for a in result.accounts]
    ticks = [rows + 1 - i for i in range(rows)]
    if result.pooled is not None:
        low, high = result.confidence_interval()
        plow, phigh = result.prediction_interval()
        mid = result.estimate
        ax.plot([100 * plow, 100 * phigh], [0, 0], color="#7f7f7f", linewidth=1)
        ax.fill(
            [100 * low, 100 * mid, 100 * high, 100 * mid],
            [0, 0.25, 0, -0.25],
            color="#d62728",
            zorder=3,
        )
        labels.append("pooled (line: prediction)")
        ticks.append(0)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(ticks, labels)
    ax.set_ylim(-0.8, rows + 1.8)
    ax.set_xlabel(f"change in {result.label}, {result.treatment} vs {result.control} (%)")
    ax.set_title(f"{result.label} by {result.unit}")
    fig.tight_layout()
    return fig
