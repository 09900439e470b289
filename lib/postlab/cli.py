"""The ``postlab`` command.

Each subcommand lives in its own module under ``postlab.commands`` and is
found here by discovery, so adding a command never touches this file. A
command module has a docstring (first line = help), ``ORDER`` (position in
``--help``), ``configure(parser)`` and ``run(args) -> int``; ``WORKSPACE = True``
when it works on a project's data, experiments, runs or record: it then takes
``--team NAME`` (run as if inside ``teams/NAME/``).
"""

from __future__ import annotations

import argparse
import atexit
import contextlib
import importlib
import os
import pkgutil
import sys
import threading
import warnings

import postlab
from postlab.exceptions import PostlabError, PostlabWarning
from postlab.files import environment_error, environment_words
from postlab.project import team_root, using


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="postlab",
        description="Test social-media post styles the way a scientist would.",
    )
    parser.add_argument("--version", action=_Version, nargs=0, help="show the version and exit")
    parser.add_argument(
        "--debug", action="store_true", help="show the Python traceback of unexpected errors"
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in _command_modules():
        doc = (module.__doc__ or "").strip()
        sub = subparsers.add_parser(
            module.__name__.rsplit(".", 1)[-1],
            help=doc.splitlines()[0] if doc else None,
            description=doc,
            formatter_class=argparse.RawDescriptionHelpFormatter,
        )
        module.configure(sub)
        if getattr(module, "WORKSPACE", False):
            _add_team(sub)
        sub.set_defaults(handler=module.run)
    return parser


def _add_team(parser: argparse.ArgumentParser, default=None) -> None:
    """``--team NAME`` on a command and on each of its actions (label suggest --team x)."""
    parser.add_argument(
        "--team",
        metavar="NAME",
        default=default,
        help="work in team NAME's workspace (teams/NAME), as if run inside it",
    )
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for actions in action.choices.values():
                _add_team(actions, default=argparse.SUPPRESS)


class _Version(argparse.Action):
    """``--version``, read from the installed package only when asked for."""

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"postlab {postlab.__version__}")
        parser.exit()


def _command_modules() -> list:
    import postlab.commands as package

    modules = [
        importlib.import_module(f"{package.__name__}.{info.name}")
        for info in pkgutil.iter_modules(package.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(modules, key=lambda m: (m.ORDER, m.__name__))


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    with warnings.catch_warnings():
        warnings.simplefilter("always", PostlabWarning)
        warnings.showwarning = _show_warning
        try:
            return _run(args)
        except PostlabError as error:
            print(f"postlab: error: {error}", file=sys.stderr)
            return 1
        except KeyboardInterrupt:
            print("postlab: interrupted", file=sys.stderr)
            return 130
        except OSError as error:
            if environment_words(error) is None:
                return _internal_error(error, args.debug)
            print(f"postlab: error: {_one_line(environment_error(error))}", file=sys.stderr)
            return 1
        except MemoryError:
            print(
                "postlab: error: out of memory: close other programs, or give fewer files",
                file=sys.stderr,
            )
            return 1
        except Exception as error:  # a bug in postlab, not in the input
            return _internal_error(error, args.debug)


def run() -> None:
    """The ``postlab`` program: ``main``, then an exit without the interpreter's teardown.

    Freeing every object of every module a command loaded (pandas, matplotlib, a notebook
    client) takes 0.2-0.4 s after the answer is printed, and the officer waits for the
    prompt. What an exit must do still happens first: other threads end, the exit handlers
    run (temporary folders, kernels, logging) and the output is flushed.
    """
    code = main()
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()  # what the interpreter runs at exit; public in all but name
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError):  # a closed pipe (postlab … | head) is no error
            stream.flush()
    os._exit(code)


def _internal_error(error: Exception, debug: bool) -> int:
    if debug:
        raise error
    print(
        f"postlab: internal error: {type(error).__name__}: {_one_line(error)} "
        "(rerun with --debug for the traceback)",
        file=sys.stderr,
    )
    return 3


def _one_line(error: Exception, limit: int = 400) -> str:
    """What fits one line of a terminal: never the error handler's own failure."""
    try:
        text = " ".join(str(error).split())
    except Exception:  # noqa: BLE001 - an error whose text cannot be made is still reported
        text = type(error).__name__
    return text if len(text) <= limit else f"{text[: limit - 1]}…"


def _run(args: argparse.Namespace) -> int:
    team = getattr(args, "team", None)
    if team:
        with using(team_root(team)):
            return int(args.handler(args) or 0)
    return int(args.handler(args) or 0)


def _show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    print(f"postlab: warning: {message}", file=sys.stderr)


if __name__ == "__main__":
    run()
