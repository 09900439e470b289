"""Compare post styles in a posts table and say what to do.

POSTS is a table written by `postlab load --out` (.csv or .parquet) with an
extra column naming each post's arm. The post is the unit of analysis. Prints
a table per metric (numerator, denominator and ratio side by side) and one
plain sentence: adopt, reject, no meaningful difference, keep testing (with
how many more posts) or check the data.

By default the analysis is sequential: the intervals are confidence sequences,
valid however often the comparison is rerun. With --planned-posts it is
group-sequential: weekly looks up to the planned posts, Lan-DeMets
O'Brien-Fleming-type spending (--spending pocock for Pocock-type), far cheaper.
--fixed makes one planned look (with --planned-posts, nothing is decided before
that many posts are in). --effect typical-post compares the typical post (log
scale of each post's rate) instead of the ratio of sums; --covariates all
adjusts for what was known before posting; --strata analyses blocks as such.

metrics: engagement_rate like_rate comment_rate share_rate click_rate view_rate
  impressions_per_post reach_per_post engagements_per_post likes_per_post
  comments_per_post shares_per_post clicks_per_post video_views_per_post
  watch_time_per_post

examples:
  postlab compare posts.csv --arm style --control serious
  postlab compare posts.parquet --arm style --control serious --metric engagement_rate --metric share_rate --mde 0.1
  postlab compare posts.csv --arm style --control serious --planned-posts 400 --mde 0.2
  postlab compare posts.csv --arm style --control serious --fixed --method permutation --seed 7 --json
  postlab compare posts.csv --arm style --control serious --cap 0.99
  postlab compare posts.csv --arm style --control serious --fixed --method bayes --prior record/
  postlab compare posts.csv --arm style --control serious --by-account
  postlab compare posts.csv --arm style --control serious --planned-posts 600 --effect typical-post --covariates all
"""

from __future__ import annotations

import json
from pathlib import Path

from postlab.exceptions import AnalysisError, PostlabError
from postlab.project import project_settings

ORDER = 20
WORKSPACE = True  # --team: the team's timezones and settings


def configure(parser) -> None:
    parser.add_argument(
        "posts", type=Path, help="posts table (.csv or .parquet) with an arm column"
    )
    parser.add_argument("--arm", required=True, help="column naming each post's arm")
    parser.add_argument("--control", required=True, help="the arm to compare against")
    parser.add_argument(
        "--metric",
        action="append",
        dest="metrics",
        help="metric to compare (repeat; first is primary; default engagement_rate)",
    )
    parser.add_argument(
        "--fixed",
        action="store_true",
        help="one planned look (a fixed-sample analysis) instead of confidence sequences",
    )
    parser.add_argument(
        "--planned-posts",
        type=int,
        help="posts over all arms the experiment plans: tunes the confidence sequence; "
        "with --fixed, the one look is made when they are in",
    )
    parser.add_argument(
        "--method",
        default="auto",
        help="with --fixed: auto, delta, permutation, bootstrap or bayes (default auto: the "
        "studentised bootstrap below 1,000 posts per arm, else delta)",
    )
    parser.add_argument(
        "--cap",
        type=float,
        help="winsorise each post's values at this percentile of both arms, e.g. 0.99",
    )
    parser.add_argument(
        "--alpha", type=float, default=0.05, help="significance level (default 0.05)"
    )
    parser.add_argument(
        "--seed", type=int, help="seed for permutation and bootstrap (default: the project default)"
    )
    parser.add_argument(
        "--mde", type=float, help="smallest relative change worth acting on, e.g. 0.1 for 10 %%"
    )
    parser.add_argument(
        "--correction",
        choices=("holm", "bh", "none"),
        default="holm",
        help="multiple-testing correction (default holm)",
    )
    parser.add_argument(
        "--covariates",
        help="adjust for covariates by regression: 'all' (weekday, hour block, account, media, "
        "link, length band, reply, recent level, each kept if it predicts the posts) or a "
        "comma-separated list of those, pre_rate (with --history) or posts columns",
    )
    parser.add_argument(
        "--effect",
        choices=("ratio-of-sums", "typical-post"),
        default="ratio-of-sums",
        help="ratio-of-sums (default: the arm's total over its total) or typical-post (the "
        "typical post's rate, log scale, zeros kept by a small offset: far less noise)",
    )
    parser.add_argument(
        "--spending",
        choices=("obrien-fleming", "pocock"),
        default="obrien-fleming",
        help="with --planned-posts (sequential): the group-sequential alpha-spending function",
    )
    parser.add_argument(
        "--strata",
        help="comma-separated columns whose blocks are analysed as such (e.g. "
        "account,weekday,hour_block for a randomised schedule)",
    )
    parser.add_argument(
        "--history",
        type=Path,
        help="posts table from before the experiment, for the pre_rate covariate (CUPED-style)",
    )
    parser.add_argument(
        "--split",
        help="planned share per arm for the sample-ratio check, e.g. serious=0.6,humorous=0.4 "
        "(default: no planned split, no check)",
    )
    parser.add_argument(
        "--prior",
        help="the prior of method bayes (and of P(better), shown in fixed mode): an sd on the log lift (default 0.1), "
        "or a record folder or results.csv whose past results fit it (empirical Bayes)",
    )
    parser.add_argument(
        "--by-account",
        action="store_true",
        help="also each account's effect on the primary metric and their random-effects pooled "
        "estimate, with a prediction interval for a borough like these",
    )
    parser.add_argument("--json", action="store_true", help="print the result as JSON")


def run(args) -> int:
    from postlab.posts.io import read_posts
    from postlab.posts.time import add_local_columns
    from postlab.stats.comparison import compare

    posts = add_local_columns(read_posts(args.posts), project_settings())
    try:
        comparison = compare(
            posts,
            arm=args.arm,
            control=args.control,
            metrics=tuple(args.metrics or ("engagement_rate",)),
            method=args.method,
            alpha=args.alpha,
            seed=args.seed,
            sequential=not args.fixed,
            planned_posts=args.planned_posts,
            cap=args.cap,
            mde=args.mde,
            correction=args.correction,
            covariates=_covariates(args.covariates),
            history=read_posts(args.history) if args.history else None,
            split=_split(args.split),
            prior=_prior(args.prior),
            effect=args.effect,
            spending=args.spending,
            strata=tuple(s.strip() for s in args.strata.split(",")) if args.strata else (),
        )
    except PostlabError as error:
        error.path = error.path or str(args.posts)
        raise
    accounts = _by_account(posts, args) if args.by_account else None
    warnings = _metric_warnings(posts, args.arm, comparison)
    if args.json:
        out = {**comparison.to_dict(), "metric_warnings": warnings}
        if accounts is not None:
            out["by_account"] = accounts.to_dict()
        print(json.dumps(out, indent=2))
    else:
        shown = comparison if accounts is None else f"{comparison}\n\n{accounts}"
        print(shown, *(f"warning: {text}" for text in warnings), sep="\n")
    return 0


def _metric_warnings(posts, arm: str, comparison) -> list[str]:
    """Where the arm column biases a compared metric on these posts' platforms."""
    from postlab.posts.metric_warnings import metric_warnings

    platforms = posts.loc[posts[arm].notna(), "platform"].dropna().unique()
    found = [metric_warnings(platforms, arm, m.metric) for m in comparison.metrics]
    return list(dict.fromkeys(text for texts in found for text in texts))


def _by_account(posts, args):
    from postlab.stats.pooled import by_account

    try:
        return by_account(
            posts,
            arm=args.arm,
            control=args.control,
            metric=(args.metrics or ["engagement_rate"])[0],
            alpha=args.alpha,
            method=args.method,
            seed=args.seed,
            sequential=not args.fixed,
            cap=args.cap,
        )
    except PostlabError as error:
        error.path = error.path or str(args.posts)
        raise


def _covariates(text: str | None):
    if not text:
        return None
    return True if text.strip() == "all" else [name.strip() for name in text.split(",")]


def _prior(text: str | None):
    """An sd (a number) or the record whose past results fit the prior."""
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        from postlab.stats.bayes import prior_from_record

        return prior_from_record(Path(text))


def _split(text: str | None) -> dict[str, float] | None:
    if not text:
        return None
    split = {}
    for part in text.split(","):
        name, _, share = part.partition("=")
        try:
            split[name.strip()] = float(share)
        except ValueError:
            raise AnalysisError(
                f"--split {part!r} is not arm=share (e.g. serious=0.6)", field="split"
            ) from None
    return split
