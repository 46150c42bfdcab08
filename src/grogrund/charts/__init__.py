"""Server-side SVG charts: the same picture serves the page and the PDF.

Plain Python, no Django and no third-party code. Every text drawn is XML-escaped here.
"""

from grogrund.charts.svg import BarItem, Series, bar_chart, line_chart

__all__ = ["BarItem", "Series", "bar_chart", "line_chart"]
