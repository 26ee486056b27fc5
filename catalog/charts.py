"""Charts drawn on the server as SVG: the numbers and the geometry are computed here, the
templates in templates/catalog/charts/ only place them. No chart library reaches the browser.

Each chart also carries its numbers as rows, shown as a table beside it, so the figures are
readable without the picture (screen readers, print, copy and paste).
"""

import math
from collections import Counter, defaultdict
from urllib.parse import urlencode

from django.db.models import Count
from django.template.defaultfilters import pluralize
from django.urls import reverse

from catalog import choices
from catalog.models import Condition

# Distinct hues, each at least 3:1 against white (WCAG non-text contrast).
PALETTE = ["#0b5c8e", "#c2410c", "#15803d", "#7e22ce", "#b91c1c", "#0f766e", "#a16207", "#be185d"]
SEVERAL_COLOUR = "#334155"
OTHER_COLOUR = "#6b7280"
NOT_STATED_COLOUR = "#94a3b8"
MAX_SERIES = len(PALETTE)
MAX_YEARS = 30


def _list_url(**params) -> str:
    pairs = [(key, value) for key, value in params.items() if value not in (None, "")]
    return reverse("catalog:trial_list") + ("?" + urlencode(pairs) if pairs else "")


def _axis(largest: int) -> tuple[int, list[int]]:
    """The axis top and its ticks: round steps (1, 2 or 5 times a power of ten), at most five
    steps, the top the first tick at or above the largest value."""
    largest = max(largest, 1)
    magnitude = 10 ** max(0, math.floor(math.log10(largest)) - 1)
    step = next(
        size * scale
        for scale in (magnitude, magnitude * 10, magnitude * 100)
        for size in (1, 2, 5)
        if math.ceil(largest / (size * scale)) <= 5
    )
    top = math.ceil(largest / step) * step
    return top, list(range(0, top + 1, step))


def start_year_chart(trials, filter_params: dict | None = None) -> dict | None:
    """Trials by start year, stacked by cell source. A trial with two or more sources is one
    "several sources" segment, so each bar's height is its number of trials."""
    filter_params = filter_params or {}
    sources_by_trial: dict[int, set[str]] = defaultdict(set)
    year_of: dict[int, int] = {}
    for pk, year, source in trials.exclude(start_date=None).values_list("pk", "start_date__year", "cell_sources__name"):
        year_of[pk] = year
        if source:
            sources_by_trial[pk].add(source)
    if not year_of:
        return None

    def series_of(pk):
        sources = sources_by_trial.get(pk)
        if not sources:
            return "Not stated"
        return next(iter(sources)) if len(sources) == 1 else "Several sources"

    by_source = Counter(series_of(pk) for pk in year_of)
    single = [name for name, _ in by_source.most_common() if name not in ("Several sources", "Not stated")]
    named, others = single[: MAX_SERIES - 1], set(single[MAX_SERIES - 1 :])
    colours = {name: PALETTE[index] for index, name in enumerate(named)}
    order = [*named]
    if others:
        order.append("Other sources")
        colours["Other sources"] = OTHER_COLOUR
    for extra, colour in (("Several sources", SEVERAL_COLOUR), ("Not stated", NOT_STATED_COLOUR)):
        if by_source.get(extra):
            order.append(extra)
            colours[extra] = colour

    counts: dict[int, Counter] = defaultdict(Counter)
    for pk, year in year_of.items():
        name = series_of(pk)
        counts[year]["Other sources" if name in others else name] += 1
    last = max(counts)
    first = max(min(counts), last - MAX_YEARS + 1)
    earlier = sum(sum(counter.values()) for year, counter in counts.items() if year < first)
    years = list(range(first, last + 1))

    width, height = 520, 220
    left, right, top, bottom = 34, 8, 10, 26
    plot_width, plot_height = width - left - right, height - top - bottom
    top_value, tick_values = _axis(max(sum(counts[year].values()) for year in years))
    slot = plot_width / len(years)
    bar_width = max(min(slot * 0.75, 36), 2)
    label_every = max(1, math.ceil(len(years) / 12))
    bars = []
    for index, year in enumerate(years):
        x = left + index * slot + (slot - bar_width) / 2
        y = top + plot_height
        segments = []
        for name in order:
            value = counts[year].get(name, 0)
            if not value:
                continue
            segment_height = plot_height * value / top_value
            y -= segment_height
            segments.append(
                {
                    "y": round(y, 1),
                    "height": round(segment_height, 1),
                    "colour": colours[name],
                    "title": f"{year}, {name}: {value} trial{pluralize(value)}",
                }
            )
        total = sum(counts[year].values())
        bars.append(
            {
                "year": year,
                "total": total,
                "x": round(x, 1),
                "width": round(bar_width, 1),
                "label_x": round(x + bar_width / 2, 1),
                "show_label": index % label_every == 0 or index == len(years) - 1,
                "segments": segments,
                "values": [counts[year].get(name, 0) for name in order],
                "url": _list_url(**filter_params, start_from=year, start_to=year),
            }
        )
    ticks = [
        {"value": value, "y": round(top + plot_height - plot_height * value / top_value, 1)} for value in tick_values
    ]
    return {
        "width": width,
        "height": height,
        "left": left,
        "right": width - right,
        "baseline": top + plot_height,
        "label_y": height - 8,
        "bars": bars,
        "ticks": ticks,
        "legend": [{"name": name, "colour": colours[name], "count": by_source.get(name, 0)} for name in order],
        "earlier": earlier,
        "first_year": first,
        "total": len(year_of),
        "summary": (
            f"{len(year_of)} trials with a start date, {years[0]} to {years[-1]}; "
            f"most in {max(years, key=lambda year: sum(counts[year].values()))}."
        ),
    }


def status_chart(status_rows, filter_params: dict | None = None) -> dict | None:
    """Horizontal bars, one per status: status_rows are (status, label, trials)."""
    filter_params = filter_params or {}
    if not status_rows:
        return None
    largest = max(count for _, _, count in status_rows)
    label_width, bar_space, row_height = 190, 300, 26
    rows = []
    for index, (status, label, count) in enumerate(status_rows):
        rows.append(
            {
                "label": label,
                "count": count,
                "y": index * row_height,
                "text_y": index * row_height + 17,
                "width": round(max(bar_space * count / largest, 2), 1),
                "open": status in choices.OPEN_STATUSES,
                "url": _list_url(**filter_params, status=status),
            }
        )
    return {
        "width": label_width + bar_space + 50,
        "height": len(rows) * row_height,
        "bar_x": label_width,
        "rows": rows,
        "count_x_pad": 6,
    }


def category_source_matrix(trials) -> dict | None:
    """Condition groups by cell source: how many trials fall in each pair, each cell a link to
    that list. A trial counts once in every pair it belongs to."""
    rows = (
        trials.exclude(conditions=None)
        .exclude(cell_sources=None)
        .values("conditions__category", "cell_sources__slug", "cell_sources__name")
        .annotate(count=Count("pk", distinct=True))
    )
    cells = {(row["conditions__category"], row["cell_sources__slug"]): row["count"] for row in rows}
    if not cells:
        return None
    source_totals: Counter = Counter()
    names = {}
    for row in rows:
        source_totals[row["cell_sources__slug"]] += row["count"]
        names[row["cell_sources__slug"]] = row["cell_sources__name"]
    sources = [slug for slug, _ in source_totals.most_common()]
    categories = [(value, label) for value, label in Condition.CATEGORIES if any((value, s) in cells for s in sources)]
    largest = max(cells.values())
    cell_width, cell_height, label_width, header_height = 48, 30, 170, 120
    matrix_rows = []
    for row_index, (category, category_label) in enumerate(categories):
        y = header_height + row_index * cell_height
        row_cells = []
        for column, slug in enumerate(sources):
            count = cells.get((category, slug), 0)
            strength = count / largest if count else 0
            row_cells.append(
                {
                    "x": label_width + column * cell_width,
                    "count": count,
                    # Darker for more trials, never so dark that the dark count loses 4.5:1.
                    "opacity": round(0.08 + 0.52 * strength, 2) if count else 0,
                    "url": _list_url(category=category, cell_source=slug),
                    "title": f"{category_label}, {names[slug]}: {count} trial{pluralize(count)}",
                }
            )
        matrix_rows.append({"label": category_label, "y": y, "text_y": y + 20, "cells": row_cells})
    return {
        # Room on the right for the last column's slanted name.
        "width": label_width + len(sources) * cell_width + 90,
        "height": header_height + len(categories) * cell_height + 4,
        "cell_width": cell_width - 2,
        "cell_height": cell_height - 2,
        "half_width": (cell_width - 2) // 2,
        "label_x": label_width - 8,
        "columns": [
            {"name": names[slug], "x": label_width + index * cell_width + cell_width / 2, "y": header_height - 8}
            for index, slug in enumerate(sources)
        ],
        "rows": matrix_rows,
    }
