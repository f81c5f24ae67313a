"""The report's charts, drawn by the server as SVG from its tables: bars, and the map of Europe
shaded by participants per country (events/imagery's map and country outlines). No script, no
tiles; each chart is hidden from assistive technology, whose reader has the table beside it."""

import math
from dataclasses import dataclass

from django.utils.text import Truncator

from events.imagery import covers, europe_map

# The bar chart's viewBox: drawn about as wide on a phone as on a wide screen's column, its text
# stays near 13 px. Each row is a label line over its bar.
BAR_WIDTH, ROW_HEIGHT, LABEL_CHARS = 360, 40, 48
# Shades of the map, lightest first (static/css/admin-report.css: .shade-1 to .shade-5).
SHADES = 5


@dataclass
class Bar:
    label: str
    value: object
    width: float
    y: int

    @property
    def text_y(self):
        return self.y + 14

    @property
    def bar_y(self):
        return self.y + 20

    @property
    def value_x(self):
        return round(self.width + 6, 1)


def bars(table, value_column, label_column=0, scale_max=None):
    """A horizontal bar per row of `table`: its label over a bar as long as its value in
    `value_column` (of `scale_max`, else of the largest value). Rows without a value are left out."""
    rows = [row for row in table.page_rows if row[value_column] is not None]
    if not rows:
        return None
    top = scale_max or max(row[value_column] for row in rows) or 1
    # Room for the value's digits after the longest bar.
    room = BAR_WIDTH - 48
    drawn = [
        Bar(
            Truncator(str(row[label_column])).chars(LABEL_CHARS),
            row[value_column],
            round(room * float(row[value_column]) / float(top), 1),
            index * ROW_HEIGHT,
        )
        for index, row in enumerate(rows)
    ]
    return {"bars": drawn, "width": BAR_WIDTH, "height": len(drawn) * ROW_HEIGHT}


@dataclass
class Shaded:
    code: str
    name: str
    count: int
    shade: int
    path: str
    transform: str


def _classes(top):
    """(low, high) of each shade for counts up to `top`: one per count while they are few, else
    SHADES equal steps."""
    if top <= SHADES:
        return [(n, n) for n in range(1, top + 1)]
    step = math.ceil(top / SHADES)
    return [(i * step + 1, min((i + 1) * step, top)) for i in range(SHADES) if i * step + 1 <= top]


def shaded_map(table, code_column=1, count_column=2):
    """The map of Europe with each country of `table` shaded by its count, a legend, and how many
    of the participants come from countries beyond the map (they are in the table)."""
    counts = {row[code_column]: row[count_column] for row in table.rows}
    if not counts:
        return None
    classes = _classes(max(counts.values()))
    # With fewer classes than shades, spread them over the range, so one class is not the palest.
    shade_of = [round(1 + i * (SHADES - 1) / max(len(classes) - 1, 1)) for i in range(len(classes))]
    shaded, off_map = [], 0
    for row in table.rows:
        code, count = row[code_column], row[count_column]
        outline = covers.country_on_map(code)
        if outline is None:
            off_map += count
            continue
        index = next(i for i, (low, high) in enumerate(classes) if low <= count <= high)
        shaded.append(Shaded(code, row[0], count, shade_of[index], *outline))
    legend = [{"low": low, "high": high, "shade": shade_of[i]} for i, (low, high) in enumerate(classes)]
    return {
        "countries": shaded,
        "legend": legend,
        "off_map": off_map,
        "view_box": f"0 0 {europe_map.WIDTH} {europe_map.HEIGHT}",
        "width": europe_map.WIDTH,
        "height": europe_map.HEIGHT,
    }
