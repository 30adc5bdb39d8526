"""The workshop's lessons and timings, used by lesson 00 and the instructor guide."""

from __future__ import annotations

import re

import pandas as pd

# (notebook, title, minutes, kind, reading minutes that can be cut, what those are, question)
LESSONS = [
    (None, "Welcome", 5, "frame", 0, "", "Who is in the room, and what will we do today?"),
    ("00-start-here", "Start here", 10, "lesson", 0, "",
     "Does my set-up work, and how do I use the kit?"),
    ("01-what-is-fair", "What is fair?", 35, "lesson", 10,
     "§2 'The law in two minutes' and the sources of the grant check (§5)",
     "What does equal opportunity mean, and which data are sensitive?"),
    ("02-confusion-matrices", "Confusion matrices", 30, "lesson", 0, "",
     "Which errors does a prediction make, and whom do they harm?"),
    (None, "Break", 10, "break", 0, "", ""),
    ("03-three-fairness-criteria", "Three fairness criteria", 35, "lesson", 5,
     "§6 'The law, briefly'",
     "Independence, separation or sufficiency: which one, and who decides?"),
    ("04-explainers", "Explaining and comparing models", 30, "lesson", 10,
     "§8 the outcome definition and §9 missing data",
     "Why does a model predict what it does, and is it fair to each group?"),
    (None, "Break", 10, "break", 0, "", ""),
    ("05-mitigation", "Mitigation", 30, "lesson", 5, "§7 selective labels",
     "What can we do about bias, and what does it cost?"),
    (None, "Slack", 5, "slack", 0, "", "Catching up: questions, a lesson that ran late"),
    (None, "Wrap-up and feedback", 10, "frame", 0, "",
     "What do you take home, and what should we change?"),
]
COLUMNS = ["notebook", "title", "start", "end", "minutes", "from_start", "kind", "reading",
           "cut", "question"]

# Modules for a second session, outside the workshop day: (notebook, title, minutes, exercises?)
FOLLOW_UPS = [
    ("06-bias-audit", "A complete bias audit", 60, True),
    ("07-audit-your-own-model", "Audit your own model", 35, False),
]


def _begin(start) -> pd.Timestamp:
    """``start`` as a time of day; the error names the parameter."""
    if not isinstance(start, str) or not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", start):
        raise ValueError(f"The 'start' parameter of workshop_agenda() must be a clock time "
                         f"'HH:MM' such as '09:30'; got {start!r} instead.")
    return pd.Timestamp(f"2000-01-01 {start}")


def workshop_agenda(start: str = "09:30", *, cut_reading: bool = False) -> pd.DataFrame:
    """The workshop day as a table: welcome, lessons, two breaks, slack, wrap-up and feedback.

    The full day takes 3.5 hours (210 minutes): the six lessons need 170
    minutes and two breaks, a welcome, a wrap-up with feedback and a little
    slack do not fit into 3 hours as well. For a 3-hour slot, pass
    ``cut_reading=True``: every lesson drops its reading part (``cut``), which
    participants read at home, and the day takes exactly 180 minutes. Items
    follow each other without gaps: an item starts when the one before ends.

    Parameters
    ----------
    start : str, default "09:30"
        The clock time the workshop begins, as ``"HH:MM"``.
    cut_reading : bool, default False
        Leave out each lesson's reading part (the 3-hour version).

    Returns
    -------
    pandas.DataFrame
        One row per item with the columns ``notebook`` (None outside the
        lessons), ``title``, ``start`` and ``end`` (``"HH:MM"``), ``minutes``,
        ``from_start`` (minutes since the beginning), ``kind`` ("lesson",
        "break", "frame" or "slack"), ``reading`` (minutes of reading that
        can be cut), ``cut`` (which sections those are) and ``question``.

    Notes
    -----
    The timetables in the instructor guide, ``docs/instructor-guide.md``, come
    from this function with its default start; a test keeps them equal.

    Examples
    --------
    >>> from fairlearn_lite import workshop_agenda
    >>> agenda = workshop_agenda(start="13:00")
    >>> agenda[["title", "start", "end"]].head(3)
               title  start    end
    0        Welcome  13:00  13:05
    1     Start here  13:05  13:15
    2  What is fair?  13:15  13:50
    >>> int(agenda["minutes"].sum()), agenda["end"].iloc[-1], int((agenda["kind"] == "break").sum())
    (210, '16:30', 2)
    >>> workshop_agenda(start="13:00", cut_reading=True)["end"].iloc[-1]
    '16:00'
    """
    begin = _begin(start)
    if not isinstance(cut_reading, bool):
        raise TypeError(f"The 'cut_reading' parameter of workshop_agenda() must be True or "
                        f"False; got {cut_reading!r} instead.")
    frame = pd.DataFrame(LESSONS, columns=["notebook", "title", "minutes", "kind", "reading",
                                           "cut", "question"])
    if cut_reading:
        frame["minutes"] = frame["minutes"] - frame["reading"]
    ends = begin + pd.to_timedelta(frame["minutes"].cumsum(), unit="min")
    frame["start"] = (ends - pd.to_timedelta(frame["minutes"], unit="min")).dt.strftime("%H:%M")
    frame["end"] = ends.dt.strftime("%H:%M")
    frame["from_start"] = frame["minutes"].cumsum() - frame["minutes"]
    return frame[COLUMNS]
