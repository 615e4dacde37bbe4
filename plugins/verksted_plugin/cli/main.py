"""`verksted` on the command line: check the data, start a new record, write the schemas.

Every text it prints (help, messages, argparse's own words) comes from the message
catalogue, in the language of `--lang`, `VERKSTED_LANG` or the site (see i18n.py).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from .. import __version__
from ..adapter.siteconfig import SiteSettings, folder_problems, read_settings
from ..editor.fmt import run_fmt
from ..language.i18n import (
    LANGUAGES,
    forced_language,
    preset_language,
    tr,
    tr_n,
    use_language,
)
from ..pages.generated import DEFAULT_PATHS
from ..portal.drafts import draft_problems
from ..records.load import FOLDERS, load_dataset
from ..records.problems import DataError, Problem
from ..records.report import FORMATS, counts, render, summary_line
from ..records.reproducible import ClockError
from ..records.schema import KINDS, SCHEMA_FOLDER, schema_text, write_schemas
from ..records.site_language import chosen_language
from .deadline_report import run_deadlines
from .initproject import InitError, init_project
from .install_source import installed_requirement
from .language import argparse_speaks_catalogue, language_in
from .newrecord import KIND_FOLDERS, NewRecord, NewRecordError, create


def main(argv: Sequence[str] | None = None) -> int:
    words = list(sys.argv[1:] if argv is None else argv)
    # `--lang` decides the language of the help too, so it is looked for before parsing.
    with forced_language(language_in(words)), use_language(preset_language()), \
            argparse_speaks_catalogue():
        args = _parser().parse_args(words)
    with forced_language(getattr(args, "lang", None)):  # as parsed (`--la en` too)
        try:
            return _run(args)
        except ClockError as error:  # a pinned clock that cannot be read: never the real one
            print(f"verksted: {error}", file=sys.stderr)
            return 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="verksted", description=tr("cli_description"),
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"verksted {__version__}",
                        help=tr("help_version"))
    _language(parser, None)
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help=tr("help_check"), description=tr("help_check"))
    _folders(check)
    check.add_argument("--format", choices=FORMATS, default="text", help=tr("help_check_format"))
    check.add_argument("--strict", action="store_true", help=tr("help_check_strict"))

    new = commands.add_parser("new", help=tr("help_new"), description=tr("help_new"))
    new.add_argument("kind", choices=tuple(KIND_FOLDERS), help=tr("help_new_kind"))
    new.add_argument("id", help=tr("help_new_id"))
    _folders(new)
    new.add_argument("--committee", metavar="ID", help=tr("help_new_committee"))
    new.add_argument("--method", metavar="ID", help=tr("help_new_method"))
    new.add_argument("--plan", metavar="ID", help=tr("help_new_plan"))

    schema = commands.add_parser("schema", help=tr("help_schema"), description=tr("help_schema"))
    schema.add_argument("--out", type=Path, default=Path(SCHEMA_FOLDER), metavar=tr("metavar_folder"),
                        help=tr("help_schema_out"))
    schema.add_argument("--check", action="store_true", help=tr("help_schema_check"))
    _language(schema)

    frister = commands.add_parser("frister", help=tr("help_frister"),
                                  description=tr("help_frister"))
    _folders(frister)
    frister.add_argument("--today", type=_day, metavar=tr("metavar_date"),
                         help=tr("help_frister_today"))
    frister.add_argument("--format", choices=("text", "json"), default="text",
                         help=tr("help_frister_format"))

    fmt = commands.add_parser("fmt", help=tr("help_fmt"), description=tr("help_fmt"))
    fmt.add_argument("files", nargs="*", type=Path, metavar=tr("metavar_file"),
                     help=tr("help_fmt_files"))
    _folders(fmt)
    fmt.add_argument("--check", action="store_true", help=tr("help_fmt_check"))

    init = commands.add_parser("init", help=tr("help_init"), description=tr("help_init"))
    init.add_argument("directory", type=Path, metavar=tr("metavar_folder"),
                      help=tr("help_init_directory"))
    init.add_argument("--name", default="Eksempel kommune", metavar=tr("metavar_name"),
                      help=tr("help_init_name"))
    _language(init)

    export = commands.add_parser("export", help=tr("help_export"), description=tr("help_export"))
    export.add_argument("directory", type=Path, metavar=tr("metavar_folder"),
                        help=tr("help_export_directory"))
    export.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar=tr("metavar_file"),
                        help=tr("help_config"))
    _language(export)
    return parser


def _language(parser: argparse.ArgumentParser, default: object = argparse.SUPPRESS) -> None:
    """`--lang` on the main command and on each subcommand (a subcommand's own default
    would overwrite the main one's value, hence SUPPRESS there)."""
    parser.add_argument("--lang", choices=LANGUAGES, default=default, help=tr("help_lang"))


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(tr("cli_bad_day", value=text)) from None


def _run(args: argparse.Namespace) -> int:
    if args.command in ("schema", "init"):  # no data folder: `--lang`, VERKSTED_LANG or bokmål
        with use_language(preset_language()):
            return _run_without_data(args)
    if args.command == "export":  # the build's modules, loaded only for this command
        from ..adapter.export import run_export
        return run_export(args.config, args.directory)
    settings = _settings(args)
    with use_language(chosen_language(settings.data_dir)):
        if args.command == "frister":
            return run_deadlines(settings, today=args.today, fmt=args.format)
        if args.command == "fmt":
            return run_fmt(list(args.files), settings.data_dir, check=args.check,
                           display_root=Path.cwd())
        if args.command == "check":
            return run_check(settings, fmt=args.format, strict=args.strict)
        request = NewRecord(args.kind, args.id, settings.data_dir, committee=args.committee,
                            method=args.method, plan=args.plan, project_root=settings.root)
        try:
            path = create(request)
        except NewRecordError as error:
            print(f"verksted new: {error}", file=sys.stderr)
            return 1
        print(tr("new_written", file=path))
        return 0


def _run_without_data(args: argparse.Namespace) -> int:
    if args.command == "init":
        requirement = installed_requirement()
        try:
            written = init_project(args.directory, args.name, requirement)
        except InitError as error:
            print(f"verksted init: {error}", file=sys.stderr)
            return 1
        print(tr_n("init_written", len(written), folder=args.directory))
        if not requirement.resolves:
            print(tr("init_requirement_unresolved", line=requirement.line,
                     file=args.directory / "requirements.txt"), file=sys.stderr)
        return 0
    return run_schema(args.out, check_only=args.check)


def _folders(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=Path("mkdocs.yml"), metavar=tr("metavar_file"),
                        help=tr("help_config"))
    parser.add_argument("--data-dir", type=Path, metavar=tr("metavar_folder"),
                        help=tr("help_data_dir"))
    parser.add_argument("--docs-dir", type=Path, metavar=tr("metavar_folder"),
                        help=tr("help_docs_dir"))
    _language(parser)


def _settings(args: argparse.Namespace) -> SiteSettings:
    found = read_settings(args.config)
    return replace(found, data_dir=args.data_dir or found.data_dir,
                   docs_dir=args.docs_dir or found.docs_dir)


def collect_problems(settings: SiteSettings) -> tuple[list[Problem], int | None]:
    """Every problem a build would report, and how many records were read (None on errors)."""
    docs_dir = settings.docs_dir if settings.docs_dir.is_dir() else None
    configured = _paths_problems(settings)
    try:
        dataset = load_dataset(settings.data_dir, docs_dir, display_root=Path.cwd())
    except DataError as error:
        return [*configured, *error.problems], None
    # Every folder of data/ the loader reads (plans … activities), so a new kind counts too.
    count = sum(len(getattr(dataset, folder)) for folder in FOLDERS)
    return [*configured, *dataset.warnings, *draft_problems(dataset)], count


def _paths_problems(settings: SiteSettings) -> list[Problem]:
    """The build's check of the `paths:` option (site.py), as a problem in mkdocs.yml."""
    found = folder_problems(settings.paths or {}, DEFAULT_PATHS, settings.blog_dirs)
    if not found:
        return []
    config = settings.config_file
    lines = config.read_text(encoding="utf-8").splitlines() if config and config.is_file() else []
    line = next((n for n, text in enumerate(lines, 1) if text.strip().startswith("paths:")), 1)
    where = config.as_posix() if config else "mkdocs.yml"
    return [Problem(where, line, "paths", "; ".join(found))]


def run_check(settings: SiteSettings, *, fmt: str = "text", strict: bool = False) -> int:
    problems, records = collect_problems(settings)
    counted = counts(problems)
    errors, warnings = counted["errors"], counted["warnings"]
    summary = summary_line(errors, warnings, records, counted["reminders"])
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
            print(tr("schema_written", file=path))
        return 0
    stale = [kind for kind in KINDS if not (folder / f"{kind}.json").is_file()
             or (folder / f"{kind}.json").read_text(encoding="utf-8") != schema_text(kind)]
    for kind in stale:
        print(tr("schema_stale", file=f"{folder / kind}.json"), file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
