"""The ``tfshim`` command: ``tfshim run NOTEBOOK.ipynb [--write OUT.ipynb]`` and ``tfshim api``."""

from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="tfshim", description="Tools for running TensorFlow code on tfshim."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser(
        "run",
        help="run notebooks headless on tfshim and compare with their stored outputs",
        description="Run notebooks headless, in-process, with `import tensorflow` giving "
        "tfshim, and compare each code cell with the outputs stored in the notebook.",
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
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command == "api":
        import tfshim  # noqa: F401 - registers every op
        from tfshim._api import report

        sys.stdout.write(report())
        return 0
    if args.write and len(args.notebooks) > 1:
        parser.error("--write takes a single notebook")

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


if __name__ == "__main__":
    sys.exit(main())
