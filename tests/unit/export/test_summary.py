from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import mini_vocabulary  # tests/unit/export/mini_vocabulary.py
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.records import Record, to_us
from companion.export.summary import (
    EVERYTHING,
    NOTHING_CHOSEN,
    NOTHING_IN_RANGE,
    Selection,
    build_summary,
    default_selection,
    practice_to_share,
    range_text,
    ticked_by_default,
    to_markdown,
    to_plain_text,
)
from companion.kinds.checkin import CHECKIN, BodyMark, CheckIn, CheckIns, FeelingPick
from companion.kinds.feedback import BRING, Feedback, FeedbackDraft
from companion.kinds.journal import Entry, Journal
from companion.kinds.reflection import Reflection, Reflections
from companion.kinds.topics import Topics
from companion.vault.vault import Vault


def us(day: int, hour: int = 12) -> int:
    return to_us(datetime(2026, 11, day, hour, tzinfo=UTC))


NOW = us(24, 20)
START = us(18, 0)


class World:
    def __init__(self, vault: Vault) -> None:
        self.vault = vault
        self.ids: dict[str, str] = {}

    def add_checkin(self, key: str, checkin: CheckIn, day: int) -> None:
        record = CheckIns(self.vault).add(checkin)
        self.vault.update(record.id, record.payload, created_us=us(day))
        self.ids[key] = record.id

    @property
    def records(self) -> list[Record]:
        return list(self.vault.iter_all())


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> World:
    vault, _ = Vault.create(
        Path(tmp_path_factory.mktemp("summary")) / "j.sqlite",
        "a long test passphrase",
        with_recovery_code=False,
    )
    w = World(vault)
    w.add_checkin(
        "c1",
        CheckIn(
            body=(
                BodyMark("chest", ("tight", "heavy"), intensity=6),
                BodyMark("jaw", ("clenched",), intensity=3),
            ),
            feelings=(FeelingPick("anxious", "strong"), FeelingPick("sad", "mild")),
            needs=("security",),
            note="NOTE-ONE the bus was late",
            happened="HAPPENED-ONE",
        ),
        19,
    )
    w.add_checkin(
        "c2",
        CheckIn(
            body=(BodyMark("chest", ("tight",), other="OTHER-SECRET fizzing", intensity=8),),
            feelings=(FeelingPick("anxious", "moderate"),),
            needs=("security", "valued"),
            note="REDACTED-NOTE my sister",
            said="REDACTED-SAID",
            body_said="REDACTED-BODY",
            need_other="REDACTED-NEED",
        ),
        20,
    )
    w.add_checkin(
        "c3", CheckIn(feelings=(FeelingPick("calm", "mild"), FeelingPick("wobbly", "moderate"))), 21
    )
    w.add_checkin("c4", CheckIn(note="NOTE-NOTHING-TO-GRAPH"), 22)
    w.add_checkin("old", CheckIn(feelings=(FeelingPick("angry", "strong"),), note="OLD-NOTE"), 2)

    feedback = Feedback(vault)
    bring = feedback.add(FeedbackDraft("appreciation", text="BRING-FEEDBACK it helped when you slowed down"))
    feedback.set_state(bring.id, BRING)
    w.ids["fb_bring"] = bring.id
    w.ids["fb_private"] = feedback.add(FeedbackDraft("request", text="PRIVATE-FEEDBACK keep this")).id
    topics = Topics(vault)
    topic = topics.add("TOPIC-BRING my job")
    topics.set_state(topic.id, BRING)
    w.ids["topic_bring"] = topic.id
    w.ids["topic_private"] = topics.add("TOPIC-PRIVATE not yet").id

    reflection = Reflections(vault).add(Reflection(connected=7, met="REFLECTION-MET you noticed"))
    vault.update(reflection.id, reflection.payload, created_us=us(19, 18))
    w.ids["reflection"] = reflection.id
    entry = Journal(vault).add(Entry("JOURNAL-TITLE", "JOURNAL-BODY a long day"))
    vault.update(entry.id, entry.payload, created_us=us(21))
    w.ids["entry"] = entry.id
    return w


def outputs(summary) -> tuple[str, str]:
    return to_markdown(summary), to_plain_text(summary)


def test_default_selection(world: World) -> None:
    sel = default_selection(world.records)
    for key in ("c1", "c2", "c3", "c4", "old", "fb_bring", "topic_bring"):
        assert world.ids[key] in sel.include, key
    for key in ("fb_private", "topic_private", "entry", "reflection"):
        assert world.ids[key] not in sel.include, key
    # a check-in's own words start left out; its body and feelings are in
    assert {world.ids[k] for k in ("c1", "c2", "c3", "c4", "old")} <= sel.redact_notes
    summary = build_summary(world.records, sel, START, None, NOW)
    for text in outputs(summary):
        assert "NOTE-ONE" not in text
    assert summary.body is not None and summary.body.regions


def test_only_chosen_records_appear(world: World) -> None:
    # check-in words and the reflection ticked in too
    sel = Selection(include=default_selection(world.records).include | {world.ids["reflection"]})
    summary = build_summary(world.records, sel, START, None, NOW)
    for text in outputs(summary):
        assert "BRING-FEEDBACK it helped when you slowed down" in text
        assert "TOPIC-BRING my job" in text
        assert "REFLECTION-MET you noticed" in text
        assert "NOTE-ONE the bus was late" in text
        for hidden in ("PRIVATE-FEEDBACK", "TOPIC-PRIVATE", "JOURNAL-TITLE", "JOURNAL-BODY", "OLD-NOTE"):
            assert hidden not in text
    assert summary.bringing == ["BRING-FEEDBACK it helped when you slowed down", "TOPIC-BRING my job"]
    assert summary.empty_message is None
    assert summary.checkin_count == 4  # "old" is outside the range

    with_entry = Selection(include=sel.include | {world.ids["entry"]})
    summary = build_summary(world.records, with_entry, START, None, NOW)
    assert summary.entries == [("JOURNAL-TITLE", "JOURNAL-BODY a long day")]
    for text in outputs(summary):
        assert "Journal entries" in text and "JOURNAL-BODY a long day" in text


def test_redacted_notes_never_appear(world: World) -> None:
    sel = default_selection(world.records)
    sel = Selection(include=sel.include, redact_notes=frozenset({world.ids["c2"]}))
    summary = build_summary(world.records, sel, START, None, NOW)
    for text in (*outputs(summary), repr(summary)):
        assert "REDACTED" not in text
        assert "OTHER-SECRET" not in text
    # the redacted check-in still counts for body, feelings and needs
    chest = next(r for r in summary.body.regions if r.region_id == "chest")
    assert chest.count == 2 and chest.max_intensity == 8 and chest.mean_intensity == 7
    assert dict(summary.needs) == {"To feel safe": 2, "To feel valued": 1}
    # without redaction the words are there
    unredacted = Selection(include=default_selection(world.records).include)
    plain = build_summary(world.records, unredacted, START, None, NOW)
    assert "REDACTED-NOTE my sister" in to_plain_text(plain)
    assert "OTHER-SECRET fizzing" in to_markdown(plain)


def test_counts_families_and_series(world: World) -> None:
    sel = default_selection(world.records)
    sel = replace(sel, include=sel.include | {world.ids["reflection"]})
    summary = build_summary(world.records, sel, START, None, NOW, tz=UTC)
    body = summary.body
    assert [r.region_id for r in body.regions] == ["chest", "jaw"]
    assert body.regions[0].sensations[0] == "tight"
    assert dict(body.sensations)["tight"] == 2
    words = dict(summary.feelings.words)
    assert words == {"anxious": 2, "sad": 1, "calm": 1, "wobbly": 1}
    families = dict(summary.feelings.families)
    assert families["Scared"] == 2 and families["Sad"] == 1 and families["Calm"] == 1
    assert summary.feelings.series == [(us(19), 6.0), (us(20), 8.0), (us(21), 6.0)]
    needs = dict(summary.needs)
    assert needs == {"To feel safe": 2, "To feel valued": 1}
    md, plain = outputs(summary)
    assert "Chest, twice, usually quite strong (7 of 10), strongest 8 of 10; tight and heavy" in md
    assert "Jaw, once, mild (3 of 10); clenched" in plain
    series = "How strong it felt at each check-in: 6 of 10 on 19 Nov, 8 of 10 on 20 Nov, 6 of 10 on 21 Nov"
    assert series in md and series in plain
    assert "Over time, oldest first: ▅▇▅" in md
    assert "Feelings I named: anxious (2 check-ins), sad (1 check-in)" in plain
    assert "To feel safe (2 check-ins)" in plain and "4 check-ins in this time" in plain
    for text in (md, plain):
        for heading in ("What I noticed in my body", "Feelings", "Needs", "What I'm bringing"):
            assert heading in text
        assert "After the last session" in text
        assert "18 Nov – 24 Nov 2026" in text


def test_sections_left_out(world: World) -> None:
    base = default_selection(world.records)
    every = frozenset({"body", "feelings", "needs", "bringing", "reflections", "entries"})
    sel = Selection(include=base.include | {world.ids["entry"]}, sections=every - {"needs"})
    summary = build_summary(world.records, sel, START, None, NOW)
    assert summary.body is None and summary.feelings is None
    assert summary.bringing == [] and summary.reflections == [] and summary.entries == []
    md, plain = outputs(summary)
    for text in (md, plain):
        assert "Needs" in text
        for gone in ("What I noticed in my body", "What I'm bringing", "After the last session", "Journal"):
            assert gone not in text
        assert "BRING-FEEDBACK" not in text and "Chest" not in text


def test_empty_choice_and_empty_range(world: World) -> None:
    empty = build_summary(world.records, Selection(), START, None, NOW)
    assert empty.empty_message == NOTHING_CHOSEN
    assert NOTHING_CHOSEN in to_markdown(empty) and NOTHING_CHOSEN in to_plain_text(empty)
    only_checkins = Selection(include=frozenset({world.ids["c1"], world.ids["c2"]}))
    later = build_summary(world.records, only_checkins, us(23), us(24), NOW)
    assert later.empty_message == NOTHING_IN_RANGE and later.checkin_count == 0
    assert NOTHING_IN_RANGE in to_plain_text(later)
    assert build_summary([], Selection(), None, None, NOW).empty_message == NOTHING_CHOSEN


def test_range_text() -> None:
    assert range_text(None, None, NOW) == EVERYTHING
    assert range_text(us(18, 0), None, NOW, UTC) == "18 Nov – 24 Nov 2026"
    assert range_text(us(18, 0), us(25, 0), NOW, UTC) == "18 Nov – 24 Nov 2026"
    assert range_text(us(24, 1), None, NOW, UTC) == "24 Nov 2026"
    new_year = to_us(datetime(2027, 1, 3, 9, tzinfo=UTC))
    assert (
        range_text(to_us(datetime(2026, 12, 28, tzinfo=UTC)), None, new_year, UTC)
        == "28 Dec 2026 – 3 Jan 2027"
    )


def test_name_shown(world: World) -> None:
    sel = Selection(include=default_selection(world.records).include, name=" J.K. ")
    summary = build_summary(world.records, sel, None, None, NOW)
    assert summary.name == "J.K." and summary.range_text == EVERYTHING
    assert "J.K." in to_markdown(summary) and "OLD-NOTE" in to_plain_text(summary)


# --- property: arbitrary words never crash and never leak ----------------------------------------

SAFE = st.text(alphabet=st.characters(blacklist_characters="⟦⟧", blacklist_categories=("Cs",)), max_size=40)
LEVELS = st.sampled_from(["mild", "moderate", "strong"])


@st.composite
def worlds(draw):
    records: list[Record] = []
    n = draw(st.integers(0, 6))
    for i in range(n):
        kind = draw(st.sampled_from(["checkin", "journal", "topic", "feedback"]))
        tag = f"⟦n{i}⟧"
        text = tag + draw(SAFE)
        if kind == "checkin":
            payload = CheckIn(
                body=tuple(
                    BodyMark(r, ("tight",), other=tag + draw(SAFE), intensity=draw(st.integers(0, 10)))
                    for r in draw(
                        st.lists(st.sampled_from(["chest", "jaw", "belly"]), max_size=2, unique=True)
                    )
                ),
                feelings=tuple(
                    FeelingPick(w, draw(LEVELS))
                    for w in draw(
                        st.lists(st.sampled_from(["sad", "anxious", "calm"]), max_size=2, unique=True)
                    )
                ),
                needs=tuple(draw(st.lists(st.sampled_from(["security", "valued"]), max_size=2, unique=True))),
                note=text,
                happened=tag + draw(SAFE),
                said=tag + draw(SAFE),
                body_said=tag + draw(SAFE),
                need_other=tag + draw(SAFE),
            ).to_payload()
        elif kind == "journal":
            payload = Entry(tag + draw(SAFE), text).payload()
        elif kind == "topic":
            payload = {"text": text, "state": draw(st.sampled_from(["private", "bring"])), "order": float(i)}
        else:
            payload = FeedbackDraft("request", text=text, state="bring").to_payload()
        created = us(draw(st.integers(17, 24)))
        records.append(Record(f"r{i}", kind, created, created, payload))
    ids = [r.id for r in records]
    include = frozenset(draw(st.lists(st.sampled_from(ids), unique=True))) if ids else frozenset()
    redact = frozenset(draw(st.lists(st.sampled_from(ids), unique=True))) if ids else frozenset()
    sections = frozenset(
        draw(st.lists(st.sampled_from(["body", "feelings", "needs", "bringing", "entries"]), unique=True))
    )
    start = draw(st.one_of(st.none(), st.just(START)))
    return records, Selection(include, redact, sections, draw(SAFE)), start


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(worlds())
def test_property_never_crashes_never_leaks(world_and_selection) -> None:
    records, sel, start = world_and_selection
    summary = build_summary(records, sel, start, None, NOW)
    md, plain = outputs(summary)
    for i, record in enumerate(records):
        tag = f"⟦n{i}⟧"
        hidden = record.id not in sel.include or (record.kind == CHECKIN and record.id in sel.redact_notes)
        if hidden:
            assert tag not in md and tag not in plain and tag not in repr(summary)
    if summary.empty_message is None:
        assert md.strip() and plain.strip()


def test_breathing_and_practice_sections(tmp_path: Path) -> None:
    from datetime import date

    from companion.kinds.breathing_log import BreathingLog, BreathingSession
    from companion.kinds.homework import CHECKIN as PRACTICE_CHECKIN
    from companion.kinds.homework import Homework, Homeworks
    from companion.reference.breathing import PATTERNS

    vault, _ = Vault.create(tmp_path / "j.sqlite", "a long test passphrase", with_recovery_code=False)
    log = BreathingLog(vault)
    log.add(BreathingSession.from_pattern(PATTERNS[0], 300, before=8, after=4), created_us=us(19))
    log.add(BreathingSession.from_pattern(PATTERNS[1], 240, before=6, after=4), created_us=us(20))
    log.add(BreathingSession.from_pattern(PATTERNS[1], 60), created_us=us(2))  # before the stretch
    practice = Homeworks(vault).add(
        Homework(PRACTICE_CHECKIN, start=date(2026, 11, 10), title="Evening check-in")
    )
    vault.update(practice.id, practice.payload, created_us=us(10, 8))  # added on 10 Nov
    for day in (19, 20, 21):
        record = CheckIns(vault).add(CheckIn(feelings=(FeelingPick("calm", "mild"),)))
        vault.update(record.id, record.payload, created_us=us(day))
    records = list(vault.iter_all())
    selection = default_selection(records)
    assert practice.id not in selection.include  # the client ticks it after reading the sentence
    selection = replace(selection, include=selection.include | {practice.id})
    summary = build_summary(records, selection, START, None, NOW, tz=UTC)
    assert summary.settling == [
        "2 breathing pauses, 9 minutes in all",
        "On average, tension was 7 of 10 before a pause and 4 of 10 after",
    ]
    assert summary.practice == ["Evening check-in, every day: done 3 times since 18 Nov"]
    md, plain = outputs(summary)
    for text in (md, plain):
        assert "Settling" in text and "Practice between sessions" in text
    # left out when unticked or when the section is left out
    no_practice = Selection(include=selection.include - {practice.id})
    assert build_summary(records, no_practice, START, None, NOW).practice == []
    no_settling = replace(selection, sections=frozenset({"settling"}))
    assert build_summary(records, no_settling, START, None, NOW).settling == []
    vault.lock()


# --- what starts ticked: one rule for every kind ---------------------------------------------------


def _record(kind: str, payload: dict, record_id: str = "r1", created: int | None = None) -> Record:
    when = us(20) if created is None else created
    return Record(record_id, kind, when, when, payload)


def _homework_payload() -> dict:
    from datetime import date

    from companion.kinds.homework import CHECKIN as PRACTICE_CHECKIN
    from companion.kinds.homework import Homework

    return Homework(PRACTICE_CHECKIN, start=date(2026, 11, 10)).to_payload()


DEFAULTS = [
    ("check-in", lambda: _record("checkin", CheckIn(note="private words").to_payload()), True),
    ("breathing pause", lambda: _record("breathing", {"pattern": "box", "seconds": 60}), True),
    (
        "reflection: 'just for you'",
        lambda: _record("reflection", Reflection(connected=7).to_payload()),
        False,
    ),
    ("journal entry", lambda: _record("journal", Entry("A title", "A body").payload()), False),
    ("practice: sentence shown first", lambda: _record("homework", _homework_payload()), False),
    ("private feedback", lambda: _record("feedback", FeedbackDraft("request", text="x").to_payload()), False),
    (
        "feedback to bring",
        lambda: _record("feedback", FeedbackDraft("request", text="x", state="bring").to_payload()),
        True,
    ),
    (
        "shared feedback",
        lambda: _record("feedback", FeedbackDraft("request", text="x", state="shared").to_payload()),
        True,
    ),
    ("private topic", lambda: _record("topic", {"text": "x", "state": "private", "order": 1.0}), False),
    ("topic to bring", lambda: _record("topic", {"text": "x", "state": "bring", "order": 1.0}), True),
    ("shared topic", lambda: _record("topic", {"text": "x", "state": "shared", "order": 1.0}), True),
    ("feedback with a damaged state", lambda: _record("feedback", {"text": "x", "state": "??"}), False),
    ("session note", lambda: _record("session", {"when": 1}), False),
    ("a kind from a newer version", lambda: _record("dream", {"text": "x"}), False),
]


@pytest.mark.parametrize(
    ("make", "ticked"), [(m, t) for _n, m, t in DEFAULTS], ids=[n for n, _m, _t in DEFAULTS]
)
def test_what_starts_ticked_for_every_kind(make, ticked: bool) -> None:
    """Nothing written on a screen that says private / just for you starts ticked."""
    record = make()
    assert ticked_by_default(record) is ticked
    selection = default_selection([record])
    assert (record.id in selection.include) is ticked
    # a check-in's own words always start left out, even though the check-in is ticked
    assert (record.id in selection.redact_notes) is (record.kind == CHECKIN)


def test_every_known_kind_has_a_default_case() -> None:
    from companion.export.summary import _KNOWN_KINDS

    covered = {make().kind for _n, make, _t in DEFAULTS}
    assert covered >= _KNOWN_KINDS


def test_old_shared_feedback_stays_out_of_a_later_stretch() -> None:
    """Shared items are offered (and ticked) only in the stretch they were written in, as shown."""
    old = _record(
        "feedback", FeedbackDraft("request", text="OLD-SHARED", state="shared").to_payload(), "f1", us(2)
    )
    new = _record(
        "feedback", FeedbackDraft("request", text="NEW-SHARED", state="shared").to_payload(), "f2", us(20)
    )
    bring = _record("topic", {"text": "OLD-BRING", "state": "bring", "order": 1.0}, "t1", us(2))
    summary = build_summary([old, new, bring], default_selection([old, new, bring]), START, None, NOW)
    assert summary.bringing == ["NEW-SHARED", "OLD-BRING"]


# --- practice: counted only from when it was added ---------------------------------------------------


def _practice_world(added_us: int):
    from datetime import date

    from companion.kinds.homework import ON_DAYS, Homework

    plan = Homework(
        "checkin", start=date(2026, 11, 10), often=ON_DAYS, days=("mon", "thu"), title="Body scan"
    )
    homework = _record("homework", plan.to_payload(), "hw", added_us)
    checkins = [
        _record("checkin", CheckIn(note="x").to_payload(), f"c{n}", when)
        for n, when in enumerate((us(18), us(20, 9), us(20, 15), us(22)))
    ]
    return homework, [homework, *checkins]


def test_practice_counts_only_from_when_it_was_added() -> None:
    homework, records = _practice_world(added_us=us(20, 12))  # the card arrived at noon on 20 Nov
    selection = Selection(include=frozenset({"hw"}))
    summary = build_summary(records, selection, START, None, NOW, tz=UTC)
    # 18 Nov and 9:00 on 20 Nov were before the card: only the 15:00 and 22 Nov check-ins count
    assert summary.practice == ["Body scan, on Mondays and Thursdays: done twice since 20 Nov"]


def test_the_practice_sentence_is_shown_before_it_is_ticked() -> None:
    from companion.export.session_prep import Stretch, candidates

    homework, records = _practice_world(added_us=us(20, 12))
    sentence = practice_to_share(homework, records, START, None, NOW, UTC)
    groups = candidates(records, Stretch(START, None), UTC, now_us=NOW)
    assert groups["homework"][0].detail == f"Would be shared as: {sentence}"
    assert homework.id not in default_selection(records).include
    summary = build_summary(records, Selection(include=frozenset({"hw"})), START, None, NOW, tz=UTC)
    assert summary.practice == [sentence]  # exactly what was shown, nothing more
    nothing_yet, records = _practice_world(added_us=us(23))
    assert practice_to_share(nothing_yet, records, START, None, NOW, UTC) == (
        "Body scan, on Mondays and Thursdays: on my list since 23 Nov"
    )


# --- wording: every number says what it is ----------------------------------------------------------


LABELLED = re.compile(
    r"\d+(\.\d)? of 10|\d+ check-ins?|\d+ times|\d+ minutes?|\d+ breathing pauses?"
    r"|\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)( \d{4})?"
)


def test_sentences_label_every_number(world: World) -> None:
    sel = Selection(include=default_selection(world.records).include | {world.ids["reflection"]})
    summary = build_summary(world.records, sel, START, None, NOW, tz=UTC)
    for text in outputs(summary):
        for line in text.splitlines():
            assert not re.search(r"\d", LABELLED.sub("", line)), f"a number without its meaning: {line!r}"


def test_a_strength_is_never_invented() -> None:
    """Marks and feelings stored without a strength say how often, and nothing about how strong."""
    no_strength = {
        "body": [
            {"region": "chest", "sensations": ["tight"], "other": ""},  # older data: no intensity at all
            {"region": "jaw", "sensations": [], "other": "", "intensity": None},  # intensity made optional
        ],
        "feelings": [{"word": "sad"}],
        "needs": [],
    }
    records = [_record("checkin", no_strength, f"c{n}", us(19 + n)) for n in range(2)]
    summary = build_summary(records, default_selection(records), START, None, NOW, tz=UTC)
    chest = next(r for r in summary.body.regions if r.region_id == "chest")
    assert chest.count == 2 and chest.mean_intensity is None and chest.max_intensity is None
    md, plain = outputs(summary)
    assert "Chest, twice; tight" in plain and "Jaw, twice" in plain
    for text in (md, plain):
        assert "of 10" not in text and "How strong" not in text
        for word in ("mild", "moderate", "strong"):
            assert word not in text
    assert summary.feelings is not None and summary.feelings.series == []

    mixed = {"body": [{"region": "chest", "sensations": [], "intensity": 9}], "feelings": []}
    records.append(_record("checkin", mixed, "c9", us(22)))
    summary = build_summary(records, default_selection(records), START, None, NOW, tz=UTC)
    assert "Chest, 3 times, noted once as very strong (9 of 10); tight" in to_plain_text(summary)
    assert summary.feelings.series == [(us(22), 9.0)]
    records.append(_record("checkin", {"body": [{"region": "chest", "intensity": 5}]}, "c10", us(23)))
    summary = build_summary(records, default_selection(records), START, None, NOW, tz=UTC)
    assert "Chest, 4 times, usually quite strong (7 of 10) when noted, strongest 9 of 10" in to_plain_text(
        summary
    )


# ------------------------------------------------------------------------- other languages
speaks = mini_vocabulary.speaks  # the fixture: German and Spanish words (shared module)


def _checkin_by_id() -> list[Record]:
    """A check-in as the app stores it: the feeling by its id, the need and body by theirs."""
    checkin = CheckIn(
        body=(BodyMark("chest", ("tight",), intensity=7),),
        feelings=(FeelingPick("disappointed", "strong"),),
        needs=("rest",),
    )
    return [Record("stored-by-id", CHECKIN, us(20), us(20), checkin.to_payload())]


ENGLISH_HEADINGS = ("What I'd like to bring", "What I noticed in my body", "Feelings", "Needs", "check-in")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            (
                "Was ich mitbringen möchte",
                "Was ich in meinem Körper bemerkt habe",
                "Gefühle, die ich benannt habe: enttäuscht (1 Check-in)",
                "Bedürfnisse",
                "Ruhe (1 Check-in)",
                "Brust, einmal, ziemlich stark (7 von 10); Eng",
                "20. Nov.",
            ),
        ),
        (
            "es",
            (
                "Lo que me gustaría llevar",
                "Lo que noté en mi cuerpo",
                "Sentimientos que nombré: decepcionado (1 registro)",
                "Necesidades",
                "Descanso (1 registro)",
                "Pecho, una vez, bastante fuerte (7 de 10); apretado",
                "20 nov",
            ),
        ),
    ],
)
def test_the_summary_speaks_the_sessions_language(speaks, language, expected):
    records = _checkin_by_id()
    with speaks.use(language):
        summary = build_summary(records, default_selection(records), START, None, NOW, tz=UTC)
        text, markdown = to_plain_text(summary), to_markdown(summary)
    for words in expected:
        assert words in text and words in markdown, words
    for english in ENGLISH_HEADINGS:
        assert english not in text, english
    english = to_plain_text(build_summary(records, default_selection(records), START, None, NOW, tz=UTC))
    assert "Feelings I named: disappointed (1 check-in)" in english  # English untouched
