"""`verksted` on the command line: check the data, start a new record, write the schemas.

    verksted check [--format text|github|json] [--strict]
    verksted new workshop|committee|method|plan <id>
    verksted schema [--check]
    verksted frister [--today YYYY-MM-DD] [--format text|json]
    verksted fmt [--check] [FILE ...]
    verksted init DIR
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from .deadline_report import run_deadlines
from .drafts import draft_problems
from .editor.fmt import run_fmt
from .initproject import InitError, init_project
from .load import load_dataset
from .newrecord import KIND_FOLDERS, NewRecord, NewRecordError, create
from .problems import DataError, Problem
from .report import FORMATS, render, summary_line
from .schema import KINDS, SCHEMA_FOLDER, schema_text, write_schemas
from .siteconfig import SiteSettings, read_settings


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="verksted", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate every record in the data folder")
    _folders(check)
    check.add_argument("--format", choices=FORMATS, default="text",
                       help="text for people, github for GitHub Actions annotations, json")
    check.add_argument("--strict", action="store_true", help="warnings fail too")

    new = commands.add_parser("new", help="write a new record from a commented template")
    new.add_argument("kind", choices=tuple(KIND_FOLDERS))
    new.add_argument("id", help="the file name without extension, e.g. 2020-09-15-fjerde-verksted")
    _folders(new)
    new.add_argument("--committee", help="for a workshop: the committee holding it")
    new.add_argument("--method", help="for a workshop: the method it follows")
    new.add_argument("--plan", help="for a committee: the plan it advises on")

    schema = commands.add_parser("schema", help="write the JSON Schemas into schema/")
    schema.add_argument("--out", type=Path, default=Path(SCHEMA_FOLDER))
    schema.add_argument("--check", action="store_true",
                        help="only report whether the files are up to date")

    frister = commands.add_parser(
        "frister", help="list the coming deadlines of every planned workshop, soonest first")
    _folders(frister)
    frister.add_argument("--today", type=date.fromisoformat,
                         help="count from this day (YYYY-MM-DD) instead of today")
    frister.add_argument("--format", choices=("text", "json"), default="text")

    fmt = commands.add_parser("fmt", help="write record files in canonical form (for clean diffs)")
    fmt.add_argument("files", nargs="*", type=Path, help="record files; default: all in data/")
    _folders(fmt)
    fmt.add_argument("--check", action="store_true",
                     help="change nothing; fail if a file is not in canonical form")

    init = commands.add_parser("init", help="start a new portal: mkdocs.yml, data/, docs/, CI")
    init.add_argument("directory", type=Path)
    init.add_argument("--name", default="Eksempel kommune", help="the municipality's name")

    args = parser.parse_args(argv)
    if args.command == "frister":
        return run_deadlines(_settings(args), today=args.today, fmt=args.format)
    if args.command == "fmt":
        settings = _settings(args)
        return run_fmt(list(args.files), settings.data_dir, check=args.check, display_root=Path.cwd())
    if args.command == "init":
        try:
            written = init_project(args.directory, args.name)
        except InitError as error:
            print(f"verksted init: {error}", file=sys.stderr)
            return 1
        print(f"wrote {len(written)} files into {args.directory}; next: cd {args.directory} "
              "and follow README.md")
        return 0
    if args.command == "check":
        return run_check(_settings(args), fmt=args.format, strict=args.strict)
    if args.command == "new":
        settings = _settings(args)
        request = NewRecord(args.kind, args.id, settings.data_dir, committee=args.committee,
                            method=args.method, plan=args.plan, project_root=settings.root)
        try:
            path = create(request)
        except NewRecordError as error:
            print(f"verksted new: {error}", file=sys.stderr)
            return 1
        print(f"wrote {path}; fill it in, then run: verksted check")
        return 0
    return run_schema(args.out, check_only=args.check)


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"),
                        help="the site's mkdocs.yml; its verksted options name the data folder")
    parser.add_argument("--data-dir", type=Path, help="the data folder (overrides --config)")
    parser.add_argument("--docs-dir", type=Path, help="where photos and files live")


def _settings(args: argparse.Namespace) -> SiteSettings:
    found = read_settings(args.config)
    return SiteSettings(found.root, args.data_dir or found.data_dir,
                        args.docs_dir or found.docs_dir, found.site_url)


def collect_problems(settings: SiteSettings) -> tuple[list[Problem], int | None]:
    """Every problem a build would report, and how many records were read (None on errors)."""
    docs_dir = settings.docs_dir if settings.docs_dir.is_dir() else None
    try:
        dataset = load_dataset(settings.data_dir, docs_dir, display_root=Path.cwd())
    except DataError as error:
        return list(error.problems), None
    count = sum(len(group) for group in (dataset.plans, dataset.committees, dataset.methods,
                                         dataset.workshops))
    return [*dataset.warnings, *draft_problems(dataset)], count


def run_check(settings: SiteSettings, *, fmt: str = "text", strict: bool = False) -> int:
    problems, records = collect_problems(settings)
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    summary = summary_line(errors, warnings, records)
    if fmt == "text":  # for people: the problems on stderr, like the build's, the verdict on stdout
        if problems:
            print(render(problems, "text", "").rstrip("\n"), file=sys.stderr)
        print(summary)
    else:  # for tools, all on stdout
        print(render(problems, fmt, summary))  # type: ignore[arg-type]
    return 1 if errors or (strict and warnings) else 0


def run_schema(folder: Path, *, check_only: bool) -> int:
    if not check_only:
        for path in write_schemas(folder):
            print(f"wrote {path}")
        return 0
    stale = [kind for kind in KINDS if not (folder / f"{kind}.json").is_file()
             or (folder / f"{kind}.json").read_text(encoding="utf-8") != schema_text(kind)]
    for kind in stale:
        print(f"{folder / kind}.json is out of date: run verksted schema", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
