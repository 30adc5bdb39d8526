"""Interactive widgets for the lessons: thin views over tested pure functions.

Each widget wires ipywidgets controls to a function of :mod:`fairlearn_lite.metrics`
and moves the artists of an existing figure. Its ``state`` (or ``result``)
holds the numbers it shows, so it can be tested without a browser.
"""

from ._selection import SelectionWidget
from ._threshold import ThresholdWidget

__all__ = ["SelectionWidget", "ThresholdWidget"]
