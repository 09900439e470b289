"""The privacy guard's figures and speed: `python -m benchmarks privacy`.

Prints, for each labelled set of realistic UK police posts kept in
``tests/privacy`` (tuned, held out, fresh) and the older synthetic set, the
per-post recall, name recall, clean posts left unchanged and the helplines and
official accounts kept; then the time to scrub 500 posts (strict mode, as a
report does) against the issue's target of well under a second.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from postlab.config import Settings
from postlab.privacy import scrub
from postlab.privacy.measure import evaluate, figures

LABELLED = Path(__file__).resolve().parents[1] / "tests" / "privacy"
SETTINGS = Settings(allow_terms=("Northbrook", "Eastmere", "Kingsfold"))
POSTS = 500


def main() -> None:
    sys.path.insert(0, str(LABELLED))
    import realistic
    from labelled import read_labelled

    safe = tuple(realistic.OFFICIAL + realistic.HELPLINES)
    for name in ("tuned", "held_out", "fresh"):
        print(f"{name:9s} {figures(getattr(realistic, name)(), safe, SETTINGS)}")
    synthetic = evaluate(read_labelled())
    print(
        f"synthetic {synthetic.loc['all', 'labelled']} labelled spans: recall "
        f"{synthetic.loc['all', 'recall']:.1%} (names {synthetic.loc['name', 'recall']:.1%}), "
        f"precision {synthetic.loc['all', 'precision']:.1%}"
    )
    texts = realistic.tuned(POSTS)["text"].tolist()
    scrub(texts[0], SETTINGS, strict=True)  # the shipped lists load once per process
    start = time.perf_counter()
    for text in texts:
        scrub(text, SETTINGS, strict=True)
    seconds = time.perf_counter() - start
    print(f"speed     {POSTS} posts scrubbed (strict) in {seconds:.2f} s (target: well under 1 s)")
