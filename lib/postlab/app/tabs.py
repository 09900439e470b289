"""The workbench page's tabs after Exports: new experiment, schedule, labels, run and read.

Imported by ``Workbench.open_all`` once the page and its Exports tab are up:
these tabs need the statistics (check and plan), the record and the labelling
widget, which take seconds to import.
"""

from __future__ import annotations

import base64
from pathlib import Path

import ipywidgets as widgets

from postlab.app import draft as drafts
from postlab.app.decision import write_decision
from postlab.app.page import ROW, STYLE, WIDE, Workbench, escaped, failure, messages, pre
from postlab.app.results import cards, record_page, rerun_one
from postlab.commands.schedule import against_plan
from postlab.commands.schedule import assign as assign_schedule
from postlab.experiment import load_experiment
from postlab.experiment.model import STATUSES
from postlab.experiment.schedule import plan_schedule
from postlab.project import PLANS_FOLDER
from postlab.stats.metrics import METRICS
from postlab.words import yes_no_arm_name


class ExperimentForm:
    """The fields of an experiment file, each with check's and plan's messages beside it."""

    GROUPS = (
        "id",
        "title",
        "hypothesis",
        "assignment",
        "arms",
        "metrics",
        "accounts",
        "period",
        "mde",
        drafts.WHOLE_FILE,
    )

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self.columns: dict[str, bool] = {}
        text = dict(style=STYLE, layout=WIDE, continuous_update=False)
        self.id = widgets.Text(description="File name (id)", placeholder="media-vs-text-x", **text)
        self.title = widgets.Text(description="Title", **text)
        self.hypothesis = widgets.Textarea(
            description="What you expect",
            placeholder="Posts with a photo or video get more engagement than text-only posts.",
            rows=4,
            **text,
        )
        self.platform = widgets.Dropdown(description="Platform", style=STYLE, layout=WIDE)
        self.column = widgets.Dropdown(description="Arms from column", style=STYLE, layout=WIDE)
        self.control = widgets.Dropdown(description="Control value", style=STYLE, layout=WIDE)
        self.treatment = widgets.Dropdown(description="Treatment value", style=STYLE, layout=WIDE)
        self.control_name = widgets.Text(description="Control's name", **text)
        self.treatment_name = widgets.Text(description="Treatment's name", **text)
        self.metric = widgets.Dropdown(
            options=list(METRICS),
            value="engagement_rate",
            description="Metric",
            style=STYLE,
            layout=WIDE,
        )
        self.accounts = widgets.SelectMultiple(
            description="Accounts (none: all)", style=STYLE, layout=WIDE, rows=4
        )
        self.start = widgets.DatePicker(description="Period from", style=STYLE)
        self.end = widgets.DatePicker(description="Period to", style=STYLE)
        self.mde = widgets.BoundedFloatText(
            value=10,
            min=0.5,
            max=500,
            step=1,
            description="Smallest effect, %",
            style=STYLE,
            layout=WIDE,
        )
        self.notes = {group: widgets.HTML() for group in self.GROUPS}
        self.plan = widgets.HTML()
        self.save = widgets.Button(
            description="Save the experiment", button_style="success", disabled=True
        )
        self.save.on_click(lambda _: self.write())
        self.saved = widgets.HTML()

        def row(group, *fields):
            return widgets.HBox([widgets.VBox(list(fields)), self.notes[group]], layout=ROW)

        self.box = widgets.VBox(
            [
                widgets.HTML(
                    "<p>Fill in the fields: check and plan answer beside them as "
                    "you go. Save when nothing is left to fix.</p>"
                ),
                row("id", self.id),
                row("title", self.title),
                row("hypothesis", self.hypothesis),
                row("assignment", self.platform, self.column),
                row("arms", self.control, self.control_name, self.treatment, self.treatment_name),
                row("metrics", self.metric),
                row("accounts", self.accounts),
                row("period", self.start, self.end),
                row("mde", self.mde),
                self.notes[drafts.WHOLE_FILE],
                widgets.HTML("<h4>Plan</h4>"),
                self.plan,
                widgets.HBox([self.save, self.saved], layout=ROW),
            ]
        )
        self.column.observe(lambda _: self.fill_values(), names="value")
        self.platform.observe(lambda _: self.fill_accounts(), names="value")
        for value in (self.control, self.treatment):
            value.observe(lambda _: self.fill_names(), names="value")
        for field in (
            self.id,
            self.title,
            self.hypothesis,
            self.control_name,
            self.treatment_name,
            self.metric,
            self.accounts,
            self.start,
            self.end,
            self.mde,
            self.control,
            self.treatment,
        ):
            field.observe(lambda _: self.review(), names="value")
        self.refresh()

    def refresh(self) -> None:
        """The choices the posts offer: platforms, columns and their values, accounts."""
        posts = self.bench.posts
        if posts is None:
            return
        self.columns = drafts.arm_columns(posts, self.bench.project.data)
        platforms = sorted(posts["platform"].dropna().unique())
        self.platform.options = platforms
        self.platform.value = self.platform.value if self.platform.value in platforms else None
        self.platform.value = self.platform.value or platforms[0]
        self.column.options = [
            (f"{name} ({'labels.csv' if labels else 'feature'})", name)
            for name, labels in self.columns.items()
        ]
        if self.column.value not in self.columns:
            self.column.value = "has_media" if "has_media" in self.columns else None
        self.fill_accounts()
        self.fill_values()

    def fill_accounts(self) -> None:
        posts = self.bench.posts
        if posts is None:
            return
        counts = posts.loc[posts["platform"] == self.platform.value, "account"].value_counts()
        self.accounts.options = [
            (f"{account} ({n:,} posts)", account) for account, n in sorted(counts.items())
        ]

    def fill_values(self) -> None:
        column = self.column.value
        if column is None or self.bench.posts is None:
            return
        values = drafts.column_values(
            self.bench.posts, self.bench.project.data, column, self.columns[column]
        )
        options = [(f"{value} ({n:,} posts)", value) for value, n in values]
        self.control.options = options
        self.treatment.options = options
        if len(options) >= 2:  # for a yes/no column, "no" is what the team does now
            self.control.value = False if False in dict(values) else options[0][1]
            self.treatment.value = next(v for _, v in options if v != self.control.value)

    def fill_names(self) -> None:
        column = self.column.value or ""
        for value, name in (
            (self.control, self.control_name),
            (self.treatment, self.treatment_name),
        ):
            if value.value is not None:
                name.value = yes_no_arm_name(
                    column,
                    str(value.value).lower() if isinstance(value.value, bool) else value.value,
                )

    def draft(self) -> drafts.Draft:
        return drafts.Draft(
            id=self.id.value.strip(),
            title=self.title.value,
            hypothesis=self.hypothesis.value,
            platform=self.platform.value or "x",
            column=self.column.value or "",
            from_labels=self.columns.get(self.column.value, False),
            arms=(self.control.value, self.treatment.value),
            names=(self.control_name.value, self.treatment_name.value),
            metric=self.metric.value,
            accounts=tuple(self.accounts.value),
            start=self.start.value,
            end=self.end.value,
            mde=(self.mde.value or 0) / 100,
        )

    def review(self) -> drafts.Review | None:
        if not self.id.value.strip() or self.bench.posts is None:
            return None
        try:
            found = drafts.review(self.draft(), self.bench.project, self.bench.posts)
        except Exception as error:
            self.notes[drafts.WHOLE_FILE].value = failure(error)
            self.save.disabled = True
            return None
        for group, note in self.notes.items():
            note.value = messages(found.problems.get(group, []))
        unplaced = [m for g, ms in found.problems.items() if g not in self.notes for m in ms]
        self.notes[drafts.WHOLE_FILE].value = messages(unplaced) + messages(
            found.passed, "postlab-ok"
        )
        self.plan.value = (
            pre(found.plan)
            if found.plan
            else messages(["The plan appears when check finds nothing to fix."], "postlab-ok")
        )
        self.save.disabled = not found.ok
        return found

    def write(self) -> None:
        found = self.review()
        if found is None or not found.ok:
            self.saved.value = messages(["Fix the messages beside the fields first."])
            return
        try:
            path = drafts.save(self.draft(), self.bench.project)
        except Exception as error:
            self.saved.value = failure(error)
            return
        self.saved.value = messages([f"saved {self.bench.project.relative(path)}"], "postlab-ok")
        for panel in self.bench.panels.values():
            if hasattr(panel, "fill_experiments"):
                panel.fill_experiments(path)


class ExperimentChoice:
    """A dropdown of the workspace's experiment files, refreshed when one is saved."""

    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self.experiment = widgets.Dropdown(description="Experiment", style=STYLE, layout=WIDE)
        self.fill_experiments()

    def fill_experiments(self, chosen: Path | None = None) -> None:
        files = self.bench.experiment_files()
        current = chosen or self.experiment.value
        self.experiment.options = [(p.stem, p) for p in files]
        self.experiment.value = current if current in files else (files[0] if files else None)


class ScheduleTab(ExperimentChoice):
    def __init__(self, bench: Workbench) -> None:
        super().__init__(bench)
        self.start = widgets.DatePicker(description="First day", style=STYLE)
        self.end = widgets.DatePicker(description="Last day", style=STYLE)
        self.slots = widgets.Text(
            value="Mon-Fri 09:00,13:00", description="Posting slots", style=STYLE, layout=WIDE
        )
        self.seed = widgets.IntText(value=1, description="Seed", style=STYLE)
        self.make = widgets.Button(description="Make the schedule", button_style="primary")
        self.make.on_click(lambda _: self.write())
        self.result = widgets.HTML()
        self.written = None  # the schedule just made, until the officer assigns by it
        self.use = widgets.Button(
            description="Assign the experiment by this schedule",
            button_style="success",
            layout=widgets.Layout(width="auto"),
        )
        self.use.on_click(lambda _: self.assign())
        self.explained = widgets.HTML()
        self.assigned = widgets.HTML()
        self.confirm = widgets.VBox([self.explained, self.use], layout={"display": "none"})
        self.box = widgets.VBox(
            [
                widgets.HTML(
                    "<p>A balanced, randomised posting schedule: every arm keeps its "
                    "share each week and in each weekday and time slot.</p>"
                ),
                self.experiment,
                self.start,
                self.end,
                self.slots,
                self.seed,
                self.make,
                self.result,
                self.confirm,
                self.assigned,
            ]
        )

    def write(self) -> None:
        if self.experiment.value is None or not (self.start.value and self.end.value):
            self.result.value = messages(["Choose an experiment, a first and a last day."])
            return
        try:
            data = self.bench.project.data_folder()
            # named as the commands name it: inside the workspace (the kernel's folder)
            experiment = load_experiment(self.bench.project.relative(self.experiment.value))
            written = plan_schedule(
                experiment,
                self.start.value,
                self.end.value,
                self.slots.value,
                seed=self.seed.value,
                out_dir=data / PLANS_FOLDER,
                data_dir=data,
            )
            enough = against_plan(experiment, written.schedule, data, self.bench.project.settings)
        except Exception as error:
            self.result.value = failure(error)
            self.confirm.layout.display = "none"
            return
        files = [written.csv_path, *written.ics_paths]
        links = " · ".join(download_link(path) for path in files)
        self.result.value = (
            pre(f"{written.describe()}\n{enough}")
            + f'<p class="postlab-links">Download: {links}</p>'
        )
        self.written = (self.experiment.value, written, self.start.value, self.end.value)
        self.explained.value = (
            f"<p>To test it this way, assign <b>{escaped(self.experiment.value.stem)}</b> by "
            "this schedule: each post then takes the arm of its slot (the fairest test), and "
            f"only posts from {self.start.value} to {self.end.value} count (its period). "
            "The experiment file is changed in place; its notes stay.</p>"
        )
        self.assigned.value = ""
        self.confirm.layout.display = "flex"

    def assign(self) -> None:
        """Switch the experiment to the schedule just made, as ``postlab schedule --assign``."""
        if self.written is None:
            return
        path, written, start, end = self.written
        try:
            # as the command prints it: the path inside the workspace (the kernel's folder)
            said = assign_schedule(self.bench.project.relative(path), written, start, end)
        except Exception as error:
            self.assigned.value = failure(error)
            return
        self.written = None
        self.confirm.layout.display = "none"
        self.assigned.value = messages([said], "postlab-ok")


def download_link(path: Path) -> str:
    """A link that saves ``path`` (a schedule or calendar) without another request."""
    kind = "text/calendar" if path.suffix == ".ics" else "text/csv"
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (
        f'<a download="{escaped(path.name)}" href="data:{kind};base64,{data}">'
        f"{escaped(path.name)}</a>"
    )


class LabelTab:
    def __init__(self, bench: Workbench) -> None:
        self.bench = bench
        self.column = widgets.Text(value="tone", description="Label column", style=STYLE)
        self.values = widgets.Text(
            value="serious, humorous", description="Values", style=STYLE, layout=WIDE
        )
        self.start = widgets.Button(description="Start labelling", button_style="primary")
        self.start.on_click(lambda _: self.open())
        self.area = widgets.VBox()
        self.box = widgets.VBox(
            [
                widgets.HTML(
                    "<p>Label posts by hand: each answer is saved to labels.csv at "
                    "once. Names and places in the posts are hidden.</p>"
                ),
                self.column,
                self.values,
                self.start,
                self.area,
            ]
        )

    def open(self) -> None:
        from postlab.labelling.session import LabellingSession
        from postlab.labelling.widgets import LabellingWidget

        bench = self.bench
        values = [v.strip() for v in self.values.value.split(",") if v.strip()]
        try:
            session = LabellingSession(
                bench.posts,
                bench.project.data / drafts.LABELS_FILE,
                self.column.value.strip(),
                values,
                settings=bench.project.settings,
            )
        except Exception as error:
            self.area.children = [widgets.HTML(failure(error))]
            return
        self.area.children = [LabellingWidget(session)]


class RunTab(ExperimentChoice):
    def __init__(self, bench: Workbench) -> None:
        super().__init__(bench)
        self.run = widgets.Button(description="Rerun", button_style="primary")
        self.run.on_click(lambda _: self.rerun())
        self.progress = widgets.IntProgress(min=0, max=1, description="", layout=WIDE)
        self.status = widgets.HTML()
        self.cards = widgets.HTML()
        self.decided = widgets.Dropdown(
            options=STATUSES, value="concluded", description="Status", style=STYLE
        )
        text = dict(style=STYLE, layout=WIDE)
        self.learning = widgets.Textarea(description="What we learnt", **text)
        self.next_step = widgets.Textarea(description="Next step", **text)
        self.write = widgets.Button(description="Write the decision", button_style="success")
        self.write.on_click(lambda _: self.decide())
        self.written = widgets.HTML()
        self.box = widgets.VBox(
            [
                widgets.HBox([self.experiment, self.run], layout=ROW),
                self.progress,
                self.status,
                self.cards,
                widgets.HTML("<h4>Decision</h4><p>Written into the experiment file.</p>"),
                self.decided,
                self.learning,
                self.next_step,
                self.write,
                self.written,
            ]
        )
        self.show_cards()

    def rerun(self) -> None:
        if self.experiment.value is None:
            self.status.value = messages(["Save an experiment first."])
            return
        self.run.disabled = True
        self.progress.value = 0
        self.status.value = messages(["running the analysis…"], "postlab-ok")

        def moved(done: int, total: int) -> None:
            self.progress.max = max(total, 1)
            self.progress.value = done
            self.progress.description = f"{done}/{total}"

        try:
            summary = rerun_one(self.bench.project, self.experiment.value.stem, moved)
        except Exception as error:
            self.status.value = failure(error)
            return
        finally:
            self.run.disabled = False
        failed = [f"FAILED {name}: {reason}" for name, reason in summary.failures]
        self.status.value = messages(failed) if failed else messages(["done"], "postlab-ok")
        self.show_cards()

    def show_cards(self) -> None:
        shown = "".join(card.html(self.bench.link) for card in cards(self.bench.project))
        page = record_page(self.bench.project)
        record = (
            f'<p class="postlab-links"><a href="{escaped(self.bench.link(self.bench.project.relative(page)))}" '
            'target="_blank" rel="noopener">open the record page</a></p>'
            if page
            else ""
        )
        self.cards.value = shown + record

    def decide(self) -> None:
        if self.experiment.value is None:
            return
        try:
            path = write_decision(
                self.experiment.value,
                self.decided.value,
                self.learning.value,
                self.next_step.value,
            )
        except Exception as error:
            self.written.value = failure(error)
            return
        self.written.value = messages(
            [
                f"wrote the decision into {self.bench.project.relative(path)}; the record shows it "
                "after the next rerun"
            ],
            "postlab-ok",
        )
