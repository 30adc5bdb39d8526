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
           "--positive yes --score risk --sensitive gender,migration_background")


class _Parser(argparse.ArgumentParser):
    def error(self, message):  # one line, exit 2 (argparse's own convention)
        hint = (" (a list after --sensitive has no spaces, or goes in quotes: "
                "--sensitive \"gender, age band\")" if "unrecognized arguments" in message
                else f" ({EXAMPLE.split(': ', 1)[1]})")
        raise _InputError(message + hint)


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
    p.add_argument("--score-percent", action="store_true",
                   help="the scores are percentages (0-100) and are divided by 100")
    p.add_argument("--missing-group", metavar="NAME",
                   help="put people with an empty sensitive cell in a group of this name")
    p.add_argument("--metric", default="fp_per_group_size", choices=list(METRICS))
    p.add_argument("--min-group-size", type=int, default=50)
    p.add_argument("--out", help="where to write the report (default: next to the data)")
    return p


def _cutoff(text: str):
    """A number or a rule; a decimal comma is fine (0,3 and capacity:0,25)."""
    text = text.strip().replace(",", ".")
    try:
        return float(text)
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


def _option(name: str) -> str:
    return {"path": "The data file", "data": "The data file"}.get(name,
                                                                   "--" + name.replace("_", "-"))


def _one_line(error: Exception) -> str:
    """The error in the command line's words: "The 'label' parameter of audit" -> "--label"."""
    text = re.sub(r"The '(\w+)' parameter of (audit|read_table)", lambda m: _option(m.group(1)),
                  str(error))
    text = re.sub(r"Give them an explicit group, for example .*?fillna\('unknown'\)\.",
                  "Give them an explicit group: fill the empty cells, or add --missing-group "
                  "unknown.", text)
    text = text.replace("divide them by 100 first.", "divide them by 100 first, or add "
                        "--score-percent.")
    text = text.replace("audit needs exactly one of the parameters 'score'", "give exactly one "
                        "of --score").replace("and 'prediction'", "and --prediction")
    return " ".join(text.split())


def _report_path(args: argparse.Namespace) -> Path:
    """Where the report goes: ``--out``, or next to the data; checked before the work is done."""
    out = Path(args.out) if args.out else Path(args.data).with_name(
        Path(args.data).stem + "-audit.html")
    if out.is_dir() or not out.parent.is_dir():
        raise _InputError(f"--out must be a file in an existing folder; got {str(out)!r}")
    return out


def _prepared(args: argparse.Namespace, sensitive: list[str]):
    """The table as read, with the command line's own conveniences applied to a copy."""
    data = read_table(args.data)
    if args.score_percent and args.score in data.columns:
        data[args.score] = data[args.score] / 100
    if args.missing_group is not None:
        for name in (s for s in sensitive if s in data.columns):
            data[name] = data[name].astype(object).where(data[name].notna(), args.missing_group)
    return data


def run(args: argparse.Namespace) -> Path:
    """Read the data, audit, write the report; returns the report's path."""
    sensitive = [s.strip() for s in args.sensitive.split(",") if s.strip()]
    data = _prepared(args, sensitive)
    out = _report_path(args)
    result = audit(data, label=args.label, score=args.score,
                   prediction=args.prediction, sensitive=sensitive,
                   positive=args.positive, cutoff=_cutoff(args.cutoff),
                   privileged=_privileged(args.privileged), metric=args.metric,
                   min_group_size=args.min_group_size)
    result.to_html(out, source=Path(args.data).name)
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
