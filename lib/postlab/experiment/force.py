"""Force-wide experiments: one experiment file, run by several teams at once.

A borough alone posts too little for a verdict in weeks; the force's boroughs
together post many times more. A *force workspace* (``postlab init force
--teams all``) holds experiment files that every team it names runs at the same
time, each on its own accounts and its own balanced schedule (drawn from the
file's one seed and the team's name, written into the team's ``plans/``). Its
analyses pool the teams' posts, stratified by account (each account belongs to
one team), and its record holds the force's verdict, with each borough's own
estimate beside it.
"""

from __future__ import annotations

import warnings
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

import pandas as pd

from postlab.config import ALL_TEAMS, Settings, load_settings
from postlab.exceptions import PostlabWarning, WorkspaceError
from postlab.project import Project, team_names, team_root

TEAM = "team"  # the column naming each pooled post's team


@dataclass(frozen=True)
class Member:
    """One team of a force-wide experiment: its workspace, data folder and settings."""

    team: str
    root: Path
    data: Path
    settings: Settings


def members(root: str | Path) -> list[Member]:
    """The teams the force workspace at ``root`` names (``all``: every team workspace but
    the force workspaces), each with its data folder checked."""
    settings = load_settings(root)
    if not settings.force:
        return []
    if settings.teams == (ALL_TEAMS,):
        names = [t for t in team_names(root) if not load_settings(team_root(t, root)).force]
    else:
        names = list(settings.teams)
    if not names:
        raise WorkspaceError("teams: all, but there are no team workspaces yet (postlab init TEAM)")
    found = []
    for name in names:
        project = Project.find(team_root(name, root))
        if project.settings.force:
            raise WorkspaceError(f"team {name!r} is itself a force workspace: name its teams")
        found.append(Member(name, project.root, project.data_folder().resolve(), project.settings))
    return found


def team_seed(seed: int, team: str) -> int:
    """Each team's schedule seed, from the file's seed and the team's name (adding a team
    later changes no other team's plan)."""
    return (seed << 32) + zlib.crc32(team.encode("utf-8"))


def team_accounts(experiment, member: Member) -> list[str]:
    """The team's accounts in the experiment: those the file names that the team's exports
    hold, or (none named) every account of the team on the experiment's platforms."""
    posts, _ = load_team_posts(member)
    own = sorted(posts.loc[posts["platform"].isin(experiment.platforms), "account"].unique())
    return [a for a in own if a in experiment.accounts] if experiment.accounts else own


def schedule_teams(
    experiment, teams: list[Member], start, end, slots: str, *, seed: int, **options
):
    """Each team's own balanced schedule, written into its data folder's ``plans/``."""
    from postlab.experiment.schedule import plan_schedule
    from postlab.project import PLANS_FOLDER, using

    written = []
    for member in teams:
        accounts = team_accounts(experiment, member)
        if not accounts:
            raise WorkspaceError(
                f"team {member.team} has no posts on {', '.join(experiment.platforms)} to "
                "schedule: load its exports first, or leave it out of teams:"
            )
        with using(member.root):  # the team's timezones, holidays and skipped days
            written.append(
                plan_schedule(
                    replace(experiment, accounts=accounts),
                    start,
                    end,
                    slots,
                    seed=team_seed(seed, member.team),
                    out_dir=member.data / PLANS_FOLDER,
                    data_dir=member.data,
                    **options,
                )
            )
    return written


def pooled_settings(force: Settings, teams: list[Member]) -> Settings:
    """The force's settings with every team's account timezones and privacy allow-lists."""
    timezones, handles, names, terms, numbers = {}, [], [], [], []
    for member in teams:
        s = member.settings
        timezones |= {a: s.timezone_for(a) for a in s.timezones}
        handles += s.allow_handles
        names += s.names
        terms += s.allow_terms
        numbers += s.allow_numbers
    return replace(
        force,
        timezones={**timezones, **force.timezones},
        allow_handles=tuple(dict.fromkeys([*force.allow_handles, *handles])),
        names=tuple(dict.fromkeys([*force.names, *names])),
        allow_terms=tuple(dict.fromkeys([*force.allow_terms, *terms])),
        allow_numbers=tuple(dict.fromkeys([*force.allow_numbers, *numbers])),
    )


def load_team_posts(member: Member):
    """One team's posts (through its own posts cache) with the ``team`` column."""
    from postlab.loaders.cache import load_cached

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", PostlabWarning)
        posts, report = load_cached(member.data, root=member.root)
    return posts.assign(**{TEAM: member.team}), report


def pooled_posts(teams: list[Member]) -> pd.DataFrame:
    """Every team's posts in one table; an account exported by two teams is an error."""
    tables = [load_team_posts(m)[0] for m in teams]
    posts = pd.concat(tables, ignore_index=True) if tables else pd.DataFrame()
    shared = posts.groupby(["platform", "account"])[TEAM].nunique() if len(posts) else None
    if shared is not None and (shared > 1).any():
        platform, account = shared[shared > 1].index[0]
        owners = sorted(posts.loc[posts["account"] == account, TEAM].unique())
        raise WorkspaceError(
            f"account {account!r} on {platform} is in the exports of teams "
            f"{', '.join(owners)}: each account belongs to one team's workspace"
        )
    return posts


@dataclass(frozen=True)
class ByTeam:
    """The file's assignment applied to each team's posts with the team's own data folder
    (its labels, its schedule), for what takes pooled posts (``plan``'s history)."""

    inner: object
    folders: dict[str, Path]

    def __getattr__(self, name: str):
        """Everything else (randomised, describe, arm names, ...) is the file's assignment's."""
        if name == "inner":  # not set yet (a copy being built): never recurse
            raise AttributeError(name)
        return getattr(self.inner, name)

    def assign(self, posts: pd.DataFrame, arms, data_dir):
        from postlab.experiment.assign import Assigned, no_deviations

        parts = [
            self.inner.assign(posts[posts[TEAM] == team], arms, folder)
            for team, folder in self.folders.items()
            if (posts[TEAM] == team).any()
        ]
        if not parts:
            return self.inner.assign(posts, arms, data_dir)
        deviations = [p.deviations for p in parts if len(p.deviations)]
        return Assigned(
            arm=pd.concat([p.arm for p in parts]).reindex(posts.index),
            reason=pd.concat([p.reason for p in parts]).reindex(posts.index),
            deviations=pd.concat(deviations, ignore_index=True) if deviations else no_deviations(),
            suggested=sum(p.suggested for p in parts),
        )


def by_team(experiment, teams: list[Member]):
    """``experiment`` with its assignment applied team by team (``ByTeam``)."""
    folders = {m.team: m.data for m in teams}
    return replace(experiment, assignment=ByTeam(experiment.assignment, folders))


def plan_pooled(experiment, root: str | Path):
    """``postlab plan`` of a force workspace's experiment: every team's posts a week count,
    each team's posts in their arms by its own labels or schedule."""
    from postlab.experiment.plan import plan_experiment

    teams = members(root)
    settings = pooled_settings(load_settings(root), teams)
    return plan_experiment(by_team(experiment, teams), pooled_posts(teams), root, settings=settings)


def select_pooled(experiment, teams: list[Member], force: Settings):
    """Each team's posts in their arms by its own data folder (its schedule, its labels),
    then one ``Selection`` over the force: posts, left-out counts and deviations pooled."""
    from postlab.experiment.assign import no_deviations
    from postlab.experiment.select import Selection, select_posts

    selections, reports = [], []
    for member in teams:
        posts, report = load_team_posts(member)
        reports.append(report)
        selections.append(select_posts(experiment, posts, member.data, settings=member.settings))
    excluded = pd.concat([s.excluded for s in selections], ignore_index=True)
    if len(excluded):
        excluded = excluded.groupby("reason", sort=True)["posts"].sum().reset_index()
    deviations = [
        s.deviations.assign(**{TEAM: m.team})
        for s, m in zip(selections, teams, strict=True)
        if len(s.deviations)
    ]
    selection = Selection(
        posts=pd.concat([s.posts for s in selections], ignore_index=True),
        excluded=excluded if len(excluded) else selections[0].excluded,
        randomised=experiment.randomised,
        deviations=pd.concat(deviations, ignore_index=True) if deviations else no_deviations(),
        arms=tuple(experiment.arms),
        settings=pooled_settings(force, teams),
        suggested_labels=sum(s.suggested_labels for s in selections),
    )
    return selection, pooled_report(reports, teams)


def pooled_report(reports, teams: list[Member]):
    """The teams' load reports as one, each file named with its team."""
    from postlab.loaders.report import LoadReport

    joined = LoadReport(young_hours=reports[0].young_hours if reports else 48)
    for report, member in zip(reports, teams, strict=True):
        joined.files += [replace(f, path=f"{member.team}: {f.path}") for f in report.files]
        joined.skipped += [replace(f, path=f"{member.team}: {f.path}") for f in report.skipped]
        joined.merged += report.merged
        joined.posts += report.posts
    return joined


def team_summary(selection) -> pd.DataFrame:
    """Posts per team and arm, for the report's scope section."""
    posts = selection.posts
    table = posts.groupby([TEAM, "arm"]).size().unstack("arm", fill_value=0)
    return table.reindex(columns=list(selection.arms), fill_value=0).reset_index()
