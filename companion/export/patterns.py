"""Patterns, gently: what the client's own records show over a stretch of time, for the screen.

Every count comes from :mod:`companion.export.tallies`, the same functions the summary uses, so
the Patterns screen and the PDF never disagree. This module only picks the stretch and words the
counts as plain sentences ("Your chest came up in 5 of 8 check-ins"). No scores, streaks,
"good/bad day" labels or comparisons: only what was noticed, in the client's own terms.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta, tzinfo

from companion.core import localformat
from companion.core.i18n import N_, _, ngettext
from companion.core.i18n import current as current_language
from companion.core.kind_ids import BREATHING, CHECKIN, HOMEWORK, JOURNAL
from companion.core.records import Record, to_datetime, to_us
from companion.export import tallies
from companion.export.session_prep import SINCE_LAST, Stretch, stretch_for
from companion.kinds.homework import PROMPT, WHAT_LABELS, Homework
from companion.vault.vault import Vault

# Labels in English, marked for translation: show them through _() (see periods()).
PERIODS: tuple[tuple[str, str], ...] = (
    (SINCE_LAST, N_("Since my last session")),
    ("7", N_("The last 7 days")),
    ("30", N_("The last 30 days")),
    ("90", N_("The last 90 days")),
    ("all", N_("All time")),
)
SHADE_STEPS = 5  # the body outline's shades, lightest (a little) to darkest (a lot), as in the PDF
TOP = 6  # how many feelings, families and needs to show


def periods() -> list[tuple[str, str]]:
    """The period choices with their labels in the current language."""
    return [(key, _(label)) for key, label in PERIODS]


def _in_a_line(name: str) -> str:
    """A name inside a sentence: lower case, except in German, whose nouns keep their capital."""
    return name if current_language() == "de" else name.lower()


def stretch_of(choice: str, now_us: int, last_session_us: int | None, tz: tzinfo | None = None) -> Stretch:
    """Where a period choice starts; "since my last session" is the summary's own rule."""
    if choice in ("7", "30", "90"):
        now = to_datetime(now_us).astimezone(tz)
        return Stretch(to_us(now - timedelta(days=int(choice))), None)
    if choice == "all":
        return Stretch(None, None)
    return stretch_for(SINCE_LAST, now_us, last_session_us, tz=tz)


@dataclass(frozen=True)
class Patterns:
    """Everything the Patterns screen shows for one stretch."""

    checkins: int
    regions: list[tallies.RegionStat]
    region_checkins: dict[str, int]  # region id -> in how many check-ins it came up
    shades: dict[str, int]  # region id -> 0 (a little) .. SHADE_STEPS-1 (a lot)
    feelings: list[tuple[str, int]]
    families: list[tuple[str, int]]
    needs: list[tuple[str, int]]
    series: list[tuple[int, float]]  # (time, 0-10 strength) per check-in that had one
    breathing: tallies.BreathingTally
    practices: list[tallies.PracticeTally] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.checkins and not self.breathing.count and not any(p.done for p in self.practices)


def load_records(vault: Vault, stretch: Stretch) -> list[Record]:
    """Only what Patterns counts: every practice, and the check-ins and breathing pauses in the
    stretch (journal entries only when a writing prompt needs its answers counted). Reading
    less than the summary's loader keeps "all time" over a long journal quick."""
    records = list(vault.iter_all([HOMEWORK]))
    kinds = [CHECKIN, BREATHING]
    if any(Homework.from_record(r).what == PROMPT for r in records):
        kinds.append(JOURNAL)
    cursor = None
    while True:
        page = vault.list_page(
            kinds, after=cursor, limit=500, start_us=stretch.start_us, end_us=stretch.end_us
        )
        records.extend(page.records)
        if page.next_cursor is None:
            return records
        cursor = page.next_cursor


def _in(record: Record, stretch: Stretch) -> bool:
    return (stretch.start_us is None or record.created_us >= stretch.start_us) and (
        stretch.end_us is None or record.created_us < stretch.end_us
    )


def region_checkins(checkins: Iterable[Record]) -> dict[str, int]:
    """In how many check-ins each place came up (a place marked twice in one counts once)."""
    counted: dict[str, int] = {}
    for record in checkins:
        body = record.payload.get("body") if isinstance(record.payload, dict) else None
        # the region id exactly as `BodyMark.from_dict` reads it, without parsing the whole mark
        # a fourth time (the tallies already parse each check-in for places, feelings and needs)
        places = (
            {str(m.get("region", "")) for m in body if isinstance(m, dict)} if isinstance(body, list) else ()
        )
        for region_id in places:
            counted[region_id] = counted.get(region_id, 0) + 1
    return counted


def shade_steps(regions: Iterable[tallies.RegionStat]) -> dict[str, int]:
    """A shade step per place: darker the more often and the more strongly, like the PDF's outline."""
    weight = {s.region_id: s.weight for s in regions}
    if not weight:
        return {}
    top = max(weight.values())
    return {rid: max(0, min(SHADE_STEPS - 1, int(w / top * SHADE_STEPS - 1e-9))) for rid, w in weight.items()}


def build_patterns(
    records: Iterable[Record], stretch: Stretch, now_us: int, tz: tzinfo | None = None
) -> Patterns:
    """The patterns in ``records`` (as `session_prep.load_records` gives them) over ``stretch``."""
    records = list(records)
    dated = [r for r in records if _in(r, stretch)]
    checkins = tallies.checkins_only(dated)
    regions = tallies.body_regions(checkins)
    practices = [
        tallies.practice(r, dated, stretch.start_us, stretch.end_us, now_us, tz)
        for r in records
        if r.kind == HOMEWORK and r.created_us <= now_us
    ]
    return Patterns(
        checkins=len(checkins),
        regions=regions,
        region_checkins=region_checkins(checkins),
        shades=shade_steps(regions),
        feelings=tallies.feeling_words(checkins)[:TOP],
        families=tallies.feeling_families(checkins)[:TOP],
        needs=tallies.needs(checkins)[:TOP],
        series=tallies.strength_series(checkins),
        breathing=tallies.breathing(dated),
        practices=[p for p in practices if not p.starts_later],
    )


# --- plain sentences -----------------------------------------------------------------------------


def region_sentence(stat: tallies.RegionStat, in_checkins: int, of_checkins: int) -> str:
    """ "Your chest came up in 5 of 8 check-ins, on average 6 of 10 (mostly tight, warm)."

    Only English lower-cases the place: other languages start the sentence with it ("Brust: ...")."""
    n = of_checkins
    if stat.mean_intensity is not None and stat.sensations:
        line = ngettext(
            "Your {place} came up in {count} of {n} check-in, on average {value} of 10 (mostly {qualities}).",
            "Your {place} came up in {count} of {n} check-ins, on average {value} of 10 "
            "(mostly {qualities}).",
            n,
        )
    elif stat.mean_intensity is not None:
        line = ngettext(
            "Your {place} came up in {count} of {n} check-in, on average {value} of 10.",
            "Your {place} came up in {count} of {n} check-ins, on average {value} of 10.",
            n,
        )
    elif stat.sensations:
        line = ngettext(
            "Your {place} came up in {count} of {n} check-in (mostly {qualities}).",
            "Your {place} came up in {count} of {n} check-ins (mostly {qualities}).",
            n,
        )
    else:
        line = ngettext(
            "Your {place} came up in {count} of {n} check-in.",
            "Your {place} came up in {count} of {n} check-ins.",
            n,
        )
    value = localformat.decimal(stat.mean_intensity, 0) if stat.mean_intensity is not None else ""
    return line.format(
        place=stat.name.lower() if current_language() == "en" else stat.name,
        count=in_checkins,
        n=n,
        value=value,
        qualities=", ".join(stat.sensations),
    )


def body_sentences(patterns: Patterns) -> list[str]:
    return [
        region_sentence(s, patterns.region_checkins.get(s.region_id, s.count), patterns.checkins)
        for s in patterns.regions
    ]


def counted_sentence(word: str, n: int, of_checkins: int) -> str:
    # Translators: a feeling or need and in how many check-ins it came up: "Anxious: in 2 of 5 check-ins."
    line = ngettext(
        "{word}: in {count} of {n} check-in.", "{word}: in {count} of {n} check-ins.", of_checkins
    )
    return line.format(word=word, count=n, n=of_checkins)


def breathing_sentence(tally: tallies.BreathingTally) -> str:
    if not tally.count:
        return _("No breathing pauses in this time.")
    minutes = max(1, round(tally.seconds / 60))
    pauses = ngettext("{n} breathing pause", "{n} breathing pauses", tally.count).format(n=tally.count)
    # Translators: {pauses} is "2 breathing pauses"
    line = ngettext(
        "{pauses}, about {n} minute in all.", "{pauses}, about {n} minutes in all.", minutes
    ).format(pauses=pauses, n=minutes)
    if tally.rated and tally.before is not None and tally.after is not None:
        tension = ngettext(
            "Where you noted tension before and after ({n} pause), "
            "it was on average {before} before and {after} after, out of 10.",
            "Where you noted tension before and after ({n} pauses), "
            "it was on average {before} before and {after} after, out of 10.",
            tally.rated,
        ).format(
            n=tally.rated, before=localformat.decimal(tally.before), after=localformat.decimal(tally.after)
        )
        line = f"{line} {tension}"
    return line


def practice_sentence(tally: tallies.PracticeTally) -> str:
    """What was done, never what was missed."""
    plan = tally.practice
    # Translators: a practice from the therapist, when it has no title of its own
    name = plan.title or _(WHAT_LABELS.get(plan.what, N_("Practice")))
    if not tally.done:
        return _("{practice}: whenever you're ready.").format(practice=name)
    line = ngettext(
        "{practice}: done {n} time in this time.", "{practice}: done {n} times in this time.", tally.done
    )
    return line.format(practice=name, n=tally.done)


def bring_text(sentence: str, period_label: str) -> str:
    """What "I'd like to bring this" adds to the things to bring up."""
    # Translators: a topic to bring up, from a Patterns sentence; {period} is e.g. "since my last session"
    return _("A pattern I noticed ({period}): {sentence}").format(
        period=_in_a_line(period_label), sentence=sentence
    )
