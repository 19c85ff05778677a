"""A session summary: what the client chose to bring, as a plain document model.

Pure data in, pure data out: no UI and no PDF here, so every view and export draws the same
thing. Privacy rules:

* Only records the client ticked (``Selection.include``) appear.
* Nothing written on a screen that promises privacy ("just for you") starts ticked: see
  :func:`ticked_by_default`.
* A check-in in ``Selection.redact_notes`` still counts towards body, feelings and needs, but none
  of its own words (note, what happened, what I said, what my body said, another need, a
  sensation in my own words) appear anywhere.
* Leaving a section out removes it entirely.

Check-ins, reflections and journal entries are limited to the chosen stretch of time; feedback and
topics marked to bring appear whenever they were written, because they are on the list until the
client takes them off; other feedback and topics only when written in the stretch (as offered).

The counting lives in :mod:`companion.export.tallies`, the wording in
:mod:`companion.export.summary_text`; the names the screens and tests have always imported from
here are re-exported.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import tzinfo

from companion.core.i18n import _
from companion.core.kind_ids import BREATHING, CHECKIN, FEEDBACK, HOMEWORK, JOURNAL, REFLECTION, TOPIC
from companion.core.records import Record
from companion.export import tallies
from companion.export.bring import bring_lines
from companion.export.summary_model import (
    EVERYTHING,
    HEADINGS,
    NOTHING_CHOSEN,
    NOTHING_IN_RANGE,
    SECTIONS,
    TITLE,
    Block,
    BodySection,
    FeelingsSection,
    Summary,
    day_text,
    range_text,
)
from companion.export.summary_text import (
    blocks,
    intro_lines,
    practice_sentence,
    region_line,
    settling_sentences,
    to_markdown,
    to_plain_text,
)
from companion.export.tallies import RegionStat
from companion.kinds.checkin import CheckIn
from companion.kinds.feedback import BRING, SHARED, FeedbackDraft
from companion.kinds.journal import Entry, display_title
from companion.kinds.reflection import Reflection, summary_lines
from companion.kinds.topics import Topic

__all__ = [
    "EVERYTHING",
    "HEADINGS",
    "NOTHING_CHOSEN",
    "NOTHING_IN_RANGE",
    "SECTIONS",
    "TITLE",
    "Block",
    "BodySection",
    "FeelingsSection",
    "RegionStat",
    "Selection",
    "Summary",
    "blocks",
    "build_summary",
    "day_text",
    "default_selection",
    "in_range",
    "intro_lines",
    "item_state",
    "offered",
    "practice_to_share",
    "range_text",
    "region_line",
    "ticked_by_default",
    "to_markdown",
    "to_plain_text",
]

TOP_SENSATIONS = 8
_KNOWN_KINDS = {CHECKIN, FEEDBACK, TOPIC, REFLECTION, JOURNAL, BREATHING, HOMEWORK}
_DATED_KINDS = (CHECKIN, REFLECTION, JOURNAL, BREATHING)


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


def ticked_by_default(record: Record) -> bool:
    """The one rule for what starts ticked: nothing written on a screen that says it is private.

    On: check-ins (their body, feelings and needs; their own words start left out, see
    :func:`default_selection`), breathing pauses (no words of the client's), and feedback or
    topics the client marked "bring to session" or "shared".
    Off: reflections and journal entries ("just for you"), feedback and topics still private,
    practices (the client sees the exact sentence first, :func:`practice_to_share`), and any
    kind this version doesn't know.
    """
    if record.kind in (CHECKIN, BREATHING):
        return True
    if record.kind in (FEEDBACK, TOPIC):
        return item_state(record) in (BRING, SHARED)
    return False


def default_selection(records: Iterable[Record]) -> Selection:
    """What starts ticked (:func:`ticked_by_default`); every check-in's own free text starts left out."""
    records = list(records)
    include = {r.id for r in records if ticked_by_default(r)}
    redact = {r.id for r in records if r.kind == CHECKIN}
    return Selection(include=frozenset(include), redact_notes=frozenset(redact))


def in_range(record: Record, start_us: int | None, end_us: int | None) -> bool:
    if start_us is not None and record.created_us < start_us:
        return False
    return end_us is None or record.created_us < end_us


def offered(record: Record, start_us: int | None, end_us: int | None) -> bool:
    """Whether feedback or a topic belongs to this stretch: "bring" ones always, others when written in it.

    The Session screen offers exactly these, and the summary uses exactly these, so an old
    shared item never slips into a summary without having been shown as ticked.
    """
    return item_state(record) == BRING or in_range(record, start_us, end_us)


def practice_to_share(
    homework: Record,
    records: Iterable[Record],
    start_us: int | None,
    end_us: int | None,
    now_us: int,
    tz: tzinfo | None = None,
) -> str:
    """The exact sentence the summary would share about one practice, to show before it is ticked."""
    return practice_sentence(tallies.practice(homework, records, start_us, end_us, now_us, tz))


def _own_words(checkin: CheckIn) -> list[str]:
    lines = []
    for line, text in (
        (_("What happened: {text}"), checkin.happened),
        (_("What I said: {text}"), checkin.said),
        (_("What my body said: {text}"), checkin.body_said),
        (_("I also needed: {text}"), checkin.need_other),
        # Translators: the person's own note on a check-in
        (_("Note: {text}"), checkin.note),
    ):
        if text.strip():
            lines.append(line.format(text=text.strip()))
    return lines


def _notes(checkins: list[Record], redact: frozenset[str], tz: tzinfo | None) -> list[tuple[str, list[str]]]:
    notes = []
    for record in checkins:
        if record.id not in redact and (lines := _own_words(CheckIn.from_payload(record.payload))):
            notes.append((day_text(record.created_us, tz), lines))
    return notes


def _reflections(records: list[Record]) -> list[list[str]]:
    found = (summary_lines(Reflection.from_payload(r.payload)) for r in records if r.kind == REFLECTION)
    return [lines for lines in found if lines]


def _entries(records: list[Record]) -> list[tuple[str, str]]:
    entries = []
    for record in records:
        if record.kind == JOURNAL:
            entry = Entry.from_record(record)
            if not entry.is_empty:
                entries.append((display_title(entry), entry.body.strip()))
    return entries


def _bringing(chosen: list[Record], start_us: int | None, end_us: int | None) -> list[str]:
    listed = [r for r in chosen if r.kind in (FEEDBACK, TOPIC) and offered(r, start_us, end_us)]
    feedback = sorted((r for r in listed if r.kind == FEEDBACK), key=lambda r: (r.created_us, r.id))
    topics = sorted(
        ((r, Topic.from_payload(r.payload)) for r in listed if r.kind == TOPIC),
        key=lambda pair: (pair[1].order, pair[0].created_us, pair[0].id),
    )
    return bring_lines((FeedbackDraft.from_payload(r.payload) for r in feedback), (t for _r, t in topics))


def _body(checkins: list[Record], keep_words_of: set[str]) -> BodySection | None:
    regions = tallies.body_regions(checkins, keep_words_of)
    if not regions:
        return None
    return BodySection(regions, tallies.sensations(checkins, keep_words_of)[:TOP_SENSATIONS])


def _feelings(checkins: list[Record]) -> FeelingsSection | None:
    words, series = tallies.feeling_words(checkins), tallies.strength_series(checkins)
    if not (words or series):
        return None
    return FeelingsSection(words, tallies.feeling_families(checkins), series)


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
    dated = [r for r in chosen if r.kind in _DATED_KINDS and in_range(r, start_us, end_us)]
    dated.sort(key=lambda r: (r.created_us, r.id))
    checkins = [r for r in dated if r.kind == CHECKIN]
    keep_words_of = {r.id for r in checkins if r.id not in selection.redact_notes}
    practices = sorted((r for r in chosen if r.kind == HOMEWORK), key=lambda r: (r.created_us, r.id))

    def unless_left_out(section: str, make):  # build a section only when it is wanted
        return None if section in leave_out else make()

    summary = Summary(
        title=_(TITLE),
        range_text=range_text(start_us, end_us, now_us, tz),
        start_us=start_us,
        end_us=end_us,
        name=selection.name.strip(),
        checkin_count=len(checkins),
        body=unless_left_out("body", lambda: _body(checkins, keep_words_of)),
        feelings=unless_left_out("feelings", lambda: _feelings(checkins)),
        needs=unless_left_out("needs", lambda: tallies.needs(checkins)) or [],
        bringing=unless_left_out("bringing", lambda: _bringing(chosen, start_us, end_us)) or [],
        reflections=unless_left_out("reflections", lambda: _reflections(dated)) or [],
        entries=unless_left_out("entries", lambda: _entries(dated)) or [],
        empty_message=None,
        notes=unless_left_out("notes", lambda: _notes(checkins, selection.redact_notes, tz)) or [],
        settling=unless_left_out("settling", lambda: settling_sentences(tallies.breathing(dated))) or [],
        practice=unless_left_out(
            "practice",
            lambda: [practice_to_share(r, records, start_us, end_us, now_us, tz) for r in practices],
        )
        or [],
        tz=tz,
    )
    if _is_empty(summary):
        message = NOTHING_CHOSEN if not selection.include or not chosen else NOTHING_IN_RANGE
        summary = replace(summary, empty_message=_(message))
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
