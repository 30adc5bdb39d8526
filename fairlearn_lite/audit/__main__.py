"""The audit from the command line: ``python -m fairlearn_lite.audit DATA.csv --label ... ``.

Exit status 0 and the report's path on success; 2 and one line saying what is
wrong with the input, never a traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
import warnings
from pathlib import Path

from ._core import METRICS, audit
from ._csv import read_table

__all__ = ["main"]

EXAMPLE = ("example: python -m fairlearn_lite.audit data/mbo_dropout_scored.csv --label dropout "
           "--positive true --score risk --sensitive gender,migration_background")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2 (argparse's own convention)
        raise _InputError(f"{message} ({EXAMPLE.split(': ', 1)[1]})")


class _InputError(Exception):
    pass


def parser() -> argparse.ArgumentParser:
    """The command line's options (``--help`` lists them)."""
    p = _Parser(prog="python -m fairlearn_lite.audit", epilog=EXAMPLE,
                description="Audit a model's decisions for bias and write a report (HTML). "
                            "Nothing leaves this computer.")
    p.add_argument("data", help="the CSV file, one row per person (, or ; decimal . or ,)")
    p.add_argument("--label", required=True, help="the column with the actual outcome")
    p.add_argument("--positive", default=True,
                   help="the outcome value the model selects for (default: true / 1)")
    decision = p.add_mutually_exclusive_group(required=True)
    decision.add_argument("--score", help="a column of scores between 0 and 1")
    decision.add_argument("--prediction", help="a column of decisions (0/1 or the label's values)")
    p.add_argument("--cutoff", default="base-rate",
                   help="base-rate (default), capacity:F (e.g. capacity:0.25) or a number")
    p.add_argument("--sensitive", required=True, help="sensitive columns, separated by commas")
    p.add_argument("--privileged", action="append", default=[], metavar="COLUMN=VALUE",
                   help="the reference group of a column (default: its largest group)")
    p.add_argument("--metric", default="fp_per_group_size", choices=list(METRICS))
    p.add_argument("--min-group-size", type=int, default=50)
    p.add_argument("--out", help="where to write the report (default: next to the data)")
    return p


def _cutoff(text: str):
    try:
        return float(text.replace(",", "."))
    except ValueError:
        return text


def _privileged(pairs: list[str]) -> dict:
    chosen = {}
    for pair in pairs:
        if "=" not in pair:
            raise _InputError(f"--privileged must look like COLUMN=VALUE, such as gender=male; "
                              f"got {pair!r}")
        name, value = pair.split("=", 1)
        chosen[name.strip()] = value.strip()
    return chosen


def _one_line(error: Exception) -> str:
    """The error in the command line's words: "The 'label' parameter of audit" -> "--label"."""
    text = re.sub(r"The '(\w+)' parameter of (audit|read_table)",
                  lambda m: "--" + m.group(1).replace("_", "-") if m.group(1) != "path"
                  else "The data file", str(error))
    text = text.replace("audit needs exactly one of the parameters 'score'", "give exactly one "
                        "of --score").replace("and 'prediction'", "and --prediction")
    return " ".join(text.split())


def run(args: argparse.Namespace) -> Path:
    """Read the data, audit, write the report; returns the report's path."""
    data = read_table(args.data)
    result = audit(data, label=args.label, score=args.score, prediction=args.prediction,
                   sensitive=[s.strip() for s in args.sensitive.split(",") if s.strip()],
                   positive=args.positive, cutoff=_cutoff(args.cutoff),
                   privileged=_privileged(args.privileged), metric=args.metric,
                   min_group_size=args.min_group_size)
    out = Path(args.out) if args.out else Path(args.data).with_suffix("").with_name(
        Path(args.data).stem + "-audit.html")
    result.to_html(out)
    return out


def main(argv=None) -> int:
    """Run the command line; returns the exit status (0: report written, 2: bad input)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            out = run(parser().parse_args(argv))
        except (_InputError, ValueError, TypeError, KeyError, OSError) as error:
            print(f"error: {_one_line(error)}", file=sys.stderr)
            return 2
    for warning in caught:
        print(f"warning: {warning.message}", file=sys.stderr)
    print(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
