"""A summary in words: the sentences every view shows, and the plain-text and Markdown exports.

Each sentence reads as a person would say it, and every number says what it counts or measures
("Chest, 3 times, usually quite strong (7 of 10), strongest 9 of 10"), because the summary is read
aloud or handed over, where an unexplained "7 9" helps no one. A strength appears only when the
client gave one (see :mod:`companion.export.tallies`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, tzinfo

from companion.export.summary_model import HEADINGS, MONTHS, Block, Summary, day_text
from companion.export.tallies import BreathingTally, PracticeTally, RegionStat
from companion.kinds.homework import describe_often

SPARK = "▁▂▃▄▅▆▇█"
SERIES_LISTED_UP_TO = 7  # more check-ins than this are summed up instead of listed one by one


# --- small words ---------------------------------------------------------------------------------


def times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def checkins(count: int) -> str:
    return "1 check-in" if count == 1 else f"{count} check-ins"


def out_of_ten(value: float) -> str:
    """ "7 of 10"; "6.5 of 10" when the half matters."""
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text} of 10"


def strength_words(value: float) -> str:
    """How a 0-10 strength sounds in words."""
    level = round(value)
    if level <= 1:
        return "very mild"
    if level <= 3:
        return "mild"
    if level <= 6:
        return "moderate"
    if level <= 8:
        return "quite strong"
    return "very strong"


def join_and(words: Sequence[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def short_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]}"


# --- sentences -----------------------------------------------------------------------------------


def region_line(stat: RegionStat) -> str:
    """ "Chest, 3 times, usually quite strong (7 of 10), strongest 9 of 10; tight and heavy"."""
    parts = [stat.name, times(stat.count)]
    if stat.mean_intensity is not None:
        usual = round(stat.mean_intensity)
        how = f"{strength_words(usual)} ({out_of_ten(usual)})"
        if stat.rated <= 1:
            parts.append(how if stat.count == 1 else f"noted once as {how}")
        else:
            parts.append(f"usually {how}" + (" when noted" if stat.rated < stat.count else ""))
            if stat.max_intensity is not None and stat.max_intensity > usual:
                parts.append(f"strongest {out_of_ten(stat.max_intensity)}")
    line = ", ".join(parts)
    if stat.sensations:
        line += "; " + join_and(list(stat.sensations))
    return line


def how_often(items: Iterable[tuple[str, int]], unit: str = "times") -> str:
    """ "tight (twice), heavy (once)", or "anxious (2 check-ins)" with ``unit="check-ins"``."""
    say = checkins if unit == "check-ins" else times
    return ", ".join(f"{label} ({say(count)})" for label, count in items)


def series_sentence(series: Sequence[tuple[int, float]], tz: tzinfo | None) -> str:
    """How strong check-ins felt: each one with its day, or for many the usual, strongest and gentlest."""
    if not series:
        return ""
    if len(series) <= SERIES_LISTED_UP_TO:
        each = ", ".join(f"{out_of_ten(round(v))} on {day_text(t, tz, with_year=False)}" for t, v in series)
        return f"How strong it felt at each check-in: {each}"
    values = [v for _t, v in series]
    strongest = max(series, key=lambda point: point[1])
    gentlest = min(series, key=lambda point: point[1])
    usual = round(sum(values) / len(values))
    return (
        f"How strong it felt across {len(series)} check-ins: usually {out_of_ten(usual)}, "
        f"strongest {out_of_ten(round(strongest[1]))} ({day_text(strongest[0], tz, with_year=False)}), "
        f"gentlest {out_of_ten(round(gentlest[1]))} ({day_text(gentlest[0], tz, with_year=False)})"
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
    count = "1 breathing pause" if tally.count == 1 else f"{tally.count} breathing pauses"
    lines = [f"{count}, {minutes} minute{'s' if minutes != 1 else ''} in all" if minutes else count]
    if tally.before is not None and tally.after is not None:
        before, after = out_of_ten(round(tally.before, 1)), out_of_ten(round(tally.after, 1))
        if tally.rated == 1:
            lines.append(f"Tension was {before} before the pause and {after} after")
        else:
            lines.append(f"On average, tension was {before} before a pause and {after} after")
    return lines


def practice_sentence(tally: PracticeTally) -> str:
    """Exactly what the summary says about one practice: what was done, never what wasn't."""
    what = f"{tally.practice.label}, {describe_often(tally.practice)}"
    first, last = short_day(tally.first_day), short_day(tally.last_day)
    if tally.starts_later:
        return f"{what}: starts {first}"
    if tally.counting_to_now:
        window = "today" if tally.first_day == tally.last_day else f"since {first}"
    else:
        window = f"on {first}" if tally.first_day == tally.last_day else f"between {first} and {last}"
    if tally.done:
        return f"{what}: done {times(tally.done)} {window}"
    return f"{what}: on my list {window}"


# --- the whole summary ---------------------------------------------------------------------------


def intro_lines(summary: Summary) -> list[str]:
    lines = [summary.range_text]
    if summary.name:
        lines.insert(0, summary.name)
    if summary.checkin_count:
        lines.append(f"{checkins(summary.checkin_count)} in this time")
    return lines


def _body_lines(summary: Summary) -> list[str]:
    assert summary.body is not None
    lines = [region_line(stat) for stat in summary.body.regions]
    if summary.body.sensations:
        lines.append("How it felt, most often first: " + how_often(summary.body.sensations))
    return lines


def _feelings_lines(summary: Summary, markdown: bool) -> list[str]:
    assert summary.feelings is not None
    feelings = summary.feelings
    lines = []
    if feelings.words:
        lines.append("Feelings I named: " + how_often(feelings.words, "check-ins"))
    if feelings.families:
        lines.append("Kinds of feeling: " + how_often(feelings.families, "check-ins"))
    if feelings.series:
        lines.append(series_sentence(feelings.series, summary.tz))
        if markdown and len(feelings.series) > 1:
            lines.append("Over time, oldest first: " + sparkline(v for _t, v in feelings.series))
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
        found.append(("needs", [f"{label} ({checkins(count)})" for label, count in summary.needs]))
    if summary.notes:
        found.append(("notes", [line for day, own in summary.notes for line in (f"{day}:", *own)]))
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
    return [Block(section, HEADINGS[section], lines) for section, lines in found if lines]


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
