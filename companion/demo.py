"""A sample journal, for showing Companion to therapists and for screenshots.

Everything here is invented: a person juggling a busy job, a sister they love and find hard, and
some bad nights. The words are meant to read like a real, kind journal while staying obviously
a sample. It is written through the same stores the app uses, so it looks exactly like real use.

The demo lives in its own folder (`demo_data_dir`) with its own, published passphrase
(`DEMO_PASSPHRASE`). That passphrase protects nothing: it is for the demo journal only and must
never be used for a real one. `fill_demo` also refuses to write into a journal that already
has entries, so it can't mix with anyone's real words.

It is written in the language of the moment it is made (a German demo when the app speaks
German): the sample texts below are marked with ``N_`` and translated by `fill_demo` as it writes
them. Like anything a person writes, a record's words then stay as written whatever language the
app speaks later. Feelings, body regions, sensations and needs are stored by id, so they are shown
in whichever language the app speaks.

Given the same ``now_us``, ``seed``, time zone and language, the content and times are always the
same (record ids are random, as always).
"""

from __future__ import annotations

import contextlib
import os
import random
import shutil
import tempfile
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path

from companion.adapters.paths import (
    DEMO_PASSPHRASE,
    demo_data_dir,
    ensure_private_dir,
    vault_path,
)
from companion.core.i18n import N_, _
from companion.core.kind_ids import BREATHING, CHECKIN, FEEDBACK, JOURNAL, REFLECTION, SESSION, TOPIC
from companion.core.localtime import local_zone
from companion.core.records import Record, now_us, to_datetime, to_us
from companion.kinds.breathing_log import BreathingLog, BreathingSession
from companion.kinds.checkin import BodyMark, CheckIn, CheckIns, FeelingPick
from companion.kinds.feedback import BRING, Feedback, FeedbackDraft
from companion.kinds.journal import Entry, Journal
from companion.kinds.reflection import Reflection, Reflections
from companion.kinds.sessions import Session, Sessions
from companion.kinds.settings import Settings
from companion.kinds.topics import Topics
from companion.reference import breathing
from companion.vault.vault import Vault, vault_exists

DEMO_SETTING = "demo"  # Settings(vault).get("demo") is True in a demo journal, for a "sample" label
THERAPIST = "Sam"
KINDS: tuple[str, ...] = (CHECKIN, JOURNAL, FEEDBACK, TOPIC, SESSION, REFLECTION, BREATHING)
_HOUR_US = 3600 * 1_000_000
_WEEK_US = 7 * 24 * _HOUR_US
NOT_EMPTY = "The demo only fills a new, empty journal, so it can never mix with real entries."


# --- the words ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Moment:
    """A check-in template and the part of the day it belongs to."""

    checkin: CheckIn
    hours: tuple[int, ...]


def _mark(region: str, *sensations: str, level: int) -> BodyMark:
    return BodyMark(region, tuple(sensations), intensity=level)


def _feel(*picks: tuple[str, str]) -> tuple[FeelingPick, ...]:
    """Feelings by id (a feeling's id is its English word), shown in any language."""
    return tuple(FeelingPick(word, level) for word, level in picks)


# The sample texts below are written in English and marked with N_(); `fill_demo` writes them in
# the current language through `_say`.


CHECKINS: tuple[_Moment, ...] = (
    _Moment(
        CheckIn(
            body=(_mark("chest", "tight", "pressure", level=6), _mark("jaw", "clenched", level=4)),
            feelings=_feel(("anxious", "moderate"), ("pressured", "moderate")),
            needs=("clarity", "time"),
            happened=N_(
                "Three deadlines landed on the same day, and my manager wanted an update before nine."
            ),
            # Translators: the demo journal's sample texts (check-ins, entries, topics, session
            # notes, reflections, feedback) are what an invented client wrote; write them as a real
            # client would in your language, not word for word. Sam, Priya and Jo are names.
            note=N_("Wrote a list and picked one thing to start with. That helped a little."),
        ),
        (8, 9),
    ),
    _Moment(
        CheckIn(
            body=(_mark("throat", "lump", level=5), _mark("stomach", "churning", level=6)),
            feelings=_feel(("let down", "moderate"), ("frustrated", "moderate"), ("guilty", "mild")),
            needs=("heard", "limits_respected"),
            happened=N_(
                "Phoned my sister. She'd already planned Mum's birthday and just told me what to bring."
            ),
            said=N_("I said it was fine."),
            body_said=N_("My throat closed up and I wanted the call to be over."),
        ),
        (19, 20),
    ),
    _Moment(
        CheckIn(
            body=(_mark("whole_body", "heavy", level=6), _mark("eyes", "achy", level=4)),
            feelings=_feel(("tired", "strong"), ("foggy", "moderate"), ("irritated", "mild")),
            needs=("rest", "quiet"),
            happened=N_("Woke at four and lay there going over today's meeting."),
            note=N_("Made tea and read for a while. Slept again around six."),
        ),
        (7, 8),
    ),
    _Moment(
        CheckIn(
            body=(_mark("chest", "open", level=3), _mark("left_leg", "warm", level=2)),
            feelings=_feel(("calm", "moderate"), ("content", "moderate"), ("grateful", "mild")),
            needs=("movement", "space"),
            happened=N_("Walked home the long way, through the park. It was quiet and the air felt good."),
        ),
        (17, 18),
    ),
    _Moment(
        CheckIn(
            body=(_mark("left_shoulder", "light", level=2), _mark("right_shoulder", "light", level=2)),
            feelings=_feel(("pleased", "mild"), ("relieved", "moderate"), ("surprised", "mild")),
            needs=("valued", "confirmed"),
            happened=N_("In the team meeting Priya said my report made things clearer for everyone."),
        ),
        (12, 13),
    ),
    _Moment(
        CheckIn(
            body=(_mark("stomach", "knotted", level=8), _mark("heart", "racing", level=7)),
            feelings=_feel(("overwhelmed", "strong"), ("on edge", "moderate")),
            needs=("reassurance", "comfort"),
            happened=N_("A late email from work, and three messages from my sister all at once."),
            note=N_("Did the breathing for five minutes. Still wound up, but less."),
        ),
        (21, 22),
    ),
    _Moment(
        CheckIn(
            body=(_mark("stomach", "hollow", level=4),),
            not_sure=True,
            note=N_("Something feels off today and I can't name it yet. That's allowed."),
        ),
        (15, 16),
    ),
    _Moment(
        CheckIn(
            body=(_mark("chest", "warm", level=3),),
            feelings=_feel(("fond", "moderate"), ("amused", "mild"), ("close", "moderate")),
            needs=("connection",),
            happened=N_("My sister sent an old photo of us at the seaside and we laughed about it for ages."),
        ),
        (20, 21),
    ),
    _Moment(
        CheckIn(
            body=(_mark("neck", "tight", level=5), _mark("upper_back", "tense", level=5)),
            feelings=_feel(("dreading", "moderate"), ("worried", "mild")),
            needs=("clarity", "practical_help"),
            happened=N_("Evening, thinking about the busy days ahead."),
            note=N_("Planned tomorrow morning so it doesn't all land at once."),
        ),
        (18, 19),
    ),
    _Moment(
        CheckIn(
            body=(_mark("belly", "soft", level=2),),
            feelings=_feel(("content", "moderate"), ("connected", "moderate")),
            needs=("connection", "nourishment"),
            happened=N_("Lunch with Jo. We talked about everything and nothing."),
        ),
        (13, 14),
    ),
    _Moment(
        CheckIn(
            body=(_mark("lower_back", "achy", level=5), _mark("feet", "heavy", level=4)),
            feelings=_feel(("drained", "moderate"), ("flat", "mild")),
            needs=("rest",),
            note=N_("Long day. Early night."),
        ),
        (19, 20),
    ),
    _Moment(
        CheckIn(
            body=(_mark("stomach", "fluttering", level=4),),
            feelings=_feel(("nervous", "mild"), ("hopeful", "moderate")),
            needs=("heard",),
            happened=N_("Thinking about next session. I want to talk about my sister, but how do I start?"),
        ),
        (21,),
    ),
)

ENTRIES: tuple[Entry, ...] = (
    Entry(
        N_("A better morning"),
        N_(
            "Got up when the alarm went, not forty minutes later. Coffee by the window. Nothing "
            "dramatic, just a calmer start, and I want to remember that it's possible."
        ),
    ),
    Entry(
        N_("About the phone call"),
        N_(
            "I keep replaying the call with my sister. She wasn't unkind. She just decided, the way "
            "she always has, and I went quiet, the way I always have.\n\n"
            "I think what hurts is not the plan itself. It's that nobody asked."
        ),
    ),
    Entry(
        N_("Things that helped this week"),
        N_(
            "- Walking home through the park\n"
            '- Saying "let me get back to you" instead of yes straight away\n'
            "- Tea and a book when I couldn't sleep"
        ),
    ),
    Entry(
        N_("Sleep notes"),
        N_(
            "Three nights in a row I've woken around four. It seems worse after I check email late. "
            "Trying: phone out of the bedroom from tomorrow."
        ),
    ),
    Entry(
        N_("The new project"),
        N_(
            "My manager asked me to take on the new project. I said I'd think about it. That's new "
            "for me: usually I say yes on the spot and resent it later."
        ),
    ),
    Entry("", N_("Rainy day. Stayed in, cooked soup, called nobody, and that was fine.")),
    Entry(
        N_("What I'd like to say in session"),
        N_(
            "I keep saying my sister and I are fine. We're not, quite. I'd like to talk about why I "
            "go quiet when she decides things for both of us."
        ),
    ),
    Entry(
        N_("Small win"),
        N_(
            "Asked for help with the spreadsheet instead of staying late to work it out alone. "
            "It took ten minutes. Ten!"
        ),
    ),
)

TOPICS: tuple[tuple[str, bool], ...] = (  # (text, bring to session)
    (N_("My sister and Mum's birthday plans"), True),
    (N_("Waking at four: what's going on?"), False),
    (N_("Saying no to the new project at work"), False),
)


SESSION_DAYS_AGO = (13, 6)
SESSION_NOTES: tuple[str, ...] = (
    N_("Talked about work, and a little about my sister."),
    N_("Mostly about my sister. Something to try: notice when I go quiet."),
)
REFLECTIONS: tuple[Reflection, ...] = (
    Reflection(
        worked_on=7,
        way_of_working=8,
        connected=8,
        overall=7,
        pace="about_right",
        tone="about_right",
        support_challenge=5,
        met=N_("When Sam said it made sense that I go quiet when I feel overruled."),
        pleasing="a_little",
    ),
    Reflection(
        worked_on=6,
        way_of_working=7,
        connected=6,
        overall=6,
        pace="too_fast",
        tone="about_right",
        support_challenge=3,
        missed=N_("When we moved on from my sister quite quickly. I wasn't finished."),
        pleasing="no",
        note=N_("Bring this up next time, gently."),
    ),
)


def _say(text: str) -> str:
    """A sample text in the current language; "" stays "" (gettext would give its header)."""
    return _(text) if text else text


def _checkin_in_language(checkin: CheckIn) -> CheckIn:
    return replace(
        checkin,
        happened=_say(checkin.happened),
        said=_say(checkin.said),
        body_said=_say(checkin.body_said),
        note=_say(checkin.note),
    )


def _entry_in_language(entry: Entry) -> Entry:
    return replace(entry, title=_say(entry.title), body=_say(entry.body))


def _reflection_in_language(reflection: Reflection, session_id: str) -> Reflection:
    return replace(
        reflection,
        session_id=session_id,
        met=_say(reflection.met),
        missed=_say(reflection.missed),
        note=_say(reflection.note),
    )


# --- timing -------------------------------------------------------------------------------------


class _Clock:
    """Local days and times counted back from ``now``, never in the future."""

    def __init__(self, now_us: int, tz: tzinfo) -> None:
        self.now_us = now_us
        self.tz = tz
        self.today = to_datetime(now_us).astimezone(tz).date()

    def day(self, days_ago: int) -> date:
        return self.today - timedelta(days=days_ago)

    def at(self, days_ago: int, hour: int, minute: int = 0) -> int:
        return to_us(datetime.combine(self.day(days_ago), time(hour, minute), tzinfo=self.tz))

    def past(self, moment_us: int) -> bool:
        return moment_us < self.now_us


def _backdate(vault: Vault, record: Record, created_us: int) -> Record:
    """The stores stamp "now"; a demo spread over weeks sets the time afterwards."""
    return vault.update(record.id, record.payload, created_us=created_us)


def _nudge(checkin: CheckIn, rng: random.Random) -> CheckIn:
    """The same kind of moment rarely feels exactly the same: move body intensities by up to one."""
    body = tuple(
        BodyMark(m.region, m.sensations, m.other, max(0, min(10, m.intensity + rng.choice((-1, 0, 0, 1)))))
        for m in checkin.body
    )
    return replace(checkin, body=body)


# --- filling ------------------------------------------------------------------------------------


def fill_demo(
    vault: Vault, now_us: int, *, weeks: int = 4, seed: int = 7, tz: tzinfo | None = None
) -> dict[str, int]:
    """Write ``weeks`` weeks of sample entries ending at ``now_us``; returns how many of each kind.

    Times are local to ``tz`` (UTC if not given) so check-ins fall at believable hours.
    Raises ValueError if the journal already holds entries.
    """
    if weeks < 1:
        raise ValueError("The demo needs at least one week.")
    if vault.count(KINDS):
        raise ValueError(NOT_EMPTY)
    rng = random.Random(seed)
    clock = _Clock(now_us, tz or UTC)
    days = weeks * 7
    counts: dict[str, int] = dict.fromkeys(KINDS, 0)

    def count(kind: str) -> None:
        counts[kind] += 1

    # Sessions: weekly, same weekday and hour: the last two (or one) that fit the stretch, each
    # with a reflection written that evening. The newest notes the next appointment, still ahead.
    sessions = Sessions(vault)
    reflections = Reflections(vault)
    session_ids: list[str] = []
    session_days = [d for d in SESSION_DAYS_AGO if d < days]
    notes = SESSION_NOTES[-len(session_days) :]
    after = REFLECTIONS[-len(session_days) :]
    for days_ago, note, reflection in zip(session_days, notes, after, strict=True):
        when = clock.at(days_ago, 17)
        session = Session(when, THERAPIST, next_us=when + _WEEK_US, note=_say(note))
        # Noted an hour after it began: a session record's clear time is when it was written.
        session_ids.append(_backdate(vault, sessions.add(session), when + _HOUR_US).id)
        count(SESSION)
        written = reflections.add(_reflection_in_language(reflection, session_ids[-1]))
        _backdate(vault, written, when + _HOUR_US * 5 // 2)
        count(REFLECTION)

    # Check-ins: most days, one or two, in an order that cycles through every template.
    checkins = CheckIns(vault)
    order = list(range(len(CHECKINS)))
    rng.shuffle(order)
    next_template = 0
    intense_moments: list[int] = []
    for days_ago in range(days - 1, -1, -1):
        howmany = rng.choices((0, 1, 2), weights=(2, 5, 2))[0]
        for _turn in range(howmany):
            moment = CHECKINS[order[next_template % len(order)]]
            next_template += 1
            hour = rng.choice(moment.hours)
            when = clock.at(days_ago, hour, rng.randrange(0, 60, 5))
            if not clock.past(when):
                continue
            checkin = _nudge(_checkin_in_language(moment.checkin), rng)
            _backdate(vault, checkins.add(checkin), when)
            count(CHECKIN)
            if checkin.is_intense:
                intense_moments.append(when)

    # Journal entries: about two a week, on different days.
    journal = Journal(vault)
    entry_days = sorted(rng.sample(range(days), k=min(days, max(1, 2 * weeks))), reverse=True)
    for n, days_ago in enumerate(entry_days):
        when = clock.at(days_ago, rng.choice((7, 12, 21, 22)), rng.randrange(0, 60, 5))
        if clock.past(when):
            _backdate(vault, journal.add(_entry_in_language(ENTRIES[n % len(ENTRIES)])), when)
            count(JOURNAL)

    # Breathing: after most intense check-ins, plus a couple of quiet ones each week.
    log = BreathingLog(vault)
    moments = [when + _HOUR_US // 6 for when in intense_moments]
    moments += [
        clock.at(d, rng.choice((7, 13, 22)), 15) for d in rng.sample(range(days), k=min(days, weeks * 2))
    ]
    for when in sorted(moments):
        if clock.past(when):
            log.add(_breathing_session(rng), created_us=when)
            count(BREATHING)

    # Feedback and topics: written in the last fortnight, one of each waiting to be brought.
    feedback = Feedback(vault)
    older = session_ids[0] if session_ids else None
    newer = session_ids[-1] if session_ids else None
    shared = feedback.add(
        FeedbackDraft(
            "appreciation",
            session_id=older,
            # Translators: demo journal, sample feedback: "When {this}, I felt relieved and understood."
            what_happened=_("you noticed I'd gone quiet and asked what was happening in my body"),
            feelings=("relieved", "understood"),  # ids
            # Translators: demo journal, sample feedback: "I'd like {this}."
            would_like=_("more of that when I drift off"),
        )
    )
    _backdate(vault, shared, clock.at(min(days - 1, 12), 20, 30))
    # Translators: demo journal: how sharing a piece of feedback went; Sam is the therapist
    outcome = _("I said it at the start of the session. Sam said she'd keep doing it.")
    feedback.mark_shared(shared.id, outcome)
    bring = feedback.add(
        FeedbackDraft(
            "pace_tone",
            session_id=newer,
            # Translators: demo journal, sample feedback: "When {this}, I noticed my chest tighten and I
            # felt rushed."
            what_happened=_("we moved from my sister to work quite quickly"),
            # Translators: demo journal, sample feedback: "I noticed {this} and I felt rushed."
            body=_("my chest tighten"),
            feelings=("rushed",),  # an id
            # Translators: demo journal, sample feedback: "I'd like {this}."
            would_like=_("to stay a bit longer with the things that feel big"),
        )
    )
    _backdate(vault, bring, clock.at(min(days - 1, 5), 21, 10))
    feedback.set_state(bring.id, BRING)
    private = feedback.add(
        FeedbackDraft(
            "held_back",
            text=_(
                "I didn't say that last week's exercise felt like too much. "
                "I worry it sounds like I'm not trying."
            ),
        )
    )
    _backdate(vault, private, clock.at(min(days - 1, 3), 22, 0))
    counts[FEEDBACK] += 3

    topics = Topics(vault)
    for n, (text, to_bring) in enumerate(TOPICS):
        record = _backdate(vault, topics.add(_(text)), clock.at(min(days - 1, 4 - n), 19, 40))
        if to_bring:
            topics.set_state(record.id, BRING)
        count(TOPIC)

    Settings(vault).set(DEMO_SETTING, True)
    return counts


def _breathing_session(rng: random.Random) -> BreathingSession:
    """A believable pause: a usual rhythm, a few minutes (sometimes stopped early), tension easing."""
    p = breathing.pattern(rng.choice(("slow", "slow", "box", "478")))
    minutes = rng.choice((2, 3, 3, 5))
    seconds = breathing.session_seconds(p, minutes)
    if rng.random() < 0.2:
        seconds = float(rng.randrange(40, int(seconds), 5))  # stopped early: that counts too
    if rng.random() < 0.25:
        return BreathingSession.from_pattern(p, seconds)
    before = rng.randint(4, 8)
    return BreathingSession.from_pattern(p, seconds, before, max(0, before - rng.randint(0, 3)))


def prepare_demo(base: Path) -> Path:
    """The demo journal's folder inside ``base``, created and filled with sample data if absent.

    The demo is built in a temporary folder next to it and moved into place only when
    complete, so an interrupted start never leaves a half-filled demo behind. An existing demo
    journal is opened as it is (whatever was added to it stays).
    """
    base = ensure_private_dir(base)
    target = demo_data_dir(base)
    if vault_exists(vault_path(target)):
        return target
    building = Path(tempfile.mkdtemp(prefix=".demo-", dir=base))
    try:
        vault, _code = Vault.create(vault_path(building), DEMO_PASSPHRASE, with_recovery_code=False)
        try:
            fill_demo(vault, now_us(), tz=local_zone())
        finally:
            vault.lock()
        if target.is_dir() and not target.is_symlink():
            target.rmdir()  # an empty leftover; a folder with anything in it is never replaced
        os.replace(building, target)
    except BaseException:
        with contextlib.suppress(OSError):
            shutil.rmtree(building)
        raise
    return ensure_private_dir(target)
