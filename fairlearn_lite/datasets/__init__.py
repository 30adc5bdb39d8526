"""Synthetic, documented study data: seeded generators and the CSVs shipped in data/.

No record describes a real person. Each generator's parameters carry their
source ("sourced: ..." or "assumed"); the data card ``data/README.md`` lists them.

- :func:`make_study_cohort` / :func:`load_study_cohort`: a first-year bachelor cohort.
- :func:`make_selection_case` / :func:`load_selection_case`: the nursing-programme selection.
- :func:`make_mbo_dropout` / :func:`load_mbo_dropout`: an mbo level-2 intake, by team.
- :func:`make_grant_check` / :func:`load_grant_check`: the student-grant fraud check.
- :func:`make_audit_example`: the mbo intake with a model's risk scores, shipped as
  ``data/mbo_dropout_scored.csv`` in Dutch Excel format (the audit's example).
"""

from ._cases import make_grant_check, make_mbo_dropout, make_selection_case
from ._cohort import SCENARIOS, make_study_cohort
from ._example import make_audit_example
from ._load import load_grant_check, load_mbo_dropout, load_selection_case, load_study_cohort

__all__ = [
    "SCENARIOS",
    "load_grant_check",
    "load_mbo_dropout",
    "load_selection_case",
    "load_study_cohort",
    "make_audit_example",
    "make_grant_check",
    "make_mbo_dropout",
    "make_selection_case",
    "make_study_cohort",
]
