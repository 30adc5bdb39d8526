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
    """The 3-hour workshop as a table: lesson, title, clock times, minutes, minutes from the start.

    The lessons follow each other without gaps: a lesson starts when the one
    before it ends, so its start is ``start`` + the minutes of all lessons
    before it (``from_start``), and its end is its start + its ``minutes``.

    Parameters
    ----------
    start : str, default "09:30"
        The clock time the workshop begins, as ``"HH:MM"``.

    Returns
    -------
    pandas.DataFrame
        One row per lesson (the break included) with the columns
        ``notebook`` (None for the break), ``title``, ``start`` and ``end``
        (``"HH:MM"``), ``minutes``, ``from_start`` (minutes since the
        beginning) and ``question`` (what the lesson answers).

    Notes
    -----
    The timetable in the instructor guide, ``docs/instructor-guide.md``, comes
    from this function with its default start.

    Examples
    --------
    >>> from fairlearn_lite import workshop_agenda
    >>> agenda = workshop_agenda(start="13:00")
    >>> agenda[["title", "start", "end"]].head(3)
                    title  start    end
    0          Start here  13:00  13:10
    1       What is fair?  13:10  13:45
    2  Confusion matrices  13:45  14:15
    >>> int(agenda["minutes"].sum()), agenda["end"].iloc[-1]
    (180, '16:00')
    """
    frame = pd.DataFrame(LESSONS, columns=["notebook", "title", "minutes", "question"])
    begin = pd.Timestamp(f"2000-01-01 {start}")
    ends = begin + pd.to_timedelta(frame["minutes"].cumsum(), unit="min")
    frame["start"] = (ends - pd.to_timedelta(frame["minutes"], unit="min")).dt.strftime("%H:%M")
    frame["end"] = ends.dt.strftime("%H:%M")
    frame["from_start"] = frame["minutes"].cumsum() - frame["minutes"]
    return frame[["notebook", "title", "start", "end", "minutes", "from_start", "question"]]
