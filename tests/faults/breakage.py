"""What the fault tests break: a good experiment file and a billion-laughs document."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "experiments" / "humour-vs-serious-x.yml"
X_EXPORT = ROOT / "tests" / "loaders" / "fixtures" / "x"

BILLION_LAUGHS = "\n".join(
    ['lol0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    + [f"lol{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9)}]" for i in range(1, 10)]
)


def good_text(name: str = "good") -> str:
    return GOOD.read_text(encoding="utf-8").replace("humour-vs-serious-x", name)
