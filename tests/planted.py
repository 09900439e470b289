"""Script, event-handler and link payloads planted in every field a person writes: the
experiment file, postlab.yml, the exports and the labels (issue #23), and canary personal
details in the texts of the posts the explore report shows. The browser tests and the
privacy canary tests share one rerun on a demo copy so planted (``planted_run`` in the
root conftest): every page check also checks that nothing planted runs, and the canary
checks that no planted detail reaches an output."""

import csv
import re
from pathlib import Path

import yaml

EXPERIMENT = "humour-vs-serious-x"


def payload(where: str) -> str:
    """A script, an image's error handler and a link, each raising a dialog naming ``where``."""
    return (
        f"<script>alert('{where}')</script><img src=x onerror=alert('{where}')> "
        f"[x](javascript:alert('{where}')) `t` |"
    )


# short ones where a name is a table's column or cell (the layout checks share this rerun)
ACCOUNT = "<svg onload=alert(1)>"  # X takes it from the file name
ARM = "fun<svg onload=alert(2)>"
RAW_MARKUP = re.compile(r"<script|<img|<svg|<[^<>]*\bon\w+\s*=|href=.?javascript:", re.IGNORECASE)


def poison_exports(root):
    exports = root / "data" / "demo" / "exports" / "x"
    for path in sorted(exports.glob("*MPSKingsfold*.csv")):
        rows = list(csv.DictReader(path.open(encoding="utf-8")))
        for n, row in enumerate(rows):
            row["Tweet permalink"] = "javascript:alert('permalink')"
            if n % 5 == 0:
                row["Tweet text"] = f"{row['Tweet text']} {payload('text')}"
        path.unlink()
        name = path.name.replace("MPSKingsfold", ACCOUNT)
        with (exports / name).open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=list(rows[0]), quoting=csv.QUOTE_ALL)
            writer.writeheader()
            writer.writerows(rows)
    labels = root / "data" / "demo" / "labels.csv"
    text = labels.read_text(encoding="utf-8").replace("MPSKingsfold", ACCOUNT)
    labels.write_text(text.replace(",humorous,", f',"{ARM}",'), encoding="utf-8")


def poison_files(root):
    path = root / "experiments" / f"{EXPERIMENT}.yml"
    experiment = yaml.safe_load(path.read_text(encoding="utf-8"))
    for field in ("owner", "hypothesis"):
        experiment[field] = payload(field)
    # short enough for one line of the report's heading: the first screen stays the answer
    experiment["title"] = "<script>alert('title')</script><img src=x onerror=alert(0)>"
    experiment["decision"] = {"learning": payload("learning"), "next_step": payload("next")}
    experiment["accounts"] = ["MPSNorthbrook", "MPSEastmere", ACCOUNT]
    experiment["arms"]["treatments"] = [ARM]
    experiment["split"] = {"serious": 0.62, ARM: 0.38}
    path.write_text(yaml.safe_dump(experiment, sort_keys=False), encoding="utf-8")
    settings_path = root / "postlab.yml"
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    settings["accounts"][ACCOUNT] = {"timezone": "Europe/London"}
    settings["privacy"]["allow_terms"].append(payload("settings"))
    settings_path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")


def poison(root):
    """Plant the payloads in the demo copy at ``root``."""
    poison_exports(root)
    poison_files(root)
    return root


CANARIES = [
    "Thanks to Jo Dimmock for the tip",
    "Leah Goldberg of 14 Tanyard Close was charged",
    "Ring Marek on 07700 900461",
    "Email canary.bird@example.com",
    "Seen near EM4 7QZ",
    "Van CN19 ARY was stolen",
    "Message @canary_watch",
    "Kwabena Asante-Mensah says hello",
    "Chirpy was born (03.04.2001)",
    "Dwayne 'Chirpy' Fairclough is wanted",
]
SECRETS = [
    "Dimmock",
    "Goldberg",
    "Tanyard Close",
    "Marek",
    "900461",
    "canary.bird",
    "EM4 7QZ",
    "CN19 ARY",
    "canary_watch",
    "Asante",
    "03.04.2001",
    "Fairclough",
]
PLANTED_CANARIES = "canaries.txt"  # beside runs/ and record/: how many were planted


def plant_canaries(root: Path) -> int:
    """Put a canary before the text of each post the explore notebook shows; how many."""
    from postlab import explore
    from postlab.loaders import load

    posts = load([root / "data" / "demo" / "exports"])
    shown = [explore.top_posts(posts, n=5), explore.top_posts(posts, n=5, ascending=True)]
    ids = {i for table in shown for i in table["post_id"]}
    targets = posts[posts["post_id"].isin(ids) & (posts["platform"] != "youtube")]
    texts = list(dict.fromkeys(t for t in targets["text"].dropna() if len(t) > 20))
    planted = 0
    for canary, text in zip(CANARIES, texts, strict=False):
        for path in (root / "data" / "demo" / "exports").rglob("*.csv"):
            content = path.read_text(encoding="utf-8")
            if text in content:
                path.write_text(content.replace(text, f"{canary}. {text}"), encoding="utf-8")
                planted += 1
    return planted


def rerun_planted(root: Path) -> None:
    """The demo in ``root``, canaries and payloads planted, rerun for ``EXPERIMENT`` (with the
    explore report and the record)."""
    import pytest
    from demo_copy import copy_demo

    from postlab import cli

    copy_demo(root)
    (root / PLANTED_CANARIES).write_text(str(plant_canaries(root)))
    poison(root)
    with pytest.MonkeyPatch.context() as monkeypatch:
        monkeypatch.chdir(root)
        assert cli.main(["rerun", EXPERIMENT, "--rerun-at", "2026-11-20 06:00"]) == 0
