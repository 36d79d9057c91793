"""``python -m bench.synthetic --plans N --seed S --out DIR [--rdf]``: write a synthetic region."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from bench.synthetic.rdf import NQUADS, write_nquads
from bench.synthetic.region import MANIFEST, MAX_PLANS, generate_region


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} is not a positive number")
    return value


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m bench.synthetic",
        description=(
            "Write a deterministic synthetic region of PST plans shaped like data/corpus: the "
            "documents in the four layouts (with .meta.toml sidecars where a layout does not "
            f"state its CPAS) and {MANIFEST}, which says what each plan holds. The same seed "
            "writes the same bytes, and plan i is the same whatever --plans is."
        ),
    )
    parser.add_argument(
        "--plans", type=_positive, required=True, help=f"how many plans (1 to {MAX_PLANS})"
    )
    parser.add_argument("--seed", type=int, default=2026, help="the region's seed (default 2026)")
    parser.add_argument(
        "--out", type=Path, required=True, help="the folder to write (new, empty or an old region)"
    )
    parser.add_argument(
        "--rdf",
        action="store_true",
        help=f"also load the documents with pst-kg and write the store as N-Quads ({NQUADS})",
    )
    parser.add_argument(
        "--progress-every",
        type=_positive,
        default=100,
        metavar="N",
        help="print a progress line every N plans (default 100)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; 0 on success, 2 on bad input, 1 when (with --rdf) a document did not
    load or loaded with other counts than the manifest's."""
    args = _parser().parse_args(argv)
    if args.plans > MAX_PLANS:
        print(f"bench.synthetic: --plans is at most {MAX_PLANS}", file=sys.stderr)
        return 2

    def progress(done: int, total: int) -> None:
        if done % args.progress_every == 0 or done == total:
            print(f"generated {done}/{total} plans", file=sys.stderr, flush=True)

    started = time.perf_counter()
    try:
        manifest = generate_region(args.plans, args.seed, args.out, progress)
    except (OSError, ValueError) as error:
        print(f"bench.synthetic: {error}", file=sys.stderr)
        return 2
    totals = manifest["totals"]
    assert isinstance(totals, dict)
    print(
        f"wrote {args.plans} plans ({totals['actions']:,} actions, {totals['fiches']:,} fiches) "
        f"to {args.out} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    if not args.rdf:
        return 0
    started = time.perf_counter()
    result = write_nquads(args.out)
    for report in result.failed:
        print(f"bench.synthetic: not loaded: {report.error}", file=sys.stderr)
    mismatches = result.mismatches(manifest)
    for mismatch in mismatches:
        print(f"bench.synthetic: manifest and load differ: {mismatch}", file=sys.stderr)
    print(
        f"loaded {len(result.reports) - len(result.failed)}/{len(result.reports)} plans; wrote "
        f"{result.quads:,} quads to {result.path} in {time.perf_counter() - started:.1f} s",
        file=sys.stderr,
    )
    return 1 if result.failed or mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
