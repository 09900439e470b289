"""postlab compare: a posts table in, a table and a verdict out."""

import json

import numpy as np
import pytest
from simulate import posts_frame

from postlab.cli import main


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "posts.csv"
    posts = posts_frame(np.random.default_rng(3), {"serious": (40, 0.03), "humorous": (40, 0.036)})
    posts["post_id"] = "00" + posts["post_id"]  # ids must stay exact text
    posts.to_csv(path, index=False)
    return path


def test_prints_table_and_verdict(table, capsys):
    assert (
        main(["compare", str(table), "--arm", "arm", "--control", "serious", "--mde", "0.1"]) == 0
    )
    out = capsys.readouterr().out
    assert "engagement rate (primary)" in out and "verdict: " in out


def test_json_output(table, capsys):
    argv = ["compare", str(table), "--arm", "arm", "--control", "serious", "--json"]
    argv += ["--metric", "engagement_rate", "--metric", "like_rate", "--planned-posts", "200"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert [m["metric"] for m in data["metrics"]] == ["engagement_rate", "like_rate"]
    assert "group-sequential" in data["metrics"][0]["method"]
    assert data["verdict"]["mode"] == "group-sequential" and data["verdict"]["planned_posts"] == 200
    assert data["metrics"][0]["sequence_rel"] == data["metrics"][0]["rel_ci"]
    flagged = data["metrics"][0]["loo_post_id"]
    assert flagged is None or flagged.startswith("00p")


def test_parquet_works_too(table, tmp_path, capsys):
    import pandas as pd

    parquet = tmp_path / "posts.parquet"
    pd.read_csv(table).to_parquet(parquet)
    assert main(["compare", str(parquet), "--arm", "arm", "--control", "serious", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["arms"][0]["posts"] == 40


@pytest.mark.parametrize(
    "args, message",
    [
        (["--arm", "style", "--control", "serious"], "posts.csv: style: no column 'style'"),
        (
            ["--arm", "arm", "--control", "serius"],
            "posts.csv: arm: control 'serius' is not a value of column 'arm'",
        ),
        (["--arm", "arm", "--control", "serious", "--metric", "rate"], "unknown metric 'rate'"),
    ],
)
def test_errors_name_the_file_and_column(table, capsys, args, message):
    assert main(["compare", str(table), *args]) == 1
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_missing_file(tmp_path, capsys):
    assert main(["compare", str(tmp_path / "nope.csv"), "--arm", "a", "--control", "b"]) == 1
    assert "nope.csv: no such posts table" in capsys.readouterr().err


def test_fixed_method_and_cap_reach_the_engine(table, capsys):
    argv = ["compare", str(table), "--arm", "arm", "--control", "serious", "--json", "--fixed"]
    assert main(argv + ["--method", "delta", "--cap", "0.95"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["verdict"]["mode"] == "fixed" and data["verdict"]["cap"] == 0.95
    assert data["metrics"][0]["method"] == "delta (Welch t on the log ratio)"
    assert data["metrics"][0]["sequence_rel"] is None
    assert main(argv[:-2] + ["--method", "permutation"]) == 1
    assert "use it with sequential=False" in capsys.readouterr().err


def test_covariates_and_split_reach_the_engine(table, capsys):
    argv = ["compare", str(table), "--arm", "arm", "--control", "serious", "--json", "--fixed"]
    argv += ["--covariates", "weekday,hour_block", "--split", "serious=0.5,humorous=0.5"]
    assert main(argv) == 0
    data = json.loads(capsys.readouterr().out)
    assert (
        "adjusted" in data["metrics"][0]["method"] or "regression" in data["metrics"][0]["method"]
    )
    assert data["srm"]["expected"] == {"serious": 40.0, "humorous": 40.0}


def test_a_malformed_split_is_one_line_naming_the_field(table, capsys):
    argv = ["compare", str(table), "--arm", "arm", "--control", "serious", "--split", "serious"]
    assert main(argv) == 1
    assert "split: --split 'serious' is not arm=share" in capsys.readouterr().err
