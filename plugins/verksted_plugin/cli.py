"""`verksted` on the command line: check the data folder without building the site."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .load import load_dataset
from .problems import DataError


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="verksted", description=__doc__)
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate every record in the data folder")
    check.add_argument("--data-dir", default="data", help="the data folder (default: data)")
    check.add_argument("--docs-dir", default="docs", help="where photos and files live")
    check.add_argument("--strict", action="store_true", help="warnings fail too")
    args = parser.parse_args(argv)
    return run_check(Path(args.data_dir), Path(args.docs_dir), strict=args.strict)


def run_check(data_dir: Path, docs_dir: Path, *, strict: bool = False) -> int:
    try:
        dataset = load_dataset(data_dir, docs_dir if docs_dir.is_dir() else None,
                               display_root=Path.cwd())
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    for warning in dataset.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    count = sum(len(group) for group in (dataset.plans, dataset.committees, dataset.methods,
                                         dataset.workshops))
    print(f"{data_dir}: {count} records, no errors")
    return 1 if strict and dataset.warnings else 0


if __name__ == "__main__":
    sys.exit(main())
