"""Command-line interface: thin commands over the library (architecture §4).

Each command parses options, calls one library function and prints a summary.
Errors the user can act on (``AnalyzerError``) exit 1 with a one-line message;
usage errors exit 2 (click's convention).
"""

from __future__ import annotations

import functools
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from analyzer import __version__
from analyzer.errors import AnalyzerError

log = logging.getLogger("analyzer")


class Context:
    """Global options, resolved lazily so ``--help`` never opens a store."""

    def __init__(self, store: str | None, config: str | None, verbose: int, quiet: bool):
        self._store_option = store
        self._config_option = config
        self.verbose = verbose
        self.quiet = quiet
        self._config = None

    @property
    def config(self):
        if self._config is None:
            from analyzer.config import find_config, load_config

            self._config = load_config(find_config(self._config_option))
        return self._config

    @property
    def store_path(self) -> Path:
        import os

        return Path(
            self._store_option or os.environ.get("ANALYZER_STORE")
            or self.config.get("store", "path")
        )

    def open_store(self):
        from analyzer.store import Store

        return Store(self.store_path)

    def progress(self, total: int, desc: str):
        """A progress bar on a terminal; silent under cron, pipes or ``-q``."""
        from tqdm import tqdm

        disable = self.quiet or not sys.stderr.isatty()
        return tqdm(total=total, desc=desc, unit="file", disable=disable, leave=False)

    def say(self, text: str) -> None:
        if not self.quiet:
            click.echo(text)


def _echo_content(*lines: str) -> None:
    """Print lines that hold message content (subjects, names, list names) safely.

    Control characters, line breaks and bidi overrides inside a line are shown as
    escapes, so a stranger's subject cannot drive the terminal or forge output lines.
    """
    from analyzer.message_view import terminal_safe

    for line in lines:
        click.echo(terminal_safe(line))


def handle_errors(func: Callable[..., Any]) -> Callable[..., Any]:
    """Translate library errors into exit code 1 with a clear message."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except AnalyzerError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(1)

    return wrapper


def _check_list_name(ctx: click.Context, param: click.Parameter,
                     value: str | None) -> str | None:
    """A list name ends up in headers, file names and terminals: no control characters."""
    if value is not None and (not value.strip() or not value.isprintable() or len(value) > 200):
        raise click.BadParameter("a list name is 1-200 printable characters, "
                                 "without line breaks or control characters")
    return value


def list_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """``--list NAME``, shared by every command that can narrow to one list."""
    return click.option("--list", "list_name", metavar="NAME", callback=_check_list_name,
                        help="Only this list (default: all, or the name in the archive).")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="analyzer")
@click.option("--store", metavar="PATH", help="SQLite store [env ANALYZER_STORE; "
              "default corpora/analyzer.sqlite].")
@click.option("--config", metavar="PATH", help="TOML config [env ANALYZER_CONFIG; "
              "default ./analyzer.toml if present].")
@click.option("-v", "--verbose", count=True, help="More logging (-vv for debug).")
@click.option("-q", "--quiet", is_flag=True, help="Only errors; no progress bars.")
@click.pass_context
def cli(ctx: click.Context, store: str | None, config: str | None, verbose: int,
        quiet: bool) -> None:
    """Mailing-list digest and thread analyzer.

    Ingest Pipermail, HyperKitty and mbox archives into a threaded SQLite store,
    then look around with threads, stats, search and export.
    """
    level = logging.WARNING - 10 * verbose if not quiet else logging.ERROR
    level = max(level, logging.DEBUG)
    # -v/-vv are about this program: the root logger stays at WARNING so that
    # matplotlib, PIL or urllib3 debug chatter does not bury ours.
    logging.basicConfig(level=max(level, logging.WARNING) if verbose else level,
                        format="%(levelname)s %(message)s")
    logging.getLogger("analyzer").setLevel(level)
    ctx.obj = Context(store, config, verbose, quiet)


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@list_option
@click.option("--force", is_flag=True,
              help="Read files even if unchanged since the last run; thread lists whole.")
@click.option("--workers", type=click.IntRange(0, 64), default=None,
              help="Parse processes for large files (0: one per CPU) [config ingest.workers].")
@click.pass_obj
@handle_errors
def ingest(obj: Context, paths: tuple[Path, ...], list_name: str | None, force: bool,
           workers: int | None) -> None:
    """Ingest local archives into the store.

    PATHS may be Pipermail mirror folders, .txt/.txt.gz volumes, mbox/MMDF files
    (gzipped or not), maildir folders, .eml files, Pipermail HTML message pages or
    text renderings of them. Re-running is safe: unchanged files are skipped and
    no message is stored twice.
    """
    from analyzer.pipeline import ingest_paths, plan

    units = plan(paths, list_name)
    with obj.open_store() as store, obj.progress(len(units), "ingest") as bar:
        report = ingest_paths(store, paths, list_name=list_name, progress=bar.update,
                              force=force, units=units,
                              max_bytes=obj.config.get("ingest", "max_bytes"),
                              workers=obj.config.get("ingest", "workers")
                              if workers is None else workers)
    obj.say(_ingest_summary(report))


def _ingest_summary(report) -> str:
    stats = report.stats
    return (
        f"ingested {report.units} source(s) ({report.skipped_unchanged} unchanged): "
        f"{report.messages_seen} messages read, {stats.inserted} new, "
        f"{stats.duplicates} duplicates, {stats.conflicts} conflicts, "
        f"{report.quarantined} quarantined; {report.rethreaded} thread links updated"
        f" ({report.threaded} messages threaded)"
        + (f" ({report.parse_workers} parse workers)" if report.parse_workers else "")
    )


def _check_month(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    import re

    if value is not None and not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", value):
        raise click.BadParameter("expected YYYY-MM, e.g. 2025-01")
    return value


@cli.command()
@click.argument("url")
@list_option
@click.option("--since", metavar="YYYY-MM", callback=_check_month,
              help="Skip volumes older than this month.")
@click.option("--mirror", "mirror_dir", metavar="DIR", type=click.Path(path_type=Path),
              help="Mirror folder [config fetch.mirror].")
@click.pass_obj
@handle_errors
def fetch(obj: Context, url: str, list_name: str | None, since: str | None,
          mirror_dir: Path | None) -> None:
    """Mirror a Pipermail or HyperKitty list incrementally, then ingest what changed.

    Only volumes that changed since the last run are downloaded (conditional
    GET). Volumes that could not be fetched are named and the exit code is 1,
    after everything else was mirrored and ingested.
    """
    from analyzer.fetching import fetch_and_ingest

    with obj.open_store() as store:
        result = fetch_and_ingest(store, url, obj.config, list_name=list_name, since=since,
                                  mirror_dir=mirror_dir, quiet=obj.quiet)
    obj.say(result.summary())
    for warning in result.mirror.warnings[:20]:
        log.warning("%s", warning)
    if result.missing:
        click.echo("error: could not fetch: " + ", ".join(result.missing), err=True)
        sys.exit(1)


@cli.command()
@list_option
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes for nlp.pipe [config nlp.workers].")
@click.option("--model", default=None, help="spaCy pipeline name or path [config nlp.model].")
@click.option("--no-nlp", is_flag=True, help="Only message anatomy.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run on the Dask cluster at ADDRESS, e.g. tcp://10.0.0.5:8786"
                   " [config nlp.scheduler].")
@click.option("--results", "results_dir", metavar="DIR", type=click.Path(path_type=Path),
              help="Save the NLP results 'analyzer nlp' wrote to DIR instead of running "
                   "spaCy here (docs/cluster.md).")
@click.pass_obj
@handle_errors
def analyze(obj: Context, list_name: str | None, workers: int | None, model: str | None,
            no_nlp: bool, scheduler: str | None, results_dir: Path | None) -> None:
    """Analyse messages not yet analysed by the current pipeline version.

    First message anatomy (new text, quotes, forwarded messages, signature, list
    artefacts), then spaCy NLP on the new and forwarded text: officials,
    engagement stories, challenges, calls to action, events. Re-running on an
    unchanged store does no work. With a Dask scheduler, both run on the cluster's
    workers while this process alone reads and writes the store. With --results,
    the NLP results come from a cluster that ran 'analyzer nlp' on an export of
    this store; they are refused if made by another version or for texts that
    changed since.
    """
    from analyzer.anatomy import VERSION as ANATOMY_VERSION
    from analyzer.nlp.runner import nlp_version
    from analyzer.pipeline import update_anatomy, update_nlp

    config = obj.config
    if results_dir is not None:
        given = [name for name, value in (("--workers", workers), ("--model", model),
                                          ("--no-nlp", no_nlp), ("--scheduler", scheduler),
                                          ("--list", list_name)) if value]
        if given:
            raise click.UsageError(f"--results cannot be combined with {', '.join(given)}")
        _import_results(obj, results_dir)
        return
    scheduler = scheduler or config.get("nlp", "scheduler")
    with obj.open_store() as store:
        anatomy_total = store.count_needing_anatomy(ANATOMY_VERSION, list_name)
        if scheduler:
            from analyzer.nlp.distributed import update_distributed

            nlp_total = 0 if no_nlp else store.count_needing_nlp(nlp_version(), list_name)
            with obj.progress(anatomy_total + nlp_total, "dask") as bar:
                done, analysed = update_distributed(
                    store, scheduler, model=model or config.get("nlp", "model"),
                    list_name=list_name, progress=bar.update, nlp=not no_nlp)
            obj.say(f"anatomy: {done} message(s) analysed")
            if not no_nlp:
                obj.say(f"nlp: {analysed} message(s) analysed")
            return
        with obj.progress(anatomy_total, "anatomy") as bar:
            done = update_anatomy(store, list_name, progress=bar.update)
        obj.say(f"anatomy: {done} message(s) analysed")
        if no_nlp:
            return
        with obj.progress(store.count_needing_nlp(nlp_version(), list_name), "nlp") as bar:
            analysed = update_nlp(store, model=model or config.get("nlp", "model"),
                                  workers=workers or config.get("nlp", "workers"),
                                  list_name=list_name, progress=bar.update)
        obj.say(f"nlp: {analysed} message(s) analysed")


def _import_results(obj: Context, results_dir: Path) -> None:
    """``analyze --results``: anatomy as usual, then the cluster's NLP results."""
    from analyzer.nlp.parquet import import_results
    from analyzer.pipeline import update_anatomy

    with obj.open_store() as store:
        total = store.counts()["messages"]
        with obj.progress(total, "anatomy") as bar:
            done = update_anatomy(store, progress=bar.update)
        obj.say(f"anatomy: {done} message(s) analysed")
        with obj.progress(total, "import") as bar:
            report = import_results(store, results_dir, progress=bar.update)
    obj.say(f"nlp: {report.imported} message(s) imported from {results_dir} "
            f"(model {report.model})")
    if report.already:
        obj.say(f"  {report.already} result(s) skipped: analysed here since the export")
    if report.pending:
        obj.say(f"  {report.pending} message(s) still need NLP (not in these results): "
                "run 'analyzer analyze', or export and run 'analyzer nlp' again")


@cli.command("nlp")
@click.argument("input_dir", metavar="INPUT_DIR", type=click.Path(path_type=Path))
@click.option("-o", "--output", "results_dir", metavar="DIR", required=True,
              type=click.Path(path_type=Path),
              help="Folder for the results, one file per input partition (created).")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="Run on the Dask cluster at ADDRESS [config nlp.scheduler].")
@click.option("--model", default=None, help="spaCy pipeline name or path [config nlp.model].")
@click.option("--workers", type=click.IntRange(1, 64), default=None,
              help="Processes for nlp.pipe without a scheduler [config nlp.workers].")
@click.pass_obj
@handle_errors
def nlp_command(obj: Context, input_dir: Path, results_dir: Path, scheduler: str | None,
                model: str | None, workers: int | None) -> None:
    """Run the NLP stage on an exported input, without the store.

    For machines that cannot reach the store file: INPUT_DIR is written on the
    store machine by 'analyzer export nlp-input -o INPUT_DIR', and the results
    go back with 'analyzer analyze --results DIR'. Each result file is written
    whole or not at all, so running the same command again after an
    interruption analyses only the partitions that are not finished.
    """
    from analyzer.nlp.parquet import read_input_manifest, run_nlp

    config = obj.config
    total = read_input_manifest(input_dir).get("messages", 0)
    with obj.progress(total, "nlp") as bar:
        report = run_nlp(input_dir, results_dir, model=model or config.get("nlp", "model"),
                         workers=workers or config.get("nlp", "workers"),
                         scheduler=scheduler or config.get("nlp", "scheduler") or None,
                         progress=bar.update)
    obj.say(f"nlp: {report.analysed} of {report.partitions} partition(s) analysed "
            f"({report.messages} message(s)), {report.skipped} already finished -> "
            f"{results_dir}")


@cli.command()
@list_option
@click.option("-n", "--limit", default=30, show_default=True)
@click.pass_obj
@handle_errors
def officials(obj: Context, list_name: str | None, limit: int) -> None:
    """Officials named on the list, most mentioned first."""
    import json as _json

    from analyzer.store.database import iter_export_rows

    with obj.open_store() as store:
        rows = list(iter_export_rows(store, "officials", list_name))[:limit]
    for row in rows:
        aliases = ", ".join(_json.loads(row["aliases"])[:3])
        _echo_content(f"{row['mentions']:3d}  {row['name']} — {row['title'] or '?'}"
                      f"{', ' + row['role'] if row['role'] else ''}"
                      f" ({row['country'] or 'intergovernmental'}; {row['organization'] or '?'})"
                      f"{'  aka ' + aliases if aliases else ''}"
                      f"  [{(row['first_seen'] or '')[:10]} .. {(row['last_seen'] or '')[:10]}]")
    if not rows:
        obj.say("no officials (run 'analyzer analyze' first)")


@cli.command()
@click.argument("message_id")
@list_option
@click.pass_obj
@handle_errors
def show(obj: Context, message_id: str, list_name: str | None) -> None:
    """Print one message with its parts labelled (new, quote, forward, signature ...)."""
    from analyzer.errors import AnalyzerError
    from analyzer.message_view import render_message

    with obj.open_store() as store:
        _bring_anatomy_up_to_date(obj, store, list_name)
        view = store.message_view(message_id, list_name)
    if view is None:
        raise AnalyzerError(f"no message with id {message_id!r} in {obj.store_path}")
    click.echo(render_message(view))


def _bring_anatomy_up_to_date(obj: Context, store, list_name: str | None) -> None:
    """Run anatomy on messages ingested since the last ``analyze``.

    Anatomy is model-free and fast, so the commands that show new text (show,
    export, digest) never present a message as if it had none just because
    ``analyze`` has not run yet; NLP results still need ``analyze``.
    """
    from analyzer.anatomy import VERSION
    from analyzer.pipeline import update_anatomy

    if not store.anatomy_behind(VERSION):
        return
    pending = store.count_needing_anatomy(VERSION, list_name)
    with obj.progress(pending, "anatomy") as bar:
        done = update_anatomy(store, list_name, progress=bar.update)
    if done:
        log.info("anatomy of %d message(s) brought up to date", done)


def _check_formats(ctx: click.Context, param: click.Parameter, value: str) -> tuple[str, ...]:
    from analyzer.report.digest import FORMATS

    chosen = tuple(dict.fromkeys(f.strip().lower() for f in value.split(",") if f.strip()))
    unknown = [f for f in chosen if f not in FORMATS]
    if unknown or not chosen:
        raise click.BadParameter(f"expected a comma-separated choice of {', '.join(FORMATS)}")
    return chosen


@cli.command()
@list_option
@click.option("--week", metavar="YYYY-Www|last",
              help="ISO week, or 'last' complete week (the default).")
@click.option("--from", "date_from", metavar="DATE", help="First day (YYYY-MM-DD), with --to.")
@click.option("--to", "date_to", metavar="DATE", help="Last day, inclusive (YYYY-MM-DD).")
@click.option("--format", "formats", metavar="LIST", default="md,html,txt,json,ics",
              show_default=True, callback=_check_formats, help="Formats to write.")
@click.option("--out", "out_dir", metavar="DIR", type=click.Path(path_type=Path),
              help="Folder [default: REPORTS/LIST/PERIOD, REPORTS from output.reports].")
@click.option("--weeks", type=click.IntRange(1, 260), default=12, show_default=True,
              help="Weeks in the activity chart.")
@click.pass_obj
@handle_errors
def digest(obj: Context, list_name: str | None, week: str | None, date_from: str | None,
           date_to: str | None, formats: tuple[str, ...], out_dir: Path | None,
           weeks: int) -> None:
    """Write a list's digest for a week or date range, with its charts.

    Periods are days in the list's time zone ([[lists]] timezone, else UTC). With one
    list in the store --list may be left out.
    """
    from analyzer.report.digest import write_list_digest

    with obj.open_store() as store:
        _bring_anatomy_up_to_date(obj, store, list_name)
        run = write_list_digest(store, obj.config, list_name=list_name, week=week,
                                date_from=date_from, date_to=date_to, formats=formats,
                                out_dir=out_dir, weeks=weeks)
    figures = run.digest.figures
    obj.say(f"digest {run.digest.list} {run.digest.period}: {figures['messages'].value} "
            f"messages, {figures['threads'].value} threads, "
            f"{figures['participants'].value} participants -> {run.folder}")
    for path in run.paths:
        obj.say(f"  {path}")


@cli.command()
@click.argument("table", type=click.Choice(
    ["messages", "threads", "officials", "passages", "events", "quarantine",
     "participants", "nlp-input"]))
@list_option
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "parquet"]),
              default=None, help="[default: csv; nlp-input is always parquet]")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File (default stdout); a folder with --partitioned and for nlp-input.")
@click.option("--partitioned", is_flag=True,
              help="Parquet dataset in folder -o DIR, partitioned list=NAME/year=YYYY "
                   "(messages, threads).")
@click.pass_obj
@handle_errors
def export(obj: Context, table: str, list_name: str | None, fmt: str,
           output: Path | None, partitioned: bool) -> None:
    """Export a table with the stable columns of the export contract.

    nlp-input is not a table: it is what 'analyze' would give spaCy now, as a
    Parquet dataset in folder -o DIR, for 'analyzer nlp' on a machine without
    the store (docs/cluster.md).
    """
    from analyzer.export import PARTITION_YEAR_COLUMN, export_table, write_parquet_dataset

    if table == "nlp-input":
        _export_nlp_input(obj, list_name, fmt, output, partitioned)
        return
    fmt = fmt or "csv"
    if fmt == "parquet" and output is None:
        raise click.UsageError("--format parquet needs -o FILE")
    if partitioned and (fmt != "parquet" or table not in PARTITION_YEAR_COLUMN):
        raise click.UsageError("--partitioned needs --format parquet and table "
                               + " or ".join(PARTITION_YEAR_COLUMN))
    with obj.open_store() as store:
        if table == "messages":
            _bring_anatomy_up_to_date(obj, store, list_name)
        if partitioned:
            count = write_parquet_dataset(store, table, output, list_name)
        else:
            count = export_table(store, table, fmt, output, list_name)
    if output is not None:
        obj.say(f"wrote {count} {table} rows to {output}")


def _export_nlp_input(obj: Context, list_name: str | None, fmt: str | None,
                      output: Path | None, partitioned: bool) -> None:
    from analyzer.nlp.parquet import export_nlp_input

    if fmt not in (None, "parquet") or output is None:
        raise click.UsageError("nlp-input is a Parquet dataset: give its folder with -o DIR")
    with obj.open_store() as store:
        total = store.counts()["messages"]
        with obj.progress(total, "nlp-input") as bar:
            report = export_nlp_input(store, output, list_name, progress=bar.update)
    obj.say(f"wrote {report.messages} message(s), {report.texts} text(s) in "
            f"{report.partitions} partition(s) to {output}"
            + (f" (anatomy of {report.anatomy} message(s) brought up to date)"
               if report.anatomy else ""))


@cli.command()
@list_option
@click.option("-n", "--limit", default=20, show_default=True, help="How many threads.")
@click.pass_obj
@handle_errors
def threads(obj: Context, list_name: str | None, limit: int) -> None:
    """The most recently active threads."""
    from analyzer.store.database import iter_export_rows

    with obj.open_store() as store:
        rows = list(iter_export_rows(store, "threads", list_name))
    rows.sort(key=lambda r: r["last_date"] or "", reverse=True)
    for row in rows[:limit]:
        _echo_content(f"{(row['last_date'] or '')[:10]}  {row['messages']:4d} msgs "
                      f"{row['participants']:3d} people  [{row['list']}] {row['subject']}")


@cli.command()
@click.pass_obj
@handle_errors
def stats(obj: Context) -> None:
    """Counts per list and per table."""
    with obj.open_store() as store:
        counts = store.counts()
        click.echo(f"store {obj.store_path} (schema v{store.schema_version()})")
        for key, value in counts.items():
            click.echo(f"  {key:12s} {value}")
        for row in store.list_summary():
            _echo_content(f"  list {row['list']}: {row['messages']} messages, {row['threads']} "
                          f"threads, {row['participants']} participants, "
                          f"{(row['first'] or '')[:10]} .. {(row['last'] or '')[:10]}")


@cli.command()
@click.argument("query")
@list_option
@click.option("-n", "--limit", default=20, show_default=True)
@click.pass_obj
@handle_errors
def search(obj: Context, query: str, list_name: str | None, limit: int) -> None:
    """Full-text search over subjects and bodies (SQLite FTS5 syntax)."""
    with obj.open_store() as store:
        hits = store.search(query, list_name, limit)
    for hit in hits:
        snippet = " ".join(hit["snippet"].split())
        _echo_content(f"{(hit['date'] or '')[:10]}  {hit['from_name'] or '?'}: {hit['subject']}",
                      f"    {snippet}", f"    <{hit['message_id']}>")
    if not hits:
        obj.say("no matches")


@cli.command()
@list_option
@click.option("--week", metavar="YYYY-Www|last", help="ISO week (default: last complete week).")
@click.option("--to", "recipients", multiple=True, metavar="ADDR",
              help="Recipient (repeatable; default: the list's configured recipients).")
@click.option("--dry-run", is_flag=True, help="Write the .eml files instead of sending.")
@click.pass_obj
@handle_errors
def send(obj: Context, list_name: str | None, week: str | None, recipients: tuple[str, ...],
         dry_run: bool) -> None:
    """Email a digest: text and HTML with inline charts, and the events calendar.

    SMTP comes from [smtp] in the config; the password only from the environment
    variable named there. With no SMTP host the messages go to the outbox folder
    as .eml files. Recipients who already received this period's digest are
    skipped, so re-running is safe. Test a configuration with --dry-run.
    """
    from analyzer.jobs import send_digest

    with obj.open_store() as store:
        outcome = send_digest(store, obj.config, list_name=list_name, week=week,
                              to=recipients, dry_run=dry_run)
    obj.say(outcome.summary())
    for path in outcome.files:
        obj.say(f"  {path}")


@cli.command()
@list_option
@click.option("--as-of", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="Act as if today were this date (default: today in the list's zone).")
@click.pass_obj
@handle_errors
def run(obj: Context, list_name: str | None, as_of) -> None:
    """The cron job: fetch, ingest, analyze and send the last complete period's digest.

    Idempotent (a ledger records every delivery) and locked (a second run exits at
    once with code 75). Prints one summary line per list; a failing step is named
    with its list and the exit code is 1.
    """
    from analyzer.jobs import EXIT_LOCKED, RunLocked, run_lists, run_lock

    _log_to_file(obj.config.get("output", "log"))
    try:
        with run_lock(obj.store_path), obj.open_store() as store:
            results = run_lists(store, obj.config, list_name=list_name,
                                as_of=as_of.date() if as_of else None)
    except RunLocked as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_LOCKED)
    for result in results:
        click.echo(result.line(), err=bool(result.failed_step))
    if any(result.failed_step for result in results):
        sys.exit(1)


def _log_to_file(path: str) -> None:
    """Details of a run go to the configured log file (cron mails stay short)."""
    if not path:
        return
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger("analyzer").setLevel(logging.INFO)


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="analyzer")
