"""The report's control indicators and ratios, each beside the same period a year earlier."""

from flask_babel import gettext as _

from intranet.reports.queries.diary import Figures, total_figures
from intranet.reports.queries.sections import Section, Share, YearEarlier
from intranet.reports.queries.span import Span


def change(now: float | None, before: float | None) -> Share | None:
    """The change on a year earlier in percent, or None when there is nothing to compare."""
    if now is None or not before:
        return None
    return Share(round(100 * (now - before) / before, 1))


def _columns(name: str) -> list[str]:
    return [name, _("This period"), YearEarlier(_("A year earlier")), _("Change, %")]


def _rows(pairs: list[tuple[str, float | None, float | None]]) -> list[list]:
    return [[label, now, before, change(now, before)] for label, now, before in pairs]


def indicator_sections(now: Span, before: Span, library_id: int | None) -> list[Section]:
    """The control indicators (readers, visits, issues) and the ratios methodists compute."""
    this = total_figures(now.period.start, now.period.end, library_id)
    last = total_figures(before.period.start, before.period.end, library_id)
    note = _("Sums of the months accepted by central staff.") if library_id is None else ""
    indicators = Section("indicators", _("Control indicators"), _columns(_("Indicator")))
    indicators.note = note

    # A year without a diary shows "—", not a row of zeros a reader would take for figures.
    def diary(now: Figures, attribute: str) -> int | None:
        return getattr(now, attribute) if now.days_entered else None

    indicators.rows = _rows(
        [
            (label, diary(this, attribute), diary(last, attribute))
            for label, attribute in (
                (_("Readers"), "readers"),
                (_("of them newly registered"), "readers_new"),
                (_("Visits"), "visits"),
                (_("Book issues"), "issues"),
                (_("of them in Kazakh"), "issues_kk"),
                (_("of them in Russian"), "issues_ru"),
                (_("of them in other languages"), "issues_other"),
                (_("Reference answers"), "answers"),
            )
        ]
        + [
            (_("Library fund, copies"), this.fund, last.fund),
            (_("of them in Kazakh"), this.fund_kk, last.fund_kk),
        ]
    )
    ratios = Section("ratios", _("Ratios"), _columns(_("Ratio")))
    ratios.note = note
    ratios.rows = [
        [label, _round(now, digits), _round(before, digits), change(now, before)]
        for label, (now, before), digits in _ratios(this, last)
    ]
    return [indicators, ratios]


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


Ratios = list[tuple[str, tuple[float | None, float | None], int]]


def _ratios(this: Figures, last: Figures) -> Ratios:
    """Each ratio now and a year earlier, exact (the change is worked out before rounding)."""

    def both(top: str, bottom: str) -> tuple[float | None, float | None]:
        now, before = (f.ratio(getattr(f, top), getattr(f, bottom)) for f in (this, last))
        return now, before

    return [
        (_("Reading rate (issues per reader)"), both("issues", "readers"), 1),
        (_("Visit rate (visits per reader)"), both("visits", "readers"), 1),
        (_("Fund turnover (issues per copy)"), both("issues", "fund"), 2),
        (_("Books per reader (copies per reader)"), both("fund", "readers"), 1),
        (_("Average daily visits"), both("visits", "days_open"), 1),
    ]
