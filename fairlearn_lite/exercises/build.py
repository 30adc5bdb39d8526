"""Generate the student notebooks in exercises/ from the solution notebooks (`make exercises`).

The solution notebooks are the single source. In cells tagged ``solution``:

- a line ``name = expression  # SOLUTION`` becomes ``name = ____  # your answer``
  (only an assignment can be marked so; anything else, an import say, is an
  error: put it between the two markers below);
- the lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become ``# your code here``;
- a Markdown cell becomes an invitation to write your own answer.

Cells tagged ``solution-only`` (such as a note that this is the solution
notebook) are left out; the ``solution`` tag becomes ``answer``. Outputs are removed; ``--execute`` runs the student
notebooks afterwards so they are committed with their (unanswered) checks.

A solution ``solutions/NN-name.ipynb`` becomes ``exercises/NN-exercises-name.ipynb``
(:func:`exercise_name`), so that a lesson, its exercises and its solutions never
open as browser tabs with the same title.

    python -m fairlearn_lite.exercises.build solutions exercises [--execute]
"""

from __future__ import annotations

import ast
import re
import sys
from pathlib import Path

import nbformat

__all__ = ["blank_code", "build", "exercise_name", "student_notebook"]

SOLUTION_MARK = re.compile(r"#\s*SOLUTION\s*$")
NOTEBOOK_NAME = re.compile(r"^(?P<number>\d\d)-(?P<topic>[^/\\]+)\.ipynb$")
BLANK_MARKDOWN = "✍️ *Your answer:* write it here (double-click this cell), then compare with the " \
                 "solution notebook."


def exercise_name(solution_name: str) -> str:
    """The file name of the exercise notebook made from a solution notebook.

    ``NN-topic.ipynb`` becomes ``NN-exercises-topic.ipynb``: the lesson number
    stays first (so the files sort by lesson) and the word *exercises* tells the
    tab apart from the lesson's and the solution's, which are called ``NN-topic``.

    Examples
    --------
    >>> exercise_name("02-confusion-matrices.ipynb")
    '02-exercises-confusion-matrices.ipynb'
    """
    match = NOTEBOOK_NAME.match(str(solution_name))
    if match is None or match["topic"].startswith("exercises-"):
        raise ValueError("The 'solution_name' parameter of exercise_name must be a solution "
                         "notebook's file name such as '02-confusion-matrices.ipynb'; got "
                         f"{solution_name!r} instead.")
    return f"{match['number']}-exercises-{match['topic']}.ipynb"


def _blank_answer(line: str, number: int) -> str:
    """``name = ____  # your answer`` for a line ``name = expression  # SOLUTION``."""
    indent = line[: len(line) - len(line.lstrip())]
    try:
        statement = ast.parse(line.strip()).body
    except SyntaxError:
        statement = []
    if len(statement) != 1 or not isinstance(statement[0], ast.Assign) \
            or len(statement[0].targets) != 1:
        raise ValueError(f"Line {number} is marked '# SOLUTION' but is not an assignment "
                         f"'name = expression': {line.strip()!r}. Put other solution lines "
                         "(imports, calls) between '# BEGIN SOLUTION' and '# END SOLUTION'.")
    target = ast.get_source_segment(line.strip(), statement[0].targets[0])
    return f"{indent}{target} = ____  # your answer"


def blank_code(source: str) -> str:
    """The student version of a solution code cell."""
    lines, inside = [], False
    for number, line in enumerate(source.split("\n"), start=1):
        stripped = line.strip()
        if stripped == "# BEGIN SOLUTION":
            inside = True
            lines.append(line[: len(line) - len(line.lstrip())] + "# your code here")
            continue
        if stripped == "# END SOLUTION":
            inside = False
            continue
        if inside:
            continue
        lines.append(_blank_answer(line, number) if SOLUTION_MARK.search(line) else line)
    if inside:
        raise ValueError("A '# BEGIN SOLUTION' has no matching '# END SOLUTION'.")
    return "\n".join(lines)


def student_notebook(solution: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The exercise notebook for a solution notebook (no outputs)."""
    notebook = nbformat.from_dict(solution)  # a copy
    cells = []
    for cell in notebook.cells:
        tags = cell.get("metadata", {}).get("tags", [])
        if "solution-only" in tags:
            continue
        if "solution" in tags:
            if cell.cell_type == "code":
                cell.source = blank_code(cell.source)
            else:
                cell.source = BLANK_MARKDOWN
            cell.metadata["tags"] = ["answer" if t == "solution" else t for t in tags]
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        cells.append(cell)
    notebook.cells = cells
    return notebook


def build(solutions: Path, exercises: Path, *, execute: bool = False) -> list[Path]:
    exercises.mkdir(exist_ok=True)
    written = []
    for path in sorted(solutions.glob("*.ipynb")):
        notebook = student_notebook(nbformat.read(path, as_version=4))
        target = exercises / exercise_name(path.name)
        if execute:
            from nbclient import NotebookClient

            NotebookClient(notebook, timeout=600, kernel_name="python3",
                           resources={"metadata": {"path": str(exercises)}}).execute()
        nbformat.write(notebook, target)
        written.append(target)
        print(f"wrote {target}")
    return written


if __name__ == "__main__":
    arguments = [a for a in sys.argv[1:] if not a.startswith("--")]
    source, target = (arguments + ["solutions", "exercises"])[:2]
    build(Path(source), Path(target), execute="--execute" in sys.argv)
