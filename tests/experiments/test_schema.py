"""The JSON Schema editors use and the parser must agree on what a valid file is."""

from __future__ import annotations

import copy

import jsonschema
import pytest
import yaml

from postlab.exceptions import ExperimentError
from postlab.experiment import find_experiments, load_experiment
from postlab.experiment.model import STATUSES
from postlab.experiment.parse import read_document
from postlab.experiment.validate import schema
from postlab.posts.columns import PLATFORMS
from postlab.stats import METRICS

from .conftest import VALID


def test_schema_is_valid_draft_2020_12():
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_schema_lists_the_registries():
    assert schema()["$defs"]["metric"]["enum"] == list(METRICS)
    assert schema()["properties"]["platforms"]["items"]["enum"] == list(PLATFORMS)
    assert tuple(schema()["properties"]["status"]["enum"]) == STATUSES


def test_demo_files_validate_with_jsonschema_alone():
    for experiment in find_experiments("experiments"):
        document, _ = read_document(experiment.path)
        jsonschema.validate(document, schema(), cls=jsonschema.Draft202012Validator)
        jsonschema.validate(experiment.to_dict(), schema(), cls=jsonschema.Draft202012Validator)


def _mutations():
    base = yaml.safe_load(VALID.replace("{id}", "test-exp"))
    base["period"] = {"start": "2025-06-01", "end": "2025-06-30"}
    cases = {
        "valid": lambda d: None,
        "unknown key": lambda d: d.update(colour="blue"),
        "unknown nested key": lambda d: d["arms"].update(extra="x"),
        "bad id": lambda d: d.update(id="Test_Exp"),
        "bad status": lambda d: d.update(status="done"),
        "unknown metric": lambda d: d["metrics"].update(primary="likes"),
        "no treatments": lambda d: d["arms"].update(treatments=[]),
        "alpha too big": lambda d: d.update(alpha=0.7),
        "text mde": lambda d: d.update(mde="10%"),
        "bad duration": lambda d: d.update(min_post_age="2 days"),
        "bad date": lambda d: d["period"].update(start="01/06/2025"),
        "open period": lambda d: d["period"].update(start=None),
        "labels without column": lambda d: d["assignment"].pop("column"),
        "media type with file": lambda d: d.update(assignment={"kind": "media_type", "file": "x"}),
        "custom labels": lambda d: d.update(assignment={"kind": "custom_labels"}),
        "schedule": lambda d: d.update(assignment={"kind": "schedule", "file": "s.csv"}),
        "schedule bad tolerance": lambda d: d.update(
            assignment={"kind": "schedule", "file": "s.csv", "tolerance": "soon"}
        ),
        "text without patterns": lambda d: d.update(assignment={"kind": "text"}),
        "unknown kind": lambda d: d.update(assignment={"kind": "coin"}),
        "share above one": lambda d: d["split"].update(serious=1.5),
        "decision": lambda d: d.update(decision={"learning": "x", "next_step": None}),
        "decision typo": lambda d: d.update(decision={"lesson": "x"}),
        "missing owner": lambda d: d.pop("owner"),
        "platform typo": lambda d: d.update(platforms=["twitter"]),
        "no split": lambda d: d.pop("split"),
        "no mde": lambda d: d.pop("mde"),
        "mde 10": lambda d: d.update(mde=10),
        "mde 1": lambda d: d.update(mde=1),
        "mde 0": lambda d: d.update(mde=0),
        "mde 150%": lambda d: d.update(mde="150%"),
        "mde 100%": lambda d: d.update(mde="100%"),
        "mde 0%": lambda d: d.update(mde="0 %"),
        "mde 0.5%": lambda d: d.update(mde="0.5%"),
        "mde 12.5 %": lambda d: d.update(mde=" 12.5 %"),
        "mde .5%": lambda d: d.update(mde=".5%"),
        "mde ten": lambda d: d.update(mde="ten"),
        "mde true": lambda d: d.update(mde=True),
        "sequential": lambda d: d.update(analysis="sequential"),
        "fixed": lambda d: d.update(analysis="fixed", planned_posts=400),
        "fixed without planned posts": lambda d: d.update(analysis="fixed"),
        "fixed without mde": lambda d: (d.pop("mde"), d.update(analysis="fixed", planned_posts=9)),
        "unknown analysis": lambda d: d.update(analysis="bayesian"),
        "one planned post": lambda d: d.update(planned_posts=1),
        "cap": lambda d: d["metrics"].update(cap=0.99),
        "cap 99": lambda d: d["metrics"].update(cap=99),
        "labels with suggestions": lambda d: d["assignment"].update(use_suggestions=True),
        "column": lambda d: d.update(assignment={"kind": "column", "column": "has_media"}),
        "column without column": lambda d: d.update(assignment={"kind": "column"}),
        "text": lambda d: d.update(
            assignment={"kind": "text", "patterns": {"humorous": "?"}, "otherwise": "control"}
        ),
        "text list and regex": lambda d: d.update(
            assignment={
                "kind": "text",
                "patterns": {"humorous": ["#fun", "lol"], "serious": "appeal"},
                "match": "regex",
                "otherwise": "exclude",
            }
        ),
        "text without otherwise": lambda d: d.update(
            assignment={"kind": "text", "patterns": {"humorous": "?"}}
        ),
        "text unknown match": lambda d: d.update(
            assignment={
                "kind": "text",
                "patterns": {"humorous": "?"},
                "otherwise": "control",
                "match": "glob",
            }
        ),
    }
    for name, change in cases.items():
        document = copy.deepcopy(base)
        change(document)
        yield pytest.param(document, id=name)


@pytest.mark.parametrize("document", list(_mutations()))
def test_schema_and_parser_agree(document, tmp_path):
    path = tmp_path / "test-exp.yml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    schema_ok = jsonschema.Draft202012Validator(schema()).is_valid(document)
    try:
        load_experiment(path)
        parser_ok = True
    except ExperimentError:
        parser_ok = False
    assert schema_ok == parser_ok
    if parser_ok:  # what the record keeps is a valid file too
        assert jsonschema.Draft202012Validator(schema()).is_valid(load_experiment(path).to_dict())
