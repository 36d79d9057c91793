"""The ``pst`` command: load plans, list them, query them, export, validate and reason over them.

Every error is one line on stderr naming the file/line/field and the reason, with a
non-zero exit status: 1 for bad input or a failed query, 2 for a usage error.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from rdflib import Graph, URIRef

from pstkg import __version__
from pstkg.errors import PstError, QueryError
from pstkg.inference import INFERRED_GRAPHS, reason_plan
from pstkg.linking import stale_derived_graphs
from pstkg.loading import LoadReport, load_files
from pstkg.named_queries import catalogue, run_named_query
from pstkg.namespaces import ID, PST, expand_curie
from pstkg.output import RESULT_FORMATS, format_result, short
from pstkg.sizes import format_size, parse_size
from pstkg.sparql_guard import check_query
from pstkg.store import (
    USER_PROLOGUE,
    ExportFormat,
    SelectResult,
    default_store_path,
    describe_store,
    open_store,
)
from pstkg.validation import Engine, Severity, resolve_plan, validate_each
from pstkg.validation.formats import RENDERERS, render_report

ECOMPTES_FORMAT = "ecomptes-xml"
TEMPLATE_FORMAT = "template"
FOLLOW_UP_FORMAT = "follow-up"
_LEVELS = (
    ("political_objectives", "OP"),
    ("strategic_objectives", "OS"),
    ("operational_objectives", "OO"),
    ("actions", "actions/projets"),
    ("fiches", "fiches"),
    ("steps", "étapes"),
)


class Terminated(BaseException):
    """SIGTERM, turned into an exception so that the command stops as cleanly as on Ctrl-C."""


def _terminate(signum: int, frame: object) -> None:
    raise Terminated


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pst`` console command."""
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = signal.signal(signal.SIGTERM, _terminate)
    try:
        return args.handler(args)
    except PstError as error:
        print(f"pst: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"pst: interrupted{_STOPPED.get(args.command, '')}", file=sys.stderr)
        return 130
    except Terminated:
        print(f"pst: terminated (SIGTERM){_STOPPED.get(args.command, '')}", file=sys.stderr)
        return 143
    except BrokenPipeError:
        # The reader went away (`pst query … | head`): what it wanted is written. Point
        # stdout at /dev/null so Python's final flush does not fail again on the closed pipe.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as error:
        if not error.filename:
            raise
        # A file named on the command line (--output, @FILE…) that cannot be written or read.
        print(f"pst: error: {error.filename}: {error.strerror or error}", file=sys.stderr)
        return 1
    finally:
        signal.signal(signal.SIGTERM, previous)


_STOPPED = {
    # What a stopped load leaves: each plan is written in one transaction (or one atomic bulk
    # ingestion), and the reading workers end with the command.
    "load": "; the store holds the plans written before the stop, each whole (pst plans lists "
    "them): pst load again for the rest",
}


def build_parser() -> argparse.ArgumentParser:
    """The argument parser, with one sub-command per verb of DESIGN.md §4."""
    parser = argparse.ArgumentParser(
        prog="pst",
        description="A knowledge graph of the strategic plans (PST) of Walloon CPAS.",
        epilog="The store is --store DIR|URL, else $PST_STORE, else "
        f"{default_store_path()}. A URL (http://host:port) names a SPARQL 1.1 server.",
    )
    parser.add_argument("--version", action="version", version=f"pst-kg {__version__}")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    store_option = argparse.ArgumentParser(add_help=False)
    store_option.add_argument(
        "--store",
        metavar="DIR|URL",
        help="store folder, or a SPARQL 1.1 server's URL (default: $PST_STORE or the user data "
        "folder)",
    )
    result_format = argparse.ArgumentParser(add_help=False)
    result_format.add_argument(
        "--format", choices=RESULT_FORMATS, default="table", help="output format (default: table)"
    )

    load = commands.add_parser(
        "load",
        parents=[store_option],
        help="load plan documents (text, PDF, CSV/XLSX template) into the store",
        description="Read each document, recognise its layout and replace its plan's graph in "
        "the store. Folders are searched for documents. A file that fails leaves the store as "
        "it was; the others still load.",
    )
    load.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="files or folders")
    load.add_argument("--cpas", help="the CPAS, for documents that do not name it")
    load.add_argument("--legislature", help="the législature, e.g. 2019-2024, if not stated")
    load.add_argument(
        "--report", choices=("text", "json"), default="text", help="load report format"
    )
    load.add_argument(
        "-v", "--verbose", action="store_true", help="list every warning and skipped passage"
    )
    load.set_defaults(handler=cmd_load)

    plans = commands.add_parser(
        "plans", parents=[store_option, result_format], help="list the plans in the store"
    )
    plans.set_defaults(handler=cmd_plans)

    query = commands.add_parser(
        "query",
        parents=[store_option, result_format],
        help="run a named query (pst query --list shows them)",
        description="Run one of the named queries of queries/ with typed parameters.",
    )
    query.add_argument("name", nargs="?", help="query name")
    query.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="a parameter value (repeatable)",
    )
    query.add_argument("--list", action="store_true", help="list the named queries")
    query.add_argument(
        "--limit", type=_positive_int, help="print at most this many rows (default: all)"
    )
    query.add_argument(
        "--offset", type=_whole_number, default=0, help="skip this many rows first (default 0)"
    )
    query.set_defaults(handler=cmd_query)

    sparql = commands.add_parser(
        "sparql",
        parents=[store_option, result_format],
        help="run a SPARQL 1.1 query",
        description="Run a SPARQL query given inline or as @FILE. The prefixes pst:, pstv:, "
        "pstid:, org:, sdg:, skos:, dcterms:, prov:, rdf:, rdfs:, owl: and xsd: are predeclared; "
        "relative IRIs resolve against https://w3id.org/pst-kg/id/ unless the query has a BASE. "
        "Each plan is a named graph: use GRAPH ?plan { ... }.",
    )
    sparql.add_argument("query", help="the query text, or @FILE to read it from a file")
    sparql.set_defaults(handler=cmd_sparql)

    export = commands.add_parser(
        "export",
        parents=[store_option],
        help="export the store (or one plan) as RDF, or one plan as eComptes PST XML",
    )
    export.add_argument("plan", nargs="?", help="the IRI of one plan (default: everything)")
    export.add_argument(
        "--format",
        choices=[
            *(fmt.value for fmt in ExportFormat),
            ECOMPTES_FORMAT,
            TEMPLATE_FORMAT,
            FOLLOW_UP_FORMAT,
        ],
        default=ExportFormat.TRIG.value,
        help="serialisation (default: trig; ttl merges the graphs; ecomptes-xml: the region's "
        "PST XML, one plan; template: the fill-in template, CSV or XLSX by --output's suffix, "
        "one plan; follow-up: the follow-up template of one plan's actions, CSV or XLSX by "
        "--output's suffix, to fill and pst load back)",
    )
    export.add_argument(
        "--output", type=Path, metavar="FILE", help="file to write (default: stdout)"
    )
    export.set_defaults(handler=cmd_export)

    draft = commands.add_parser(
        "draft",
        help="write the fill-in template pre-filled with what the reader recognised in FILE",
        description="Read FILE as pst load would, and write what was recognised as the fill-in "
        "template (data/templates/pst-modele.csv): one row per action, with the lines of FILE "
        "it comes from. Correct it in a spreadsheet, then `pst load` it. A plan the reader "
        "finds cut short is drafted as far as it goes, with a warning.",
    )
    draft.add_argument("file", type=Path, metavar="FILE", help="the plan document")
    draft.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="the template to write, .csv or .xlsx (default: CSV on stdout)",
    )
    draft.add_argument("--cpas", help="the CPAS, for documents that do not name it")
    draft.add_argument("--legislature", help="the législature, e.g. 2019-2024, if not stated")
    draft.set_defaults(handler=cmd_draft)

    plan_argument = argparse.ArgumentParser(add_help=False)
    plan_argument.add_argument(
        "plan", nargs="?", help="the plan's IRI or pstid:… as pst plans prints it (default: all)"
    )

    validate = commands.add_parser(
        "validate",
        parents=[store_option, plan_argument],
        help="check plans against the decree and the fiche guidance (SHACL)",
        description="Validate one plan, or every plan of the store, against the SHACL shapes of "
        "shapes/: what article 27ter of the loi organique des CPAS requires (non-conformités), "
        "the completeness of the fiches (avertissements) and quality hints (informations). The "
        "report is in French, each finding with the item's code, title, file and line. Exit "
        "status: 0 when the validation ran, whatever it found; 3 with --fail-on when a finding "
        "is at least that severe; 1 on error (empty store, unknown plan, or a plan that could not "
        "be validated: the others' report is still written, and the reason on stderr).",
    )
    validate.add_argument(
        "--format",
        choices=list(RENDERERS),
        default="text",
        help="report format (default: text; html for a page, ttl for a SHACL validation report)",
    )
    validate.add_argument(
        "--output", type=Path, metavar="FILE", help="file to write (default: stdout)"
    )
    validate.add_argument(
        "--engine",
        choices=[engine.value for engine in Engine],
        default=Engine.STORE.value,
        help="store: the shapes compiled to SPARQL, all plans at once (default); pyshacl: "
        "pyshacl plan by plan, the reference (slower, same findings)",
    )
    validate.add_argument(
        "--as-of",
        type=iso_date,
        metavar="DATE",
        help="the date (YYYY-MM-DD) the evaluation duties and the actions' échéances are checked "
        "at (default: today)",
    )
    validate.add_argument(
        "--fail-on",
        choices=[severity.value for severity in Severity],
        help="exit with status 3 if a finding is at least this severe",
    )
    validate.set_defaults(handler=cmd_validate)

    reason = commands.add_parser(
        "reason",
        parents=[store_option, plan_argument],
        help="run the OWL reasoner (HermiT) over the plans; keep its inferences apart",
        description="Check each plan (or the one given) for consistency with the ontology and "
        "store what HermiT infers (defined classes such as transversal projects, the item → plan "
        "links, inverse properties) in a graph of its own, "
        f"{INFERRED_GRAPHS}{{cpas}}/{{legislature}}, never in the plan's graph. Needs Java.",
    )
    reason.set_defaults(handler=cmd_reason)

    serve = commands.add_parser(
        "serve",
        parents=[store_option],
        help="serve the SPARQL endpoint, the API and the pages (http://127.0.0.1:8000/)",
        description="Start the query service: /sparql (SPARQL 1.1 Protocol, read-only), "
        "/api/queries, /api/plans, /id/..., the pages in French at /. An empty store gets "
        "./data/corpus when run from the repository.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address (default: 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    serve.add_argument(
        "--write-token", help="allow POST/DELETE /api/plans with 'Authorization: Bearer TOKEN'"
    )
    serve.add_argument(
        "--query-timeout",
        type=float,
        default=30.0,
        help="seconds a query may run, /sparql or named (default 30)",
    )
    serve.add_argument(
        "--result-limit", type=int, default=10_000, help="rows or triples per answer (10000)"
    )
    limits = serve.add_argument_group(
        "limits",
        "Sizes are bytes or a number with K, M, G (binary: 4G = 4 GiB). Each option left out "
        "keeps its default.",
    )
    limits.add_argument(
        "--query-memory",
        type=_memory_size,
        metavar="SIZE",
        help="memory each query worker may hold (RLIMIT_DATA); a query past it is stopped "
        "with 503 and its worker replaced (default 3G: five workers within 15 GiB; at least "
        "384M, a worker holding 200-250 MiB at rest)",
    )
    limits.add_argument(
        "--max-query-size",
        type=_size,
        metavar="SIZE",
        help="largest /sparql request body, refused with 413 before it is read, and query "
        "string (414) (default 1M); the HTTP parser refuses request heads of more than about "
        "64 KiB: POST long queries",
    )
    limits.add_argument(
        "--max-upload-size",
        type=_size,
        metavar="SIZE",
        help="largest plan document sent to POST /api/plans, refused with 413 before it is "
        "read, as is an upload without the token (default 20M)",
    )
    limits.add_argument(
        "--queries-per-client",
        type=_positive_int,
        metavar="N",
        help="/sparql queries one client (IP address) may have running at once; the others "
        "wait their turn (default 2)",
    )
    limits.add_argument(
        "--short-query-timeout",
        type=float,
        metavar="SECONDS",
        help="time allowed on the short lane, the worker kept for queries that come while "
        "every other is busy (default 5; never more than --query-timeout)",
    )
    serve.add_argument(
        "--allow-service",
        action="append",
        default=[],
        metavar="URL",
        help="a SPARQL endpoint /sparql queries may call with SERVICE <URL> (exact IRI; "
        "repeatable). Without it, federated queries are refused (403)",
    )
    serve.add_argument(
        "--cors-origin",
        action="append",
        metavar="ORIGIN",
        help="an origin (https://site.example) whose pages may read /sparql and /api/queries "
        "(repeatable; default *, any origin; 'none' for no CORS). Writes never get CORS",
    )
    serve.set_defaults(handler=cmd_serve)
    return parser


# -- commands -------------------------------------------------------------------------------


def cmd_load(args: argparse.Namespace) -> int:
    """``pst load``: load documents and print what was recognised."""
    # lexists: a broken link or a loop of links is reported as such, by its load report.
    missing = [path for path in args.paths if not os.path.lexists(path)]
    if missing:
        raise PstError(f"{missing[0]}: no such file or folder")
    with open_store(args.store) as store:
        reports = load_files(
            store, args.paths, args.cpas, args.legislature, progress=_progress(args.report)
        )
    if args.report == "json":
        print(json.dumps([report.as_dict() for report in reports], ensure_ascii=False, indent=2))
    else:
        for report in reports:
            print(_describe(report, args.verbose))
        print(_summary(reports, args.store))
    return 0 if reports and all(report.loaded for report in reports) else 1


def cmd_plans(args: argparse.Namespace) -> int:
    """``pst plans``: one row per plan in the store."""
    with open_store(args.store, read_only=True) as store:
        result = run_named_query(store, "plans")
    print(format_result(result, args.format))
    return 0


def cmd_query(args: argparse.Namespace) -> int:
    """``pst query``: run a named query, or list them."""
    if args.list or not args.name:
        for query in catalogue().values():
            params = " ".join(
                f"[--param {p.name}=<{p.type}{f'[{p.values_from}]' if p.values_from else ''}>]"
                for p in query.parameters
            )
            print(f"{query.name:28} {query.title}")
            print(f"{'':28} {query.description}")
            if params:
                print(f"{'':28} {params}")
        return 0
    values = {}
    for item in args.param:
        key, sep, value = item.partition("=")
        if not sep or not key:
            raise QueryError(f"--param {item!r}: expected KEY=VALUE")
        values[key.strip()] = value
    with open_store(args.store, read_only=True) as store:
        result = run_named_query(store, args.name, values)
        stale = stale_derived_graphs(store)
    if isinstance(result, SelectResult) and (args.limit is not None or args.offset):
        end = None if args.limit is None else args.offset + args.limit
        total = len(result.rows)
        result = SelectResult(result.variables, result.rows[args.offset : end])
        shown = f"{args.offset + 1}-{args.offset + len(result.rows)}" if result.rows else "none"
        print(f"pst: rows {shown} of {total}", file=sys.stderr)
    if stale:
        # Derived rows (themes, partners, ODD, similarity, search words) may be missing or old.
        print(
            f"pst: warning: {stale} derived graph(s) were made by another version of pst-kg's"
            " linking; `pst load` (any plan) remakes them",
            file=sys.stderr,
        )
    print(format_result(result, args.format))
    return 0


def cmd_sparql(args: argparse.Namespace) -> int:
    """``pst sparql``: run an arbitrary SPARQL query."""
    text = args.query
    if text.startswith("@"):
        path = Path(text[1:])
        try:
            text = path.read_text(encoding="utf-8")
        except OSError as error:
            raise QueryError(f"{path}: cannot read the query file ({error.strerror})") from None
    # Before the store: Oxigraph's parser crashes on very deep nesting. SERVICE stays allowed
    # here (the user's own machine and network); /sparql refuses it unless allowed.
    check_query(text, check_services=False)
    with open_store(args.store, read_only=True) as store:
        result = store.query(text, prologue=USER_PROLOGUE)
    # SPARQL results as they are: a SPARQL client reads them, not a spreadsheet.
    print(format_result(result, args.format, for_spreadsheets=False))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """``pst export``: serialise the store or one plan."""
    if args.format == ECOMPTES_FORMAT:
        return _export_ecomptes(args)
    if args.format == TEMPLATE_FORMAT:
        return _export_template(args)
    if args.format == FOLLOW_UP_FORMAT:
        return _export_follow_up(args)
    with open_store(args.store, read_only=True) as store:
        data = store.export(
            ExportFormat(args.format), URIRef(expand_curie(args.plan)) if args.plan else None
        )
    if args.output:
        args.output.write_bytes(data)
        print(f"wrote {len(data):,} bytes to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return 0


def _export_ecomptes(args: argparse.Namespace) -> int:
    """``pst export PLAN --format ecomptes-xml``: one plan in the region's exchange format."""
    from pstkg.exchange.ecomptes import export_ecomptes

    if not args.plan:
        raise QueryError("--format ecomptes-xml writes one plan: give its IRI (pst plans)")
    with open_store(args.store, read_only=True) as store:
        exported = export_ecomptes(store, URIRef(expand_curie(args.plan)))
    for warning in exported.warnings:
        print(f"pst: warning: {warning}", file=sys.stderr)
    if args.output:
        args.output.write_bytes(exported.data)
        print(f"wrote {len(exported.data):,} bytes to {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(exported.data)
    return 0


def _export_template(args: argparse.Namespace) -> int:
    """``pst export PLAN --format template``: one plan as the fill-in template."""
    from pstkg.exchange.template import template_rows

    if not args.plan:
        raise QueryError("--format template writes one plan: give its IRI (pst plans)")
    plan = URIRef(expand_curie(args.plan))
    with open_store(args.store, read_only=True) as store:
        graph = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?plan { ?s ?p ?o } }", {"plan": plan}
        )
    assert isinstance(graph, Graph)  # a CONSTRUCT's answer
    rows = template_rows(graph, plan)
    _write_template(rows.rows, args.output)
    return 0


def _export_follow_up(args: argparse.Namespace) -> int:
    """``pst export PLAN --format follow-up``: the follow-up template of one plan."""
    from pstkg.evaluations.follow_up import (
        follow_up_rows,
        write_follow_up_csv,
        write_follow_up_xlsx,
    )
    from pstkg.evaluations.matching import plan_items

    if not args.plan:
        raise QueryError("--format follow-up writes one plan's template: give its IRI (pst plans)")
    plan = URIRef(expand_curie(args.plan))
    with open_store(args.store, read_only=True) as store:
        if not store.query("ASK { GRAPH ?plan { ?plan a ?type } }", {"plan": plan}):
            raise QueryError(f"{args.plan}: no such plan (pst plans lists them)")
        items = plan_items(store, plan)
    reference = str(plan).removeprefix(str(ID["plan/"]))
    rows = follow_up_rows(reference, items)
    output = args.output
    if output is not None and output.suffix.lower() == ".xlsx":
        write_follow_up_xlsx(rows, output)
    elif output is None or output.suffix.lower() == ".csv":
        data = write_follow_up_csv(rows)
        if output is None:
            sys.stdout.buffer.write(data)
            return 0
        output.write_bytes(data)
    else:
        raise QueryError(f"{output.name}: write the follow-up template as .csv or .xlsx")
    print(f"wrote {len(rows)} row(s) to {output}", file=sys.stderr)
    return 0


def _write_template(rows: list[dict[str, str]], output: Path | None) -> None:
    """Template rows as CSV (stdout or a .csv file) or XLSX (an .xlsx file)."""
    from pstkg.exchange.template import write_csv, write_xlsx

    if output is None:
        sys.stdout.buffer.write(write_csv(rows))
        return
    suffix = output.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(rows, output)
    elif suffix == ".csv":
        output.write_bytes(write_csv(rows))
    else:
        raise QueryError(f"{output.name}: write the template as .csv or .xlsx")
    print(f"wrote {len(rows)} row(s) to {output}", file=sys.stderr)


def cmd_draft(args: argparse.Namespace) -> int:
    """``pst draft FILE``: the fill-in template pre-filled with what the reader recognised."""
    from pstkg.builder import build_plan_graph
    from pstkg.exchange.template import template_rows
    from pstkg.identity import resolve_identity
    from pstkg.loaders.read import read_document

    document = read_document(args.file, strict=False)
    parsed = document.parsed
    identity = resolve_identity(parsed, args.file, args.cpas, args.legislature)
    built = build_plan_graph(parsed, document.source, identity)
    rows = template_rows(built.graph, built.iri).rows
    print(
        f"{args.file.name}  [layout {parsed.layout}]: {len(parsed.strategic_objectives)} OS, "
        f"{len(parsed.operational_objectives())} OO, {len(parsed.actions())} actions/projets",
        file=sys.stderr,
    )
    for warning in [*parsed.warnings, *built.warnings]:
        if "truncated" in warning.message or "looks like" in warning.message:
            line = warning.span.first_line
            print(f"pst: warning: line {line}: {warning.message}", file=sys.stderr)
    if parsed.skipped:
        print(
            f"  {len(parsed.skipped)} passage(s) skipped (pst load -v {args.file} lists them); "
            "the column ligne_source gives each row's lines",
            file=sys.stderr,
        )
    _write_template(rows, args.output)
    return 0


def iso_date(text: str) -> date:
    """An argument's date, written YYYY-MM-DD (argparse reports the error in one line)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"invalid date {text!r}: expected YYYY-MM-DD") from None


def cmd_validate(args: argparse.Namespace) -> int:
    """``pst validate``: validate plans, write the report, summarise on stderr."""
    started = time.perf_counter()
    with open_store(args.store, read_only=True) as store:
        validation = validate_each(store, args.plan, Engine(args.engine), args.as_of)
    reports = validation.reports
    for plan, reason in validation.failures.items():
        print(f"pst: error: {short(plan)}: could not be validated: {reason}", file=sys.stderr)
    if not reports:
        return 1
    text = render_report(reports, args.format)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    totals = {severity: sum(r.counts[severity] for r in reports) for severity in Severity}
    conforming = sum(report.conforms for report in reports)
    print(
        f"validated {len(reports)} plan(s) in {time.perf_counter() - started:.1f} s: "
        f"{totals[Severity.VIOLATION]} violation(s), {totals[Severity.WARNING]} warning(s), "
        f"{totals[Severity.INFO]} info; {conforming} of {len(reports)} conform to the decree"
        + (f"; wrote {args.output}" if args.output else "")
        + (f"; {len(validation.failures)} could not be validated" if validation.failures else ""),
        file=sys.stderr,
    )
    if validation.failures:
        return 1
    if args.fail_on:
        threshold = Severity(args.fail_on).rank
        if any(totals[severity] for severity in Severity if severity.rank <= threshold):
            return 3
    return 0


def cmd_reason(args: argparse.Namespace) -> int:
    """``pst reason``: HermiT over each plan; the inferences replace the plan's inferred graph."""
    failed = 0
    with open_store(args.store) as store:
        for plan in resolve_plan(store, args.plan):
            outcome = reason_plan(store, plan)
            if outcome.error:
                failed += 1
                print(f"FAILED {short(plan)}: {outcome.error}")
                continue
            members = outcome.members or {}
            classes = ", ".join(f"{count} {_DEFINED[cls]}" for cls, count in members.items())
            print(
                f"reasoned {short(plan)} in {outcome.seconds:.1f} s: consistent; "
                f"{outcome.statements:,} inferred statements ({classes}) in {outcome.graph}"
            )
    return 1 if failed else 0


def cmd_serve(args: argparse.Namespace) -> int:
    """``pst serve``: the query service (imported here: the other commands do not need it)."""
    from pstkg.api.serve import serve

    limits = {
        name: value
        for name in _SERVE_LIMITS
        if (value := getattr(args, name)) is not None  # left out: the service's default
    }
    origins = args.cors_origin or ["*"]
    serve(
        args.host,
        args.port,
        args.store,
        args.write_token,
        args.query_timeout,
        args.result_limit,
        **limits,
        allowed_services=args.allow_service,
        cors_origins=[] if origins == ["none"] else origins,
    )
    return 0


_SERVE_LIMITS = (
    "query_memory",
    "max_query_size",
    "max_upload_size",
    "queries_per_client",
    "short_query_timeout",
)
"""The options of ``pst serve`` given to the service as they are named there."""

_MIN_QUERY_MEMORY = 384 << 20
"""Below this a query worker may not open the store at all (256 MiB: measured to fail)."""


def _size(text: str) -> int:
    try:
        size = parse_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None
    if size <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: a size must be above 0")
    return size


def _memory_size(text: str) -> int:
    size = _size(text)
    if size < _MIN_QUERY_MEMORY:
        raise argparse.ArgumentTypeError(
            f"{text!r} is too little: a query worker holds 200-250 MiB before any query; "
            f"give at least {format_size(_MIN_QUERY_MEMORY)}"
        )
    return size


def _whole_number(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number, 0 or more")
    return int(text)


def _positive_int(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: give a whole number, 1 or more")
    return int(text)


_DEFINED = {
    PST.TransversalProjectOrAction: "transversal",
    PST.CrossStrategicProjectOrAction: "cross-strategic",
    PST.PartneredProjectOrAction: "partnered",
}


# -- load report ----------------------------------------------------------------------------


def _progress(report_format: str):
    def show(index: int, total: int, path: Path) -> None:
        print(f"[{index}/{total}] reading {path.name} ...", file=sys.stderr, flush=True)

    return show


def _describe(report: LoadReport, verbose: bool) -> str:
    name = Path(report.file).name
    if not report.loaded:
        return f"FAILED {name}: {report.error}"
    if report.evaluation:
        return _describe_evaluation(report, verbose)
    counts = ", ".join(
        f"{report.counts[key]} {label}" for key, label in _LEVELS if report.counts.get(key)
    )
    lines = [
        f"loaded {name}  [layout {report.layout}]",
        *([f"  source: {report.note}"] if report.note else []),
        *([f"  markers: {report.markers}"] if report.markers else []),
        f"  plan: {report.plan}",
        f"  CPAS: {report.cpas} (from {report.cpas_from}); législature {report.legislature} "
        f"(from {report.legislature_from})",
        f"  recognised: {counts}; {report.counts.get('triples', 0):,} triples",
        f"  skipped: {len(report.skipped)} passage(s); warnings: {len(report.warnings)}",
    ]
    if verbose:
        lines += [f"    skipped {_lines(s)}: {s['reason']}" for s in report.skipped]
        lines += [f"    warning, {_lines(w)}: {w['message']}" for w in report.warnings]
    elif report.warnings:
        lines.append("    (pst load -v lists them)")
    return "\n".join(lines)


def _describe_evaluation(report: LoadReport, verbose: bool) -> str:
    counts = report.counts
    lines = [
        f"loaded {Path(report.file).name}  [{report.layout}]",
        f"  evaluation: {report.evaluation}",
        f"  of plan: {report.plan} (its graph unchanged)",
        f"  snapshots: {counts['snapshots']} line(s); matched by code {counts['matched_by_code']}"
        f", by title {counts['matched_by_title']}; {counts['triples']:,} triples",
    ]
    unmatched = report.unmatched_lines
    if unmatched:
        numbers = ", ".join(str(number) for number in unmatched)
        lines.append(
            f"  {len(unmatched)} line(s) without a matching action (kept as written): "
            f"line{'s' if len(unmatched) > 1 else ''} {numbers}"
        )
    if report.warnings:
        lines.append(f"  warnings: {len(report.warnings)}")
        if verbose:
            lines += [f"    warning, {_lines(w)}: {w['message']}" for w in report.warnings]
        else:
            lines.append("    (pst load -v lists them)")
    return "\n".join(lines)


def _lines(finding: dict[str, object]) -> str:
    """ "line 7" or "lines 7-53": where a finding of the load report stands."""
    lines = finding["lines"]
    assert isinstance(lines, list)  # [first, last], as pstkg.reading writes them
    first, last = lines
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _summary(reports: list[LoadReport], store: str | None) -> str:
    loaded = [report for report in reports if report.loaded]
    failed = [Path(report.file).name for report in reports if not report.loaded]
    text = f"{len(loaded)} of {len(reports)} file(s) loaded into {describe_store(store)}"
    if failed:
        text += f"; failed: {', '.join(failed)}"
    return text


if __name__ == "__main__":
    sys.exit(main())
