"""Experiments as files: one YAML file per test of a post style.

from postlab.experiment import load_experiment, select_posts
exp = load_experiment("experiments/humour-vs-serious-x.yml")
selection = select_posts(exp, posts, "data/demo")
"""

from postlab.exceptions import ExperimentError
from postlab.experiment.load import check_experiment, find_experiments, load_experiment
from postlab.experiment.model import Decision, Experiment, Period
from postlab.experiment.select import Selection, select_posts

__all__ = [
    "Decision",
    "Experiment",
    "ExperimentError",
    "Period",
    "Selection",
    "check_experiment",
    "find_experiments",
    "load_experiment",
    "select_posts",
]
