"""The session summary as plain data: its sections (each with a stable id) and the document model.

Every view keys its layout on a section's *id*, never on its heading: headings are words for
people and may be reworded at any time without a PDF, a preview or a test quietly changing shape.
Whether a section reads as bullet points is decided here, once, for every view.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, tzinfo

from companion.core import localformat
from companion.core.i18n import N_, _
from companion.core.records import to_datetime
from companion.export.tallies import RegionStat


@dataclass(frozen=True)
class SectionSpec:
    id: str  # stable: used in Selection.sections, by the PDF layout and by the screens
    heading: str  # words for people, in English (marked N_, translate with _() where shown); free to change
    bulleted: bool  # short separate points (True) or the client's own running text (False)


SECTION_SPECS: tuple[SectionSpec, ...] = (
    SectionSpec("body", N_("What I noticed in my body"), True),
    SectionSpec("feelings", N_("Feelings"), True),
    SectionSpec("needs", N_("Needs"), True),
    SectionSpec("notes", N_("In my own words"), False),
    SectionSpec("settling", N_("Settling"), True),
    SectionSpec("practice", N_("Practice between sessions"), True),
    SectionSpec("bringing", N_("What I'm bringing"), True),
    SectionSpec("reflections", N_("After the last session"), False),
    SectionSpec("entries", N_("Journal entries"), False),
)
SPECS: dict[str, SectionSpec] = {spec.id: spec for spec in SECTION_SPECS}
SECTIONS: tuple[str, ...] = tuple(spec.id for spec in SECTION_SPECS)
HEADINGS: dict[str, str] = {spec.id: spec.heading for spec in SECTION_SPECS}

# In English, marked for translation: show them through _() (see heading(), and build_summary).
TITLE = N_("What I'd like to bring")
EVERYTHING = N_("Everything so far")
NOTHING_CHOSEN = N_(
    "Nothing chosen yet. Tick the things you'd like to bring, and they'll appear here. "
    "There's no rush, and a little is enough."
)
NOTHING_IN_RANGE = N_(
    "Nothing from this stretch of time yet. You could choose a longer stretch, "
    "or tick other things you'd like to bring."
)


def heading(section: str) -> str:
    """A section's heading in the current language."""
    return _(HEADINGS[section])


@dataclass(frozen=True)
class Block:
    """One section ready to show: its id (for layout), heading and lines (an empty line is a gap)."""

    id: str
    heading: str
    lines: list[str]

    @property
    def bulleted(self) -> bool:
        return SPECS[self.id].bulleted


@dataclass(frozen=True)
class BodySection:
    regions: list[RegionStat] = field(default_factory=list)
    sensations: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class FeelingsSection:
    words: list[tuple[str, int]] = field(default_factory=list)
    families: list[tuple[str, int]] = field(default_factory=list)
    series: list[tuple[int, float]] = field(default_factory=list)  # (check-in time, strength 0-10)


@dataclass(frozen=True)
class Summary:
    title: str
    range_text: str
    start_us: int | None
    end_us: int | None
    name: str
    checkin_count: int
    body: BodySection | None
    feelings: FeelingsSection | None
    needs: list[tuple[str, int]]
    bringing: list[str]
    reflections: list[list[str]]
    entries: list[tuple[str, str]]
    empty_message: str | None
    notes: list[tuple[str, list[str]]] = field(default_factory=list)  # (day, lines) from check-ins
    settling: list[str] = field(default_factory=list)  # breathing pauses, in a sentence or two
    practice: list[str] = field(default_factory=list)  # each practice and what was done
    tz: tzinfo | None = None  # the time zone its days are named in


def short_date(day: date, with_year: bool = False) -> str:
    """ "18 Nov" or "18 Nov 2026" ("18. Nov.", "18 nov 2026"): a compact date in the current language."""
    if with_year:
        # Translators: a short date with its year, CLDR pattern letters (d day, MMM short month, y year).
        return localformat.pattern(day, _("d MMM y"))
    # Translators: a short date in CLDR pattern letters (d day, MMM short month name).
    return localformat.pattern(day, _("d MMM"))


def day_text(us: int, tz: tzinfo | None, with_year: bool = True) -> str:
    """ "18 Nov 2026", or "18 Nov"."""
    return short_date(to_datetime(us).astimezone(tz).date(), with_year)


def range_text(start_us: int | None, end_us: int | None, now_us: int, tz: tzinfo | None = None) -> str:
    """ "18 Nov – 24 Nov 2026"; "Everything so far" when there is no start."""
    if start_us is None:
        return _(EVERYTHING)
    last = (end_us if end_us is not None else now_us + 1) - 1  # the end is exclusive
    last = max(last, start_us)
    first_day, last_day = to_datetime(start_us).astimezone(tz), to_datetime(last).astimezone(tz)
    if first_day.date() == last_day.date():
        return day_text(start_us, tz)
    same_year = first_day.year == last_day.year
    # Translators: a stretch of days, "18 Nov – 24 Nov 2026"
    return _("{first} – {last}").format(
        first=day_text(start_us, tz, with_year=not same_year), last=day_text(last, tz)
    )
