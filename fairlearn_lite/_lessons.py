"""The workshop's lessons and timings, used by lesson 00 and the instructor guide."""

from __future__ import annotations

import pandas as pd

# (notebook, title, minutes, the question it answers)
LESSONS = [
    ("00-start-here", "Start here", 10, "Does my set-up work, and how do I use the kit?"),
    ("01-what-is-fair", "What is fair?", 35,
     "What does equal opportunity mean, and which data are sensitive?"),
    ("02-confusion-matrices", "Confusion matrices", 30,
     "Which errors does a prediction make, and whom do they harm?"),
    (None, "Break", 10, ""),
    ("03-three-fairness-criteria", "Three fairness criteria", 35,
     "Independence, separation or sufficiency: which one, and who decides?"),
    ("04-explainers", "Explaining and comparing models", 30,
     "Why does a model predict what it does, and is it fair to each group?"),
    ("05-mitigation", "Mitigation", 30, "What can we do about bias, and what does it cost?"),
]


def workshop_agenda(start: str = "09:30") -> pd.DataFrame:
    """The 3-hour workshop as a table: lesson, title, clock times, minutes, minutes from the start."""
    frame = pd.DataFrame(LESSONS, columns=["notebook", "title", "minutes", "question"])
    begin = pd.Timestamp(f"2000-01-01 {start}")
    ends = begin + pd.to_timedelta(frame["minutes"].cumsum(), unit="min")
    frame["start"] = (ends - pd.to_timedelta(frame["minutes"], unit="min")).dt.strftime("%H:%M")
    frame["end"] = ends.dt.strftime("%H:%M")
    frame["from_start"] = frame["minutes"].cumsum() - frame["minutes"]
    return frame[["notebook", "title", "start", "end", "minutes", "from_start", "question"]]
