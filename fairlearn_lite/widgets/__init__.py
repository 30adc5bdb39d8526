"""Interactive widgets for the lessons: thin views over tested pure functions.

Each widget wires ipywidgets controls to a function of the package and moves
the artists of an existing figure. Its ``state`` (or ``result``, ``table``)
holds the numbers it shows, so it can be tested without a browser.
"""

from ._groups import GroupThresholdWidget
from ._selection import SelectionWidget
from ._threshold import ThresholdWidget
from ._tree import FairnessTreeWidget

__all__ = ["FairnessTreeWidget", "GroupThresholdWidget", "SelectionWidget", "ThresholdWidget"]
