"""A bias audit in one call, with a report anyone can read, from Python or the command line.

>>> from fairlearn_lite.audit import audit, read_table            # doctest: +SKIP
>>> result = audit(read_table("scores.csv"), label="left", score="risk",
...                sensitive=["gender", "age_band"])                # doctest: +SKIP
>>> result.to_html("audit.html")                                   # doctest: +SKIP

Or, without Python::

    python -m fairlearn_lite.audit scores.csv --label left --score risk --sensitive gender,age_band

The audit follows the City of Amsterdam's bias analysis of its welfare-application
model: a metric chosen with the fairness tree (by default false positives per
group size: the chance that a random person is wrongly selected), each sensitive
variable's groups compared with a reference group, small groups and wide intervals
marked uncertain, at one stated operating point. Nothing leaves the machine: the
report is one HTML file with its figures inside.
"""

from ._core import METRICS, AuditResult, audit
from ._csv import columns_overview, read_table

__all__ = ["METRICS", "AuditResult", "audit", "columns_overview", "read_table"]
