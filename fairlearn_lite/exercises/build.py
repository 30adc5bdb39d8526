"""Generate the student notebooks in exercises/ from the solution notebooks (`make exercises`).

The solution notebooks are the single source. In cells tagged ``solution``:

- a line ``name = expression  # SOLUTION`` becomes ``name = ____  # your answer``;
- the lines between ``# BEGIN SOLUTION`` and ``# END SOLUTION`` become ``# your code here``;
- a Markdown cell becomes an invitation to write your own answer.

Cells tagged ``solution-only`` (such as a note that this is the solution
notebook) are left out; the ``solution`` tag becomes ``answer``. Outputs are removed; ``--execute`` runs the student
notebooks afterwards so they are committed with their (unanswered) checks.

    python -m fairlearn_lite.exercises.build solutions exercises [--execute]
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import nbformat

__all__ = ["blank_code", "build", "student_notebook"]

SOLUTION_LINE = re.compile(r"^(?P<indent>\s*)(?P<target>[^=#]+?)\s*=\s*.+?#\s*SOLUTION\s*$")
BLANK_MARKDOWN = "✍️ *Your answer:* write it here (double-click this cell), then compare with the " \
                 "solution notebook."


def blank_code(source: str) -> str:
    """The student version of a solution code cell."""
    lines, inside = [], False
    for line in source.split("\n"):
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
        match = SOLUTION_LINE.match(line)
        if match:
            line = f"{match['indent']}{match['target']} = ____  # your answer"
        lines.append(line)
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
        target = exercises / path.name
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
