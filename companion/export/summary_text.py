"""A summary in words: the sentences every view shows, and the plain-text and Markdown exports.

Each sentence reads as a person would say it, and every number says what it counts or measures
("Chest, 3 times, usually quite strong (7 of 10), strongest 9 of 10"), because the summary is read
aloud or handed over, where an unexplained "7 9" helps no one. A strength appears only when the
client gave one (see :mod:`companion.export.tallies`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, tzinfo

from companion.core import localformat
from companion.core.i18n import N_, _, ngettext
from companion.export.summary_model import Block, Summary, day_text, heading, short_date
from companion.export.tallies import BreathingTally, PracticeTally, RegionStat
from companion.kinds.homework import describe_often

SPARK = "▁▂▃▄▅▆▇█"
SERIES_LISTED_UP_TO = 7  # more check-ins than this are summed up instead of listed one by one


# --- small words ---------------------------------------------------------------------------------


def times(count: int) -> str:
    if count == 1:
        # Translators: how often something happened: "Chest, once"
        return _("once")
    if count == 2:
        # Translators: how often something happened: "Chest, twice"
        return _("twice")
    # Translators: how often something happened: "Chest, 3 times"
    return ngettext("{count} time", "{count} times", count).format(count=count)


def checkins(count: int) -> str:
    return ngettext("{n} check-in", "{n} check-ins", count).format(n=count)


def out_of_ten(value: float) -> str:
    """ "7 of 10"; "6.5 of 10" when the half matters."""
    # Translators: a strength on a 0-10 line: "7 of 10"
    return _("{value} of 10").format(value=localformat.decimal(round(value, 1)))


# How a 0-10 strength sounds in words (shown through _()).
_STRENGTH_WORDS = (
    (1, N_("very mild")),
    (3, N_("mild")),
    (6, N_("moderate")),
    (8, N_("quite strong")),
)


def strength_words(value: float) -> str:
    """How a 0-10 strength sounds in words."""
    level = round(value)
    for top, words in _STRENGTH_WORDS:
        if level <= top:
            return _(words)
    return _("very strong")


def join_and(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    # Translators: the end of a list: "tight, heavy and warm" ({first} is "tight, heavy")
    return _("{first} and {last}").format(first=", ".join(words[:-1]), last=words[-1])


def short_day(day: date) -> str:
    return short_date(day)


# --- sentences -----------------------------------------------------------------------------------


def region_line(stat: RegionStat) -> str:
    """ "Chest, 3 times, usually quite strong (7 of 10), strongest 9 of 10; tight and heavy"."""
    parts = [stat.name, times(stat.count)]
    if stat.mean_intensity is not None:
        usual = round(stat.mean_intensity)
        # Translators: a strength in words and on the 0-10 line: "quite strong (7 of 10)"
        how = _("{words} ({value})").format(words=strength_words(usual), value=out_of_ten(usual))
        if stat.rated <= 1:
            parts.append(how if stat.count == 1 else _("noted once as {how}").format(how=how))
        elif stat.rated < stat.count:
            parts.append(_("usually {how} when noted").format(how=how))
        else:
            parts.append(_("usually {how}").format(how=how))
        if stat.rated > 1 and stat.max_intensity is not None and stat.max_intensity > usual:
            parts.append(_("strongest {value}").format(value=out_of_ten(stat.max_intensity)))
    line = ", ".join(parts)
    if stat.sensations:
        line += "; " + join_and(list(stat.sensations))
    return line


def how_often(items: Iterable[tuple[str, int]], unit: str = "times") -> str:
    """ "tight (twice), heavy (once)", or "anxious (2 check-ins)" with ``unit="check-ins"``."""
    say = checkins if unit == "check-ins" else times
    # Translators: a word and how often: "tight (twice)", "anxious (2 check-ins)"
    return ", ".join(_("{label} ({count})").format(label=label, count=say(count)) for label, count in items)


def series_sentence(series: Sequence[tuple[int, float]], tz: tzinfo | None) -> str:
    """How strong check-ins felt: each one with its day, or for many the usual, strongest and gentlest."""
    if not series:
        return ""
    if len(series) <= SERIES_LISTED_UP_TO:
        each = ", ".join(
            # Translators: a strength and its day: "7 of 10 on 18 Nov"
            _("{value} on {day}").format(value=out_of_ten(round(v)), day=day_text(t, tz, with_year=False))
            for t, v in series
        )
        return _("How strong it felt at each check-in: {each}").format(each=each)
    values = [v for _t, v in series]
    strongest = max(series, key=lambda point: point[1])
    gentlest = min(series, key=lambda point: point[1])
    usual = round(sum(values) / len(values))
    return ngettext(
        "How strong it felt across {n} check-in: usually {usual}, "
        "strongest {strongest} ({strongest_day}), gentlest {gentlest} ({gentlest_day})",
        "How strong it felt across {n} check-ins: usually {usual}, "
        "strongest {strongest} ({strongest_day}), gentlest {gentlest} ({gentlest_day})",
        len(series),
    ).format(
        n=len(series),
        usual=out_of_ten(usual),
        strongest=out_of_ten(round(strongest[1])),
        strongest_day=day_text(strongest[0], tz, with_year=False),
        gentlest=out_of_ten(round(gentlest[1])),
        gentlest_day=day_text(gentlest[0], tz, with_year=False),
    )


def sparkline(values: Iterable[float]) -> str:
    """ "▁▃▅▇" for strengths on a 0-10 line."""
    top = len(SPARK) - 1
    return "".join(SPARK[max(0, min(top, round(v / 10 * top)))] for v in values)


def settling_sentences(tally: BreathingTally) -> list[str]:
    """ "2 breathing pauses, 9 minutes in all"; and how tension changed, where it was noted."""
    if not tally.count:
        return []
    minutes = round(tally.seconds / 60)
    count = ngettext("{n} breathing pause", "{n} breathing pauses", tally.count).format(n=tally.count)
    if minutes:
        # Translators: {pauses} is "2 breathing pauses"
        count = ngettext("{pauses}, {n} minute in all", "{pauses}, {n} minutes in all", minutes).format(
            pauses=count, n=minutes
        )
    lines = [count]
    if tally.before is not None and tally.after is not None:
        before, after = out_of_ten(round(tally.before, 1)), out_of_ten(round(tally.after, 1))
        if tally.rated == 1:
            line = _("Tension was {before} before the pause and {after} after")
        else:
            line = _("On average, tension was {before} before a pause and {after} after")
        lines.append(line.format(before=before, after=after))
    return lines


def practice_sentence(tally: PracticeTally) -> str:
    """Exactly what the summary says about one practice: what was done, never what wasn't."""
    # Translators: a practice and how often it is meant: "Breathing, every day"
    what = _("{practice}, {often}").format(
        practice=tally.practice.label, often=describe_often(tally.practice)
    )
    first, last = short_day(tally.first_day), short_day(tally.last_day)
    if tally.starts_later:
        return _("{what}: starts {first}").format(what=what, first=first)
    one_day = tally.first_day == tally.last_day
    if tally.done:
        if tally.counting_to_now:
            line = _("{what}: done {times} today") if one_day else _("{what}: done {times} since {first}")
        elif one_day:
            line = _("{what}: done {times} on {first}")
        else:
            line = _("{what}: done {times} between {first} and {last}")
    elif tally.counting_to_now:
        line = _("{what}: on my list today") if one_day else _("{what}: on my list since {first}")
    elif one_day:
        line = _("{what}: on my list on {first}")
    else:
        line = _("{what}: on my list between {first} and {last}")
    return line.format(what=what, times=times(tally.done), first=first, last=last)


# --- the whole summary ---------------------------------------------------------------------------


def intro_lines(summary: Summary) -> list[str]:
    lines = [summary.range_text]
    if summary.name:
        lines.insert(0, summary.name)
    if summary.checkin_count:
        count = summary.checkin_count
        lines.append(
            ngettext("{n} check-in in this time", "{n} check-ins in this time", count).format(n=count)
        )
    return lines


def _body_lines(summary: Summary) -> list[str]:
    assert summary.body is not None
    lines = [region_line(stat) for stat in summary.body.regions]
    if summary.body.sensations:
        lines.append(
            _("How it felt, most often first: {list}").format(list=how_often(summary.body.sensations))
        )
    return lines


def _feelings_lines(summary: Summary, markdown: bool) -> list[str]:
    assert summary.feelings is not None
    feelings = summary.feelings
    lines = []
    if feelings.words:
        lines.append(_("Feelings I named: {list}").format(list=how_often(feelings.words, "check-ins")))
    if feelings.families:
        lines.append(_("Kinds of feeling: {list}").format(list=how_often(feelings.families, "check-ins")))
    if feelings.series:
        lines.append(series_sentence(feelings.series, summary.tz))
        if markdown and len(feelings.series) > 1:
            spark = sparkline(v for _t, v in feelings.series)
            lines.append(_("Over time, oldest first: {chart}").format(chart=spark))
    return lines


def _spaced(groups: Iterable[list[str]]) -> list[str]:
    lines: list[str] = []
    for number, group in enumerate(groups):
        if number:
            lines.append("")
        lines.extend(group)
    return lines


def blocks(summary: Summary, markdown: bool) -> list[Block]:
    """Each section with something in it, in reading order, keyed by its stable id."""
    found: list[tuple[str, list[str]]] = []
    if summary.body:
        found.append(("body", _body_lines(summary)))
    if summary.feelings:
        found.append(("feelings", _feelings_lines(summary, markdown)))
    if summary.needs:
        needs = [
            _("{label} ({count})").format(label=label, count=checkins(count))
            for label, count in summary.needs
        ]
        found.append(("needs", needs))
    if summary.notes:
        # Translators: a day heading its notes: "18 Nov 2026:"
        notes = [line for day, own in summary.notes for line in (_("{day}:").format(day=day), *own)]
        found.append(("notes", notes))
    if summary.settling:
        found.append(("settling", list(summary.settling)))
    if summary.practice:
        found.append(("practice", list(summary.practice)))
    if summary.bringing:
        found.append(("bringing", list(summary.bringing)))
    if summary.reflections:
        found.append(("reflections", _spaced(summary.reflections)))
    if summary.entries:
        entries = []
        for title, text in summary.entries:
            entries.append(f"**{title}**" if markdown else title)
            if text:
                entries.append(text)
        found.append(("entries", entries))
    return [Block(section, heading(section), lines) for section, lines in found if lines]


def to_markdown(summary: Summary) -> str:
    out = [f"# {summary.title}", ""]
    out += [f"{line}  " for line in intro_lines(summary)]
    if summary.empty_message:
        out += ["", summary.empty_message]
    for block in blocks(summary, markdown=True):
        out += ["", f"## {block.heading}", ""]
        for line in block.lines:
            if not line:
                out.append("")
            else:
                out.append(f"- {line}" if block.bulleted else f"{line}  ")
    return "\n".join(out).rstrip() + "\n"


def to_plain_text(summary: Summary) -> str:
    out = [summary.title, "=" * len(summary.title), *intro_lines(summary)]
    if summary.empty_message:
        out += ["", summary.empty_message]
    for block in blocks(summary, markdown=False):
        out += ["", block.heading, "-" * len(block.heading)]
        out += block.lines
    return "\n".join(out).rstrip() + "\n"
