"""Choosing what goes into a session summary: the stretch of time and the list of tickable items.

The screen only shows these candidates and keeps a :class:`~companion.export.summary.Selection`; which
records are offered, how they are labelled and where the stretch of time starts are decided here,
so they are the same for every view and tested without a UI.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta, tzinfo

from companion.core.i18n import N_, _
from companion.core.i18n import current as current_language
from companion.core.kind_ids import BREATHING, CHECKIN, FEEDBACK, HOMEWORK, JOURNAL, REFLECTION, TOPIC
from companion.core.records import Record, to_datetime, to_us
from companion.core.records import now_us as current_us
from companion.core.textfit import shorten
from companion.export.summary import day_text, in_range, offered, practice_to_share
from companion.kinds.breathing_log import BreathingSession
from companion.kinds.breathing_log import describe as describe_breathing
from companion.kinds.checkin import CheckIn, describe_mark, feeling_word, region_name
from companion.kinds.feedback import FeedbackDraft
from companion.kinds.feedback import kind as feedback_kind
from companion.kinds.homework import Homework, describe_often
from companion.kinds.journal import Entry, display_title, preview
from companion.kinds.reflection import Reflection, summary_lines
from companion.kinds.topics import Topic
from companion.vault.vault import Vault

SINCE_LAST, WEEK, MONTH, EVERYTHING, CHOSEN_DATES = "since_last", "week", "month", "all", "dates"
# Labels in English, marked for translation: show them through _() (ranges(), groups()).
RANGES: tuple[tuple[str, str], ...] = (
    (SINCE_LAST, N_("Since my last session")),
    (WEEK, N_("The last 7 days")),
    (MONTH, N_("The last 30 days")),
    # Translators: a choice of time for the summary: all records so far
    (EVERYTHING, N_("Everything")),
    (CHOSEN_DATES, N_("Dates I choose")),
)
NO_SESSION_YET_DAYS = 14
LABEL_LIMIT = 140  # characters of a tickable item's label; the full text goes in the summary

GROUPS: tuple[tuple[str, str], ...] = (
    (FEEDBACK, N_("Feedback")),
    (TOPIC, N_("Topics to bring up")),
    # Translators: a group heading: exercises from the therapist to do between sessions
    (HOMEWORK, N_("Practice")),
    (CHECKIN, N_("Check-ins")),
    (BREATHING, N_("Breathing pauses")),
    (REFLECTION, N_("After a session")),
    (JOURNAL, N_("Journal entries")),
)


def ranges() -> list[tuple[str, str]]:
    """The range choices with their labels in the current language."""
    return [(key, _(label)) for key, label in RANGES]


def groups() -> list[tuple[str, str]]:
    """The groups of tickable items with their headings in the current language."""
    return [(kind, _(label)) for kind, label in GROUPS]


@dataclass(frozen=True)
class Stretch:
    start_us: int | None  # None: from the very beginning
    end_us: int | None  # exclusive; None: up to now
    note: str = ""  # said under the range menu, e.g. why "since my last session" is two weeks


def parse_day(text: str) -> date:
    """A day typed as 2026-11-18 (what the date fields ask for); ValueError with plain words."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(_("Please write the day as year-month-day, for example 2026-11-18.")) from None


def stretch_for(
    choice: str,
    now_us: int,
    last_session_us: int | None,
    *,
    first_day: str = "",
    last_day: str = "",
    tz: tzinfo | None = None,
) -> Stretch:
    """Where the summary starts and ends for a range choice; ValueError for unusable dates."""
    now = to_datetime(now_us).astimezone(tz)
    if choice == SINCE_LAST:
        if last_session_us is not None and last_session_us <= now_us:
            return Stretch(last_session_us, None)
        start = now - timedelta(days=NO_SESSION_YET_DAYS)
        return Stretch(
            to_us(start),
            None,
            _(
                "No session noted yet, so this shows the last {days} days. "
                "You can note sessions under Sessions."
            ).format(days=NO_SESSION_YET_DAYS),
        )
    if choice in (WEEK, MONTH):
        days = 7 if choice == WEEK else 30
        return Stretch(to_us(now - timedelta(days=days)), None)
    if choice == CHOSEN_DATES:
        first = parse_day(first_day)
        last = parse_day(last_day) if last_day.strip() else now.date()
        if last < first:
            raise ValueError(_("The last day is before the first day. Swap them round?"))
        start = datetime.combine(first, time.min, tzinfo=tz or now.tzinfo)
        end = datetime.combine(last + timedelta(days=1), time.min, tzinfo=tz or now.tzinfo)
        return Stretch(to_us(start), to_us(end))
    return Stretch(None, None)


@dataclass(frozen=True)
class Candidate:
    """One tickable line on the Session screen."""

    record_id: str
    kind: str
    label: str  # short, shown next to the checkbox (and its accessible name)
    detail: str = ""  # a second, quieter line
    has_own_words: bool = False  # a check-in with notes the client may include or keep back
    created_us: int = 0


def _in(record: Record, stretch: Stretch) -> bool:
    return in_range(record, stretch.start_us, stretch.end_us)


def _overlaps(practice: Homework, stretch: Stretch, tz: tzinfo | None) -> bool:
    """Whether a practice ran at some point in the stretch (so it has something to report)."""
    if stretch.end_us is not None and practice.start >= to_datetime(stretch.end_us).astimezone(tz).date():
        return False
    if stretch.start_us is None or practice.until is None:
        return True
    return practice.until >= to_datetime(stretch.start_us).astimezone(tz).date()


def _checkin(record: Record, tz: tzinfo | None) -> Candidate:
    checkin = CheckIn.from_payload(record.payload)
    words = [feeling_word(pick) for pick in checkin.feelings if pick.word.strip()]
    places = [_in_a_list(region_name(mark.region)) for mark in checkin.body]
    parts = [", ".join(words), ", ".join(places)]
    # Translators: a check-in with only its own words (no feeling or body area picked)
    what = " · ".join(p for p in parts if p) or _("a few words")
    # Translators: a tickable check-in: "Check-in, 18 Nov: anxious · chest, shoulders"
    label = _("Check-in, {day}: {what}").format(
        day=day_text(record.created_us, tz, with_year=False), what=what
    )
    detail = "; ".join(describe_mark(mark) for mark in checkin.body[:3])
    own = any(
        text.strip()
        for text in (checkin.note, checkin.happened, checkin.said, checkin.body_said, checkin.need_other)
    ) or any(mark.other.strip() for mark in checkin.body)
    return Candidate(record.id, CHECKIN, label, detail, own, record.created_us)


def _in_a_list(name: str) -> str:
    """A body area's name inside a line: lower case, except in German, whose nouns keep their capital."""
    return name if current_language() == "de" else name.lower()


def _describe(record: Record, tz: tzinfo | None) -> Candidate:
    if record.kind == CHECKIN:
        return _checkin(record, tz)
    if record.kind == FEEDBACK:
        draft = FeedbackDraft.from_payload(record.payload)
        kind = feedback_kind(draft.kind)
        label = shorten(draft.wording.strip() or _("(empty feedback)"), LABEL_LIMIT)
        # Translators: the kind of a feedback and its day: "Something that helped, 18 Nov"
        detail = _("{kind}, {day}").format(
            kind=kind.label if kind else _("Feedback"), day=day_text(record.created_us, tz, with_year=False)
        )
        return Candidate(record.id, FEEDBACK, label, detail, created_us=record.created_us)
    if record.kind == TOPIC:
        topic = Topic.from_payload(record.payload)
        label = shorten(topic.text.strip() or _("(empty topic)"), LABEL_LIMIT)
        return Candidate(record.id, TOPIC, label, "", False, record.created_us)
    if record.kind == BREATHING:
        text = describe_breathing(BreathingSession.from_payload(record.payload))
        label = _("Breathing, {day}: {text}").format(
            day=day_text(record.created_us, tz, with_year=False), text=text
        )
        return Candidate(record.id, BREATHING, label, created_us=record.created_us)
    if record.kind == HOMEWORK:
        practice = Homework.from_record(record)
        # Translators: a practice and how often it is meant: "Breathing, every day"
        label = _("{practice}, {often}").format(practice=practice.label, often=describe_often(practice))
        return Candidate(record.id, HOMEWORK, label, created_us=record.created_us)
    if record.kind == REFLECTION:
        lines = summary_lines(Reflection.from_payload(record.payload))
        label = _("Reflection on a session, {day}").format(
            day=day_text(record.created_us, tz, with_year=False)
        )
        detail = shorten(" ".join(lines[:2]), LABEL_LIMIT)
        return Candidate(record.id, REFLECTION, label, detail, created_us=record.created_us)
    entry = Entry.from_record(record)
    # Translators: a journal entry's title and its day: "A long day, 18 Nov"
    label = _("{title}, {day}").format(
        title=display_title(entry), day=day_text(record.created_us, tz, with_year=False)
    )
    return Candidate(record.id, JOURNAL, label, preview(entry, 100), created_us=record.created_us)


def candidates(
    records: Iterable[Record], stretch: Stretch, tz: tzinfo | None = None, *, now_us: int | None = None
) -> dict[str, list[Candidate]]:
    """What the client can tick, by group, newest first.

    Feedback and topics marked "bring" are offered whatever their date (they stay on the list
    until taken off); other feedback and topics only when written in the stretch. A practice's
    detail line is the exact sentence the summary would share about it, so the client reads it
    before ticking it.
    """
    records = list(records)  # read twice: the candidates, and what counts for a practice
    now = current_us() if now_us is None else now_us
    groups: dict[str, list[Candidate]] = {kind: [] for kind, _label in GROUPS}
    for record in records:
        if record.kind not in groups:
            continue
        if record.kind in (FEEDBACK, TOPIC):
            if not offered(record, stretch.start_us, stretch.end_us):
                continue
        elif record.kind == HOMEWORK:
            if not _overlaps(Homework.from_record(record), stretch, tz):
                continue
            shared = practice_to_share(record, records, stretch.start_us, stretch.end_us, now, tz)
            groups[HOMEWORK].append(
                replace(
                    _describe(record, tz), detail=_("Would be shared as: {sentence}").format(sentence=shared)
                )
            )
            continue
        elif not _in(record, stretch):
            continue
        groups[record.kind].append(_describe(record, tz))
    for items in groups.values():
        items.sort(key=lambda c: (c.created_us, c.record_id), reverse=True)
    return groups


def export_name(extension: str, now_us: int, tz: tzinfo | None = None) -> str:
    """A file name the client will recognise later: ``session-summary-2026-11-25.pdf``."""
    day = to_datetime(now_us).astimezone(tz).date().isoformat()
    return f"session-summary-{day}.{extension}"


def load_records(vault: Vault, stretch: Stretch) -> list[Record]:
    """The records a summary over ``stretch`` can use, decrypting only what it might show.

    Check-ins, reflections, breathing pauses and journal entries are read page by page inside the
    stretch; all feedback, topics and practices are read, because ones marked "bring" count
    whatever their date and a practice may have started before the stretch.
    """
    records = list(vault.iter_all([FEEDBACK, TOPIC, HOMEWORK]))
    cursor = None
    while True:
        page = vault.list_page(
            [CHECKIN, REFLECTION, JOURNAL, BREATHING],
            after=cursor,
            limit=500,
            start_us=stretch.start_us,
            end_us=stretch.end_us,
        )
        records.extend(page.records)
        if page.next_cursor is None:
            return records
        cursor = page.next_cursor


# --- the person's last choices -------------------------------------------------------------------

CHOICES_KEY = "summary_choices"  # in the encrypted settings
PAPERS = ("A4", "Letter")
MAX_NAME = 60


@dataclass(frozen=True)
class Choices:
    """What the person chose for their last summary, offered again next time.

    Only whole-summary choices are kept (time, parts left out, paper, name); ticks on single
    items are not, so new records always start with the privacy defaults.
    """

    range_choice: str = SINCE_LAST
    left_out: frozenset[str] = frozenset()
    paper: str = "A4"
    name: str = ""

    @classmethod
    def from_setting(cls, value: object, sections: Iterable[str]) -> Choices:
        """Tolerant: anything unknown or malformed falls back to the defaults, field by field."""
        if not isinstance(value, dict):
            return cls()
        ranges = {key for key, _label in RANGES} - {CHOSEN_DATES}  # typed dates are not remembered
        known = set(sections)
        left_out = value.get("left_out")
        name = value.get("name")
        range_choice, paper = value.get("range"), value.get("paper")
        return cls(
            range_choice=range_choice
            if isinstance(range_choice, str) and range_choice in ranges
            else SINCE_LAST,
            left_out=frozenset(s for s in left_out if isinstance(s, str) and s in known)
            if isinstance(left_out, list)
            else frozenset(),
            paper=paper if isinstance(paper, str) and paper in PAPERS else "A4",
            name=name[:MAX_NAME] if isinstance(name, str) else "",
        )

    def to_setting(self) -> dict[str, object]:
        return {
            "range": self.range_choice if self.range_choice != CHOSEN_DATES else SINCE_LAST,
            "left_out": sorted(self.left_out),
            "paper": self.paper,
            "name": self.name[:MAX_NAME],
        }
