"""Charts drawn by pygal as SVG: the same drawing on the dashboard (an image, so the site's
Content-Security-Policy stays strict) and in the PDF reports (inline SVG, laid out by
WeasyPrint). Every chart comes with its figures as a table (`rows`), shown beside it: a screen
reader, a printout in black and white and a person who wants the numbers all read the table.
"""

import base64
import re
from dataclasses import dataclass, field

import pygal
from django.utils.formats import number_format
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from pygal.style import Style

# The site's palette; contrasted enough on white for WCAG's 3:1 for graphics.
PRIMARY = "#1f5f8b"
COLORS = {
    "primary": PRIMARY,
    "secondary": "#7a4b94",
    "green": "#2e7d32",
    "amber": "#b26a00",
    "red": "#c62828",
    "grey": "#5f6b73",
}

STYLE = Style(
    font_family="DejaVu Sans, Arial, sans-serif",
    background="white",
    plot_background="white",
    foreground="#212529",
    foreground_strong="#212529",
    foreground_subtle="#6c757d",
    colors=(PRIMARY, COLORS["secondary"], COLORS["amber"], COLORS["green"], COLORS["red"]),
    value_colors=("#ffffff",),  # the figure printed inside its bar
    label_font_size=13,
    major_label_font_size=13,
    legend_font_size=13,
    value_font_size=13,
    title_font_size=16,
    opacity="0.9",
)

HEALTH_COLORS = {"green": "green", "amber": "amber", "red": "red"}

_SCRIPTS = re.compile(r"<script.*?</script>|<!--.*?-->", re.S)


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer():
        return number_format(value, 1)
    return number_format(int(value))


@dataclass
class Chart:
    """A drawn chart with its alternative: `title`, `headers` and `rows` of the same figures."""

    key: str
    title: str
    svg_markup: str
    headers: list
    rows: list = field(default_factory=list)

    @cached_property
    def svg(self) -> str:
        return mark_safe(self.svg_markup)  # noqa: S308 - drawn by pygal from our figures

    @cached_property
    def data_uri(self) -> str:
        encoded = base64.b64encode(self.svg_markup.encode()).decode()
        return f"data:image/svg+xml;base64,{encoded}"


def _render(chart) -> str:
    return _SCRIPTS.sub("", chart.render(is_unicode=True))


CACHE_SECONDS = 15 * 60


def _drawn(signature, make) -> str:
    """The SVG of a chart, drawn once for the same figures: drawing costs about 8 ms a chart,
    and a dashboard is opened again and again between two changes of its figures."""
    import hashlib

    from django.core.cache import cache
    from django.utils import translation

    digest = hashlib.sha256(repr((translation.get_language(), signature)).encode()).hexdigest()
    key = f"reports:chart:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = _render(make())
        cache.set(key, svg, CACHE_SECONDS)
    return svg


def _config(**options):
    return {
        "style": STYLE,
        "js": [],
        "disable_xml_declaration": True,
        "width": 760,
        "height": 300,
        "show_legend": False,
        "print_values": True,
        "print_zeroes": False,
        "value_formatter": _number,
        "margin": 16,
        "show_y_guides": True,
        "no_data_text": "–",
        **options,
    }


def short(label, size=28) -> str:
    """A label as the chart shows it (its table keeps it whole)."""
    label = str(label)
    return label if len(label) <= size else label[: size - 1].rstrip() + "…"


def bars(
    key,
    title,
    labels,
    series,
    *,
    horizontal=False,
    stacked=False,
    colors=None,
    chart_labels=None,
    **options,
):
    """A bar chart. `series`: [(name, values)], one value per label; `chart_labels`, shorter
    labels for the drawing (the table keeps `labels`)."""
    kind = {
        (False, False): pygal.Bar,
        (True, False): pygal.HorizontalBar,
        (False, True): pygal.StackedBar,
        (True, True): pygal.HorizontalStackedBar,
    }[(horizontal, stacked)]
    # pygal lays a horizontal chart's first label at the bottom: reversed, it reads top down
    # in the order of the table
    order = list(reversed(range(len(labels)))) if horizontal else list(range(len(labels)))
    drawn = chart_labels or labels
    x_labels = [str(drawn[index]) for index in order]
    data = [(str(name), [values[index] for index in order]) for name, values in series]

    def make():
        style = STYLE
        if colors:
            style = Style(**{**STYLE.to_dict(), "colors": tuple(colors)})
        chart = kind(
            **_config(
                show_legend=len(series) > 1,
                legend_at_bottom=True,
                style=style,
                **options,
            )
        )
        chart.x_labels = x_labels
        for name, values in data:
            chart.add(name, values)
        return chart

    signature = (kind.__name__, str(title), x_labels, data, colors, sorted(options.items()))
    headers = ["", *[str(name) for name, _values in series]]
    rows = [
        [str(label), *[_number(_value(values[index])) for _name, values in series]]
        for index, label in enumerate(labels)
    ]
    return Chart(key, str(title), _drawn(signature, make), headers, rows)


def _value(value):
    return value["value"] if isinstance(value, dict) else value


def line(key, title, labels, series, *, range_=None):
    x_labels = [str(label) for label in labels]
    data = [(str(name), list(values)) for name, values in series]

    def make():
        chart = pygal.Line(
            **_config(
                show_legend=len(series) > 1,
                legend_at_bottom=True,
                range=range_,
                dots_size=4,
                allow_interruptions=True,
            )
        )
        chart.x_labels = x_labels
        for name, values in data:
            chart.add(name, values)
        return chart

    signature = ("Line", str(title), x_labels, data, range_)
    headers = ["", *[str(name) for name, _values in series]]
    rows = [
        [str(label), *[_number(values[index]) for _name, values in series]]
        for index, label in enumerate(labels)
    ]
    return Chart(key, str(title), _drawn(signature, make), headers, rows)


def _month_label(day) -> str:
    from django.utils.formats import date_format

    return date_format(day, "YEAR_MONTH_FORMAT")


def dashboard_charts(figures: dict) -> list[Chart]:
    """The dashboard's charts (and the report's), from `reports.stats.dashboard`."""
    from django.utils.translation import gettext as _

    health = figures["health"]
    months = figures["meetings"]["months"]
    found = [
        bars(
            "funnel",
            _("Recruitment funnel (people, mentors and mentees)"),
            [stage["label"] for stage in figures["funnel"]],
            [(_("People"), [stage["count"] for stage in figures["funnel"]])],
            horizontal=True,
        ),
        bars(
            "health",
            _("Pairs under way, by health"),
            [row["label"] for row in health],
            [
                (
                    _("Pairs"),
                    [
                        {"value": row["count"], "color": COLORS[HEALTH_COLORS[row["key"]]]}
                        for row in health
                    ],
                )
            ],
        ),
        bars(
            "months",
            _("Meetings per month"),
            [_month_label(row["month"]) for row in months],
            [
                (_("Held"), [row["held"] for row in months]),
                (_("Did not take place"), [row["missed"] for row in months]),
            ],
            stacked=True,
            colors=[PRIMARY, COLORS["amber"]],
            x_label_rotation=-30 if len(months) > 6 else 0,
        ),
        bars(
            "per_pair",
            _("Meetings held per pair"),
            [row["label"] for row in figures["meetings"]["per_pair"]],
            [(_("Pairs"), [row["count"] for row in figures["meetings"]["per_pair"]])],
        ),
        bars(
            "forms",
            _("Forms signed (percent)"),
            [row["title"] for row in figures["forms"]],
            [(_("Signed (%)"), [row["percent"] for row in figures["forms"]])],
            horizontal=True,
            range=(0, 100),
            chart_labels=[short(row["title"]) for row in figures["forms"]],
        ),
    ]
    shown = [row for row in figures["pulse"] if row["mean"] is not None]
    if len(shown) >= 2:  # a series: one month alone is a figure, shown in the key figures
        found.append(
            line(
                "pulse",
                _("Monthly pulse: how the pairs rate their relationship (1 to 10)"),
                [_month_label(row["month"]) for row in shown],
                [(_("Mean rating"), [row["mean"] for row in shown])],
                range_=(1, 10),
            )
        )
    return found
