"""Environment errors in words: disk full, permission, read-only, a name too long: one line
naming the path and what to do, exit 1, and the record as it was."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from postlab.cli import main
from postlab.commands import load as load_command
from postlab.record import store

CASES = {
    errno.ENOSPC: "the disk is full",
    errno.EACCES: "permission denied",
    errno.EPERM: "not permitted",
    errno.EROFS: "read-only",
    errno.ENAMETOOLONG: "file name is too long",
    errno.EDQUOT: "quota",
}


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EROFS])
def test_an_environment_error_while_writing_the_record_leaves_it_whole(
    project, capsys, monkeypatch, code
):
    (project / "experiments" / "good.yml").unlink()  # no notebook to run: the record alone
    assert main(["rerun", "--no-explore"]) == 0
    before = _files(project / "record")
    capsys.readouterr()

    def fail(*args, **kwargs):  # no file name, as a failing write() gives
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(store.shutil, "copyfile", fail)
    assert main(["rerun", "--no-explore"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("postlab: error: ")
    assert f"{project / 'record'}: " in err and CASES[code] in err
    assert _files(project / "record") == before
    assert not list(project.glob(".record.*"))  # the half-written staging folder is gone


@pytest.mark.parametrize("code", sorted(CASES))
def test_an_environment_error_anywhere_is_one_line_with_its_path(
    project, capsys, monkeypatch, code
):
    def fail(args):
        raise OSError(code, os.strerror(code), "data/posts.parquet")

    monkeypatch.setattr(load_command, "run", fail)
    assert main(["load"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("postlab: error: data/posts.parquet: ") and CASES[code] in err
    assert err.count("\n") == 1


def test_an_unknown_os_error_is_still_reported_as_a_bug(project, capsys, monkeypatch):
    def odd(args):
        raise OSError(errno.EPROTO, "Protocol error")

    monkeypatch.setattr(load_command, "run", odd)
    assert main(["load"]) == 3
    assert "internal error: OSError" in capsys.readouterr().err


def test_out_of_memory_is_one_line(project, capsys, monkeypatch):
    def huge(args):
        raise MemoryError

    monkeypatch.setattr(load_command, "run", huge)
    assert main(["load"]) == 1
    assert capsys.readouterr().err.startswith("postlab: error: out of memory")
