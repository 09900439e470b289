"""Script, event-handler and link payloads planted in every field a person writes: the
experiment file, postlab.yml, the exports and the labels (issue #23). The browser tests'
one rerun runs on a demo copy so planted, so every page check also checks that nothing
planted runs."""

import csv
import re

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
