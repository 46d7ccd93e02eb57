"""The ``tfshim`` command: ``tfshim run NOTEBOOK.ipynb [--write OUT.ipynb]``,
``tfshim run SCRIPT.py [ARGS...]``, ``tfshim run -m MODULE [ARGS...]`` and ``tfshim api``.

``python -m tfshim`` is the same command, and without a command it runs a program:
``python -m tfshim SCRIPT.py [ARGS...]``, ``python -m tfshim -m MODULE [ARGS...]``.
"""

from __future__ import annotations

import argparse
import sys

_COMMANDS = ("run", "api")


def _parser() -> argparse.ArgumentParser:
    from tfshim.version import TFSHIM_VERSION, VERSION

    parser = argparse.ArgumentParser(
        prog="tfshim", description="Tools for running TensorFlow code on tfshim."
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"tfshim {TFSHIM_VERSION} (TensorFlow {VERSION}'s API)",
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run",
        usage="%(prog)s [--module NAME] SCRIPT.py [ARGS ...]\n"
        "       %(prog)s [--module NAME] -m MODULE [ARGS ...]\n"
        "       %(prog)s [options] NOTEBOOK.ipynb [NOTEBOOK.ipynb ...]",
        help="run a Python program or notebooks on tfshim",
        description="Run a Python program as python would (SCRIPT.py or -m MODULE, with its "
        "arguments; its exit code and traceback are its own), or notebooks headless, "
        "in-process, comparing each code cell with the outputs stored in the notebook; "
        "`import tensorflow` gives tfshim. Programs also set TFSHIM_AS_TENSORFLOW=1, so the "
        "Python processes they start import tfshim as tensorflow too.",
    )
    run.add_argument("notebooks", nargs="+", metavar="NOTEBOOK.ipynb")
    run.add_argument("--write", metavar="OUT.ipynb", help="save a copy with the new outputs")
    run.add_argument(
        "--module", default="tfshim", help="module that `tensorflow` stands for (tfshim)"
    )
    run.add_argument("--rtol", type=float, default=1e-3, help="relative tolerance (1e-3)")
    run.add_argument("--atol", type=float, default=1e-5, help="absolute tolerance (1e-5)")
    run.add_argument("-v", "--verbose", action="store_true", help="show tracebacks")
    commands.add_parser(
        "api",
        help="print the API listing: tfshim's tf.* names, and per namespace how many of "
        "TF 2.21's public names exist",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Parse ``argv`` (default: sys.argv[1:]), run the command and return its exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and (argv[0] == "-m" or argv[0] not in _COMMANDS and not argv[0].startswith("-")):
        argv.insert(0, "run")  # python -m tfshim SCRIPT.py ARGS, python -m tfshim -m MODULE ARGS
    if argv[:1] == ["run"]:
        code = _run_program(argv[1:])
        if code is not None:
            return code
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "api":
        import tfshim  # noqa: F401 - registers every op
        from tfshim._api import report

        sys.stdout.write(report())
        return 0
    if args.write and len(args.notebooks) > 1:
        parser.error("--write takes a single notebook")
    scripts = [p for p in args.notebooks if not p.endswith(".ipynb")]
    if scripts:
        parser.error(
            f"{scripts[0]} is not a notebook (.ipynb); programs take no options but --module: "
            "tfshim run [--module NAME] SCRIPT.py [ARGS ...]"
        )

    from tfshim.notebook.runner import run_notebook

    code = 0
    for path in args.notebooks:
        if len(args.notebooks) > 1:
            print(f"== {path}", flush=True)
        code = max(
            code,
            run_notebook(
                path,
                write=args.write,
                module=args.module,
                rtol=args.rtol,
                atol=args.atol,
                verbose=args.verbose,
            ),
        )
    return code


def _run_program(args: list[str]) -> int | None:
    """Run ``SCRIPT.py ARGS`` or ``-m MODULE ARGS`` (after an optional ``--module NAME``) and
    return its exit code; None when ``args`` name notebooks, or options only they take."""
    module = "tfshim"
    i = 0
    while i < len(args):
        arg = args[i]
        if arg == "--module" and i + 1 < len(args):
            module = args[i + 1]
            i += 2
        elif arg.startswith("--module="):
            module = arg.partition("=")[2]
            i += 1
        elif arg == "-m" and i + 1 < len(args):
            from tfshim.notebook.program import run_program

            return run_program(args[i + 1], args[i + 2 :], as_module=True, module=module)
        elif arg.startswith("-") or arg.endswith(".ipynb"):
            return None
        else:
            from tfshim.notebook.program import run_program

            return run_program(arg, args[i + 1 :], module=module)
    return None


if __name__ == "__main__":
    sys.exit(main())
