"""Published reference values: R, Fisher, Benjamini-Hochberg, Cohen, scipy, statsmodels, tea-tasting."""

import numpy as np
import pandas as pd
import pytest
from scipy import stats
from statsmodels.stats.power import NormalIndPower, TTestIndPower

from postlab.stats import MeanMetric, RatioMetric, compare
from postlab.stats.bootstrap import bootstrap_test
from postlab.stats.delta import Moments, delta_test, welch_t
from postlab.stats.multiple import adjust
from postlab.stats.permutation import permutation_test
from postlab.stats.power import n_per_arm
from postlab.stats.srm import sample_ratio

SLEEP_1 = [0.7, -1.6, -0.2, -1.2, -0.1, 3.4, 3.7, 0.8, 0.0, 2.0]
SLEEP_2 = [1.9, 0.8, 1.1, 0.1, -0.1, 4.4, 5.5, 1.6, 4.6, 3.4]


def _two_arms(a, b, column="value", names=("1", "2")):
    return pd.DataFrame(
        {"arm": [names[0]] * len(a) + [names[1]] * len(b), column: list(a) + list(b)}
    )


def test_welch_matches_r_t_test_on_the_sleep_data():
    # R: t.test(extra ~ group, data = sleep)
    posts = _two_arms(SLEEP_1, SLEEP_2, "extra")
    row = compare(
        posts, "arm", "2", metrics=[MeanMetric("extra", "extra")], method="delta", sequential=False
    ).metrics[0]
    assert row.abs_ci == pytest.approx((-3.3654832, 0.2054832), abs=1e-7)
    one, two = (Moments.of(np.array(v), np.ones(10)) for v in (SLEEP_1, SLEEP_2))
    t, _, df = welch_t(one, two)
    assert t == pytest.approx(-1.8608, abs=5e-5)
    assert df == pytest.approx(17.776, abs=5e-4)
    assert 2 * stats.t.sf(abs(t), df) == pytest.approx(0.07939, abs=5e-6)


def test_delta_is_welch_on_linearised_values():
    rng = np.random.default_rng(5)
    yt, yc = rng.lognormal(7, 1, 80), rng.lognormal(7, 1, 50)
    xt, xc = rng.binomial(yt.astype(int), 0.04), rng.binomial(yc.astype(int), 0.03)
    mt, mc = Moments.of(xt.astype(float), yt), Moments.of(xc.astype(float), yc)
    ours = delta_test(mt, mc)

    def linearised(x, y):
        ratio = x.sum() / y.sum()
        return ratio + (x - ratio * y) / y.mean()

    scipy_result = stats.ttest_ind(linearised(xt, yt), linearised(xc, yc), equal_var=False)
    t, se, df = welch_t(mt, mc)
    assert t == pytest.approx(scipy_result.statistic, rel=1e-10)
    assert df == pytest.approx(scipy_result.df, rel=1e-10)
    half = stats.t.ppf(0.975, df) * se
    assert ours.abs_ci == pytest.approx((ours.abs_effect - half, ours.abs_effect + half), rel=1e-10)


def _tea_tasting_ratio_of_means(mt, mc, confidence_level=0.95):
    """tea-tasting's RatioOfMeans._analyze_stats (two-sided, use_t, unequal variances), transcribed.

    tea_tasting.metrics.mean: the relative interval is means_ratio / exp(log_scale * q) and
    means_ratio * exp(log_scale * q), where log_scale and the Welch-Satterthwaite degrees of
    freedom come from the per-observation variances divided by the squared means.
    """

    def scale_and_df(contr_var, contr_count, treat_var, treat_count):
        contr_mean_var, treat_mean_var = contr_var / contr_count, treat_var / treat_count
        df = (contr_mean_var + treat_mean_var) ** 2 / (
            contr_mean_var**2 / (contr_count - 1) + treat_mean_var**2 / (treat_count - 1)
        )
        return np.sqrt(contr_mean_var + treat_mean_var), df

    contr_mean, treat_mean = mc.ratio, mt.ratio
    contr_var, treat_var = mc.post_variance, mt.post_variance  # tea-tasting's ratio_var
    log_scale, log_df = scale_and_df(
        contr_var / contr_mean / contr_mean, mc.n, treat_var / treat_mean / treat_mean, mt.n
    )
    q = (1 + confidence_level) / 2
    rel_half = np.exp(log_scale * stats.t(df=log_df).ppf(q))
    ratio = treat_mean / contr_mean
    return ratio / rel_half - 1, ratio * rel_half - 1, log_df


def test_relative_interval_and_its_degrees_of_freedom_match_tea_tasting():
    rng = np.random.default_rng(15)
    for nt, nc in ((8, 30), (40, 40), (300, 120)):
        yt, yc = rng.lognormal(7, 1.2, nt), rng.lognormal(7, 1.2, nc)
        xt = rng.binomial(yt.astype(int), rng.beta(0.2, 6, nt)).astype(float)
        xc = rng.binomial(yc.astype(int), rng.beta(0.15, 6, nc)).astype(float)
        mt, mc = Moments.of(xt, yt), Moments.of(xc, yc)
        ours = delta_test(mt, mc)
        low, high, df = _tea_tasting_ratio_of_means(mt, mc)
        assert ours.rel_ci == pytest.approx((low, high), rel=1e-6, abs=1e-9)
        assert ours.df == pytest.approx(df, rel=1e-6)


def test_binary_posts_match_r_prop_test_interval():
    # R: prop.test(x = c(490, 400), n = c(500, 500)): X-squared = 80.909, 95 % CI 0.1408536 0.2191464
    # (with Yates' correction of 1/n1 + 1/n2 halves; without it the Wald interval is 0.18 +/- 0.037146).
    table = np.array([[490, 10], [400, 100]])
    assert stats.chi2_contingency(table, correction=True).statistic == pytest.approx(
        80.909, abs=5e-4
    )
    posts = _two_arms([1] * 490 + [0] * 10, [1] * 400 + [0] * 100, "engaged", names=("a", "b"))
    posts["impressions"] = 1
    rate = RatioMetric("rate", "engaged", "impressions")
    row = compare(posts, "arm", "b", metrics=[rate], method="delta", sequential=False).metrics[0]
    yates = 0.5 * (1 / 500 + 1 / 500)
    r_ci = (0.1408536 + yates, 0.2191464 - yates)
    # ours uses n-1 variances and a t quantile, so it is a hair wider than the Wald interval
    assert row.abs_effect == pytest.approx(0.18)
    assert row.abs_ci == pytest.approx(r_ci, abs=2e-4)


def test_fisher_tea_tasting_exact_permutation():
    # Fisher's lady tasting tea: 3 of 4 milk-first cups right. fisher.test(TeaTasting) gives
    # p = 0.4857 two-sided (34/70); the one-sided ("greater") p is 0.2429 (17/70).
    right = np.array([1.0, 1, 1, 0])
    wrong = np.array([1.0, 0, 0, 0])
    result = permutation_test(right, np.ones(4), wrong, np.ones(4))
    assert result.exact and result.splits == 70
    assert result.p_value == pytest.approx(34 / 70)
    assert round(float(result.p_value), 4) == 0.4857
    assert stats.fisher_exact([[3, 1], [1, 3]]).pvalue == pytest.approx(result.p_value)


def test_permutation_matches_scipy_exact_and_random():
    rng = np.random.default_rng(1)
    a, b = rng.normal(size=6), rng.normal(size=7) + 0.5

    def abs_welch(u, v, axis):
        se = np.sqrt(
            u.var(axis=axis, ddof=1) / u.shape[axis] + v.var(axis=axis, ddof=1) / v.shape[axis]
        )
        return np.abs(u.mean(axis) - v.mean(axis)) / se

    reference = stats.permutation_test(
        (a, b), abs_welch, vectorized=True, n_resamples=np.inf, alternative="greater"
    )
    ours = permutation_test(a, np.ones(6), b, np.ones(7))
    assert ours.exact and ours.p_value == pytest.approx(reference.pvalue, rel=1e-12)
    sampled = permutation_test(a, np.ones(6), b, np.ones(7), max_exact=10, rng=3)
    assert not sampled.exact and sampled.splits == 10_000
    assert sampled.p_value == pytest.approx(reference.pvalue, abs=0.015)


def test_benjamini_hochberg_1995_example():
    p = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240,
         0.4262, 0.5719, 0.6528, 0.7590, 1.000]  # fmt: skip
    assert (adjust(p, "bh") < 0.05).sum() == 4
    assert (adjust(p, "holm") < 0.05).sum() == 3  # Bonferroni-type methods reject 3


def test_cohen_power_table():
    # Cohen (1988) Table 2.4.1: two-sided alpha .05, power .80: d=.5 -> 64, d=.8 -> 26 per group
    cv = 0.2  # coefficient of variation 0.2, so a relative mde of 0.2 d
    assert n_per_arm(cv, 0.5 * 0.2, equal_variances=True) == 64
    assert n_per_arm(cv, 0.8 * 0.2, equal_variances=True) == 26
    d = 0.37
    expected = TTestIndPower().solve_power(effect_size=d, alpha=0.05, power=0.8, ratio=2)
    assert n_per_arm(cv, d * 0.2, ratio=2, equal_variances=True) == int(np.ceil(expected))
    normal = NormalIndPower().solve_power(effect_size=d, alpha=0.05, power=0.8)
    assert abs(n_per_arm(cv, d * 0.2, equal_variances=True) - normal) < 2


def test_bca_matches_scipy_bootstrap():
    rng = np.random.default_rng(2)
    a, b = rng.exponential(2.0, 40), rng.exponential(1.5, 35)
    ours = bootstrap_test(a, np.ones(40), b, np.ones(35), rng=7, n_resamples=20_000)
    reference = stats.bootstrap(
        (a, b),
        lambda u, v, axis: u.mean(axis) - v.mean(axis),
        method="BCa",
        n_resamples=20_000,
        random_state=np.random.default_rng(7),
    ).confidence_interval
    width = reference.high - reference.low
    assert ours.abs_ci == pytest.approx((reference.low, reference.high), abs=0.03 * width)


def test_srm_exact_binomial_and_chi_square():
    small = sample_ratio({"a": 40, "b": 12}, split={"a": 0.5, "b": 0.5})
    assert small.method == "exact binomial"
    assert small.p_value == pytest.approx(stats.binomtest(40, 52, 0.5).pvalue)
    assert small.mismatch
    large = sample_ratio({"a": 700, "b": 640, "c": 660}, split={"a": 1, "b": 1, "c": 1})
    assert large.method == "chi-square"
    assert large.p_value == pytest.approx(stats.chisquare([700, 640, 660]).pvalue)
    assert not large.mismatch
    planned = sample_ratio({"a": 60, "b": 30}, split={"a": 2, "b": 1})
    assert planned.p_value == pytest.approx(1.0)
