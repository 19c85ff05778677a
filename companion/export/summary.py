"""A session summary: what the client chose to bring, as a plain document model.

Pure data in, pure data out: no UI and no PDF here, so every view and export draws the same
thing. Privacy rules:

* Only records the client ticked (``Selection.include``) appear.
* A check-in in ``Selection.redact_notes`` still counts towards body, feelings and needs, but none
  of its own words (note, what happened, what I said, what my body said, another need, a
  sensation in my own words) appear anywhere.
* Leaving a section out removes it entirely.

Check-ins, reflections and journal entries are limited to the chosen stretch of time; feedback and
topics marked to bring appear whenever they were written, because they are on the list until the
client takes them off.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import tzinfo

from companion.core.records import Record, to_datetime
from companion.kinds.breathing_log import BREATHING, BreathingSession
from companion.kinds.checkin import CHECKIN, CheckIn, region_name, sensation_name
from companion.kinds.feedback import BRING, FEEDBACK, TOPIC, FeedbackDraft, Topic
from companion.kinds.homework import HOMEWORK, Homework, describe_often, done_in_period
from companion.kinds.journal import JOURNAL, Entry, display_title
from companion.kinds.reflection import REFLECTION, Reflection, summary_lines
from companion.reference import vocabulary as vocab

SECTIONS: tuple[str, ...] = (
    "body",
    "feelings",
    "needs",
    "notes",
    "settling",
    "practice",
    "bringing",
    "reflections",
    "entries",
)
HEADINGS: dict[str, str] = {
    "body": "What I noticed in my body",
    "feelings": "Feelings",
    "needs": "Needs",
    "notes": "In my own words",
    "settling": "Settling",
    "practice": "Practice between sessions",
    "bringing": "What I'm bringing",
    "reflections": "After the last session",
    "entries": "Journal entries",
}
TITLE = "What I'd like to bring"
EVERYTHING = "Everything so far"
NOTHING_CHOSEN = (
    "Nothing chosen yet. Tick the things you'd like to bring, and they'll appear here. "
    "There's no rush, and a little is enough."
)
NOTHING_IN_RANGE = (
    "Nothing from this stretch of time yet. You could choose a longer stretch, "
    "or tick other things you'd like to bring."
)
LEVEL_INTENSITY = {"mild": 3, "moderate": 6, "strong": 9}
TOP_SENSATIONS = 8
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SPARK = "▁▂▃▄▅▆▇█"
_KNOWN_KINDS = {CHECKIN, FEEDBACK, TOPIC, REFLECTION, JOURNAL, BREATHING, HOMEWORK}


@dataclass(frozen=True)
class Selection:
    include: frozenset[str] = frozenset()  # record ids the client ticked
    redact_notes: frozenset[str] = frozenset()  # check-in ids whose own words stay out
    sections: frozenset[str] = frozenset()  # sections to leave out (see SECTIONS)
    name: str = ""  # optional name or initials


def item_state(record: Record) -> str | None:
    """Private / bring / shared for feedback and topics; None for every other kind."""
    if record.kind == FEEDBACK:
        return FeedbackDraft.from_payload(record.payload).state
    if record.kind == TOPIC:
        return Topic.from_payload(record.payload).state
    return None


def default_selection(records: Iterable[Record]) -> Selection:
    """Check-ins, reflections and things marked "bring" start ticked; journal and private items don't.

    A check-in's own free text (what happened, notes) also starts left out: its body and
    feelings are shared by default, its words only when the client ticks them in.
    """
    records = list(records)
    ticked = (CHECKIN, REFLECTION, BREATHING, HOMEWORK)
    include = {r.id for r in records if r.kind in ticked or item_state(r) == BRING}
    redact = {r.id for r in records if r.kind == CHECKIN}
    return Selection(include=frozenset(include), redact_notes=frozenset(redact))


# --- the document model ------------------------------------------------------------------------


@dataclass(frozen=True)
class RegionStat:
    region_id: str
    name: str
    count: int
    mean_intensity: float
    max_intensity: int
    sensations: tuple[str, ...] = ()  # the most frequent qualities for this region


@dataclass(frozen=True)
class BodySection:
    regions: list[RegionStat] = field(default_factory=list)
    sensations: list[tuple[str, int]] = field(default_factory=list)


@dataclass(frozen=True)
class FeelingsSection:
    words: list[tuple[str, int]] = field(default_factory=list)
    families: list[tuple[str, int]] = field(default_factory=list)
    series: list[tuple[int, float]] = field(default_factory=list)  # (check-in time, intensity 0-10)


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
    settling: list[str] = field(default_factory=list)  # breathing pauses, in a line or two
    practice: list[str] = field(default_factory=list)  # each practice and what was done


# --- dates -----------------------------------------------------------------------------------------


def day_text(us: int, tz: tzinfo | None, with_year: bool = True) -> str:
    moment = to_datetime(us).astimezone(tz)
    text = f"{moment.day} {MONTHS[moment.month - 1]}"
    return f"{text} {moment.year}" if with_year else text


def range_text(start_us: int | None, end_us: int | None, now_us: int, tz: tzinfo | None = None) -> str:
    """ "18 Nov – 24 Nov 2026"; "Everything so far" when there is no start."""
    if start_us is None:
        return EVERYTHING
    last = (end_us if end_us is not None else now_us + 1) - 1  # the end is exclusive
    last = max(last, start_us)
    first_day, last_day = to_datetime(start_us).astimezone(tz), to_datetime(last).astimezone(tz)
    if first_day.date() == last_day.date():
        return day_text(start_us, tz)
    same_year = first_day.year == last_day.year
    return f"{day_text(start_us, tz, with_year=not same_year)} – {day_text(last, tz)}"


# --- building ----------------------------------------------------------------------------------------


def in_range(record: Record, start_us: int | None, end_us: int | None) -> bool:
    if start_us is not None and record.created_us < start_us:
        return False
    return end_us is None or record.created_us < end_us


def _ranked(counter: Counter[str]) -> list[tuple[str, int]]:
    first_seen = {key: i for i, key in enumerate(counter)}
    return sorted(counter.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))


def checkin_intensity(checkin: CheckIn) -> float | None:
    """The strongest body mark, else the strongest feeling (mild 3, moderate 6, strong 9)."""
    if checkin.body:
        return float(checkin.max_body_intensity)
    levels = [LEVEL_INTENSITY.get(pick.level, 6) for pick in checkin.feelings if pick.word.strip()]
    return float(max(levels)) if levels else None


def _need_label(need_id: str) -> str:
    known = {n.id: n.label for n in vocab.needs()}
    return known.get(need_id, need_id.replace("_", " ").strip().capitalize())


def _own_words(checkin: CheckIn) -> list[str]:
    lines = []
    for label, text in (
        ("What happened", checkin.happened),
        ("What I said", checkin.said),
        ("What my body said", checkin.body_said),
        ("I also needed", checkin.need_other),
        ("Note", checkin.note),
    ):
        if text.strip():
            lines.append(f"{label}: {text.strip()}")
    return lines


def build_summary(
    records: Iterable[Record],
    selection: Selection,
    start_us: int | None,
    end_us: int | None,
    now_us: int,
    *,
    tz: tzinfo | None = None,
) -> Summary:
    """The summary of exactly what was chosen; never raises for empty or odd data."""
    leave_out = selection.sections
    records = list(records)  # read twice: the chosen ones, and what counts for a practice
    chosen = [r for r in records if r.id in selection.include and r.kind in _KNOWN_KINDS]
    dated_kinds = (CHECKIN, REFLECTION, JOURNAL, BREATHING)
    dated = [r for r in chosen if r.kind in dated_kinds and in_range(r, start_us, end_us)]
    dated.sort(key=lambda r: (r.created_us, r.id))

    region_counts: Counter[str] = Counter()
    region_levels: dict[str, list[int]] = {}
    region_qualities: dict[str, Counter[str]] = {}
    sensations: Counter[str] = Counter()
    words: Counter[str] = Counter()
    families: Counter[str] = Counter()
    needs: Counter[str] = Counter()
    series: list[tuple[int, float]] = []
    notes: list[tuple[str, list[str]]] = []
    reflections: list[list[str]] = []
    entries: list[tuple[str, str]] = []
    sessions: list[BreathingSession] = []
    checkin_count = 0

    for record in dated:
        if record.kind == CHECKIN:
            checkin_count += 1
            checkin = CheckIn.from_payload(record.payload)
            redacted = record.id in selection.redact_notes
            for mark in checkin.body:
                region_counts[mark.region] += 1
                region_levels.setdefault(mark.region, []).append(mark.intensity)
                qualities = [sensation_name(s).lower() for s in mark.sensations]
                if mark.other.strip() and not redacted:
                    qualities.append(mark.other.strip())
                for quality in qualities:
                    sensations[quality] += 1
                    region_qualities.setdefault(mark.region, Counter())[quality] += 1
            for pick in checkin.feelings:
                word = pick.word.strip()
                if not word:
                    continue
                known = vocab.feeling(word)
                words[known.word if known else word] += 1
            for family_id in checkin.families():
                fam = vocab.family(family_id)
                families[fam.label if fam else family_id] += 1
            for need_id in dict.fromkeys(checkin.needs):
                needs[_need_label(need_id)] += 1
            intensity = checkin_intensity(checkin)
            if intensity is not None:
                series.append((record.created_us, intensity))
            if not redacted and (lines := _own_words(checkin)):
                notes.append((day_text(record.created_us, tz), lines))
        elif record.kind == REFLECTION:
            lines = summary_lines(Reflection.from_payload(record.payload))
            if lines:
                reflections.append(lines)
        elif record.kind == BREATHING:
            sessions.append(BreathingSession.from_payload(record.payload))
        elif record.kind == JOURNAL:
            entry = Entry.from_record(record)
            if not entry.is_empty:
                entries.append((display_title(entry), entry.body.strip()))

    feedback = sorted((r for r in chosen if r.kind == FEEDBACK), key=lambda r: (r.created_us, r.id))
    topics = sorted(
        ((r, Topic.from_payload(r.payload)) for r in chosen if r.kind == TOPIC),
        key=lambda pair: (pair[1].order, pair[0].created_us, pair[0].id),
    )
    bringing = [w for w in (FeedbackDraft.from_payload(r.payload).wording.strip() for r in feedback) if w]
    bringing += [t.text.strip() for _r, t in topics if t.text.strip()]

    regions = [
        RegionStat(
            region_id=rid,
            name=region_name(rid),
            count=count,
            mean_intensity=sum(region_levels[rid]) / len(region_levels[rid]),
            max_intensity=max(region_levels[rid]),
            sensations=tuple(q for q, _n in _ranked(region_qualities.get(rid, Counter()))[:3]),
        )
        for rid, count in region_counts.items()
    ]
    regions.sort(key=lambda s: (-s.count, -s.mean_intensity, -s.max_intensity, s.name))

    body = None
    if "body" not in leave_out and regions:
        body = BodySection(regions, _ranked(sensations)[:TOP_SENSATIONS])
    feelings = None
    if "feelings" not in leave_out and (words or series):
        feelings = FeelingsSection(_ranked(words), _ranked(families), series)
    summary = Summary(
        title=TITLE,
        range_text=range_text(start_us, end_us, now_us, tz),
        start_us=start_us,
        end_us=end_us,
        name=selection.name.strip(),
        checkin_count=checkin_count,
        body=body,
        feelings=feelings,
        needs=[] if "needs" in leave_out else _ranked(needs),
        bringing=[] if "bringing" in leave_out else bringing,
        reflections=[] if "reflections" in leave_out else reflections,
        entries=[] if "entries" in leave_out else entries,
        empty_message=None,
        notes=[] if "notes" in leave_out else notes,
        settling=[] if "settling" in leave_out else settling_lines(sessions),
        practice=[]
        if "practice" in leave_out
        else practice_lines(chosen, records, start_us, end_us, now_us, tz),
    )
    if _is_empty(summary):
        message = NOTHING_CHOSEN if not selection.include or not chosen else NOTHING_IN_RANGE
        summary = replace(summary, empty_message=message)
    return summary


def _is_empty(summary: Summary) -> bool:
    return not (
        summary.settling
        or summary.practice
        or summary.body
        or summary.feelings
        or summary.needs
        or summary.notes
        or summary.bringing
        or summary.reflections
        or summary.entries
    )


def settling_lines(sessions: list[BreathingSession]) -> list[str]:
    """ "3 breathing pauses, 14 minutes in all"; and how tension changed, where noted."""
    if not sessions:
        return []
    minutes = round(sum(s.seconds for s in sessions) / 60)
    count = "1 breathing pause" if len(sessions) == 1 else f"{len(sessions)} breathing pauses"
    lines = [f"{count}, {minutes} minute{'s' if minutes != 1 else ''} in all" if minutes else count]
    rated = [(s.before, s.after) for s in sessions if s.before is not None and s.after is not None]
    if rated:
        before = sum(b for b, _a in rated) / len(rated)
        after = sum(a for _b, a in rated) / len(rated)
        lines.append(f"Tension before and after (0-10, on average): {before:.1f} then {after:.1f}")
    return lines


def practice_lines(
    chosen: list[Record],
    records: list[Record],
    start_us: int | None,
    end_us: int | None,
    now_us: int,
    tz: tzinfo | None,
) -> list[str]:
    """Each chosen practice, with what was done in the stretch (never what wasn't)."""
    lines = []
    last = to_datetime((end_us if end_us is not None else now_us + 1) - 1).astimezone(tz).date()
    for record in sorted((r for r in chosen if r.kind == HOMEWORK), key=lambda r: (r.created_us, r.id)):
        practice = Homework.from_record(record)
        first = practice.start
        if start_us is not None:
            first = max(first, to_datetime(start_us).astimezone(tz).date())
        done = done_in_period(practice, records, first, last) if first <= last else 0
        what = f"{practice.label}, {describe_often(practice)}"
        lines.append(f"{what}: done {_times(done)}" if done else f"{what}: just started")
    return lines


# --- text ---------------------------------------------------------------------------------------------


def _times(count: int) -> str:
    return "once" if count == 1 else "twice" if count == 2 else f"{count} times"


def region_line(stat: RegionStat) -> str:
    """ "Chest — 4 times, usually 6/10; tight, heavy"."""
    usual = round(stat.mean_intensity)
    line = f"{stat.name} — {_times(stat.count)}, usually {usual}/10"
    if stat.max_intensity > usual:
        line += f" (up to {stat.max_intensity}/10)"
    if stat.sensations:
        line += "; " + ", ".join(stat.sensations)
    return line


def _counted(items: list[tuple[str, int]]) -> str:
    return ", ".join(f"{label} ({count})" if count > 1 else label for label, count in items)


def sparkline(values: Iterable[float]) -> str:
    """ "▁▃▅▇" for intensities on a 0-10 line."""
    top = len(SPARK) - 1
    return "".join(SPARK[max(0, min(top, round(v / 10 * top)))] for v in values)


def digits(values: Iterable[float]) -> str:
    return " ".join(str(round(v)) for v in values)


def blocks(summary: Summary, markdown: bool) -> list[tuple[str, list[str]]]:
    """(heading, lines) for each section with something in it, in reading order."""
    blocks: list[tuple[str, list[str]]] = []
    if summary.body:
        lines = [region_line(stat) for stat in summary.body.regions]
        if summary.body.sensations:
            lines.append("Most often: " + _counted(summary.body.sensations))
        blocks.append((HEADINGS["body"], lines))
    if summary.feelings:
        lines = []
        if summary.feelings.words:
            lines.append("Words: " + _counted(summary.feelings.words))
        if summary.feelings.families:
            lines.append("Families: " + _counted(summary.feelings.families))
        if summary.feelings.series:
            values = [v for _t, v in summary.feelings.series]
            shape = sparkline(values) if markdown else digits(values)
            lines.append(f"How strong, over time (0-10): {shape}")
        blocks.append((HEADINGS["feelings"], lines))
    if summary.needs:
        blocks.append((HEADINGS["needs"], [_counted(summary.needs)]))
    if summary.notes:
        lines = []
        for day, own in summary.notes:
            lines.append(f"{day}:")
            lines.extend(own)
        blocks.append((HEADINGS["notes"], lines))
    if summary.settling:
        blocks.append((HEADINGS["settling"], list(summary.settling)))
    if summary.practice:
        blocks.append((HEADINGS["practice"], list(summary.practice)))
    if summary.bringing:
        blocks.append((HEADINGS["bringing"], list(summary.bringing)))
    if summary.reflections:
        lines = []
        for number, reflection in enumerate(summary.reflections):
            if number:
                lines.append("")
            lines.extend(reflection)
        blocks.append((HEADINGS["reflections"], lines))
    if summary.entries:
        lines = []
        for title, text in summary.entries:
            lines.append(f"**{title}**" if markdown else title)
            if text:
                lines.append(text)
        blocks.append((HEADINGS["entries"], lines))
    return blocks


def intro_lines(summary: Summary) -> list[str]:
    lines = [summary.range_text]
    if summary.name:
        lines.insert(0, summary.name)
    if summary.checkin_count:
        lines.append(f"Check-ins: {summary.checkin_count}")
    return lines


def to_markdown(summary: Summary) -> str:
    out = [f"# {summary.title}", ""]
    out += [f"{line}  " for line in intro_lines(summary)]
    if summary.empty_message:
        out += ["", summary.empty_message]
    for heading, lines in blocks(summary, markdown=True):
        out += ["", f"## {heading}", ""]
        bullets = heading not in (HEADINGS["entries"], HEADINGS["reflections"], HEADINGS["notes"])
        for line in lines:
            if not line:
                out.append("")
            else:
                out.append(f"- {line}" if bullets else f"{line}  ")
    return "\n".join(out).rstrip() + "\n"


def to_plain_text(summary: Summary) -> str:
    out = [summary.title, "=" * len(summary.title), *intro_lines(summary)]
    if summary.empty_message:
        out += ["", summary.empty_message]
    for heading, lines in blocks(summary, markdown=False):
        out += ["", heading, "-" * len(heading)]
        out += lines
    return "\n".join(out).rstrip() + "\n"
