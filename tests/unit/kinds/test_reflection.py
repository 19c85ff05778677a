"""After-session reflections: our own questions, skipping, clamping, storage and summaries."""

from __future__ import annotations

import pytest
from conftest import empty
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core import i18n
from companion.core.errors import RecordNotFound
from companion.core.i18n import _
from companion.kinds.reflection import (
    PACE,
    PLEASING,
    REFLECTION,
    SCALE_IDS,
    SCALES,
    TONE,
    Reflection,
    Reflections,
    clamp_scale,
    summary_lines,
    support_challenge_words,
)
from companion.kinds.sessions import Session, Sessions
from companion.vault.vault import Vault


@pytest.fixture
def store(vault: Vault) -> Reflections:
    empty(vault)
    return Reflections(vault)


scores = st.one_of(st.none(), st.integers(0, 10))
reflections = st.builds(
    Reflection,
    session_id=st.one_of(st.none(), st.text(min_size=1)),
    worked_on=scores,
    way_of_working=scores,
    connected=scores,
    overall=scores,
    pace=st.one_of(st.none(), st.sampled_from(sorted(PACE))),
    tone=st.one_of(st.none(), st.sampled_from(sorted(TONE))),
    support_challenge=scores,
    met=st.text(),
    missed=st.text(),
    pleasing=st.one_of(st.none(), st.sampled_from(sorted(PLEASING))),
    note=st.text(),
)


# --- our own wording ---------------------------------------------------------------------------


def test_four_scales_with_our_own_questions_and_end_labels() -> None:
    assert SCALE_IDS == ("worked_on", "way_of_working", "connected", "overall")
    for scale in SCALES:
        assert scale.question.endswith("?")
        assert scale.short and scale.low and scale.high and scale.low != scale.high
    assert [s.short for s in SCALES][:3] == [
        "How well we worked on what matters to me",
        "How well the way we worked suited me",
        "How connected I felt",
    ]


def test_no_wording_borrowed_from_licensed_scales() -> None:
    """Phrases characteristic of the Session Rating Scale / Working Alliance Inventory stay out."""
    borrowed = (
        "heard, understood",
        "understood, and respected",
        "goals and topics",
        "approach or method",
        "a good fit for me",
        "something missing",
        "right for me",
        "agree on",
        "we agree",
        "trust",
    )
    texts = [t for s in SCALES for t in (s.question, s.short, s.low, s.high)]
    for text in texts:
        for phrase in borrowed:
            assert phrase not in text.lower()


def test_choice_labels() -> None:
    assert list(PACE) == ["too_slow", "about_right", "too_fast"]
    assert list(TONE) == ["too_soft", "about_right", "too_sharp"]
    assert list(PLEASING) == ["yes", "a_little", "no"]


# --- value, clamping and payload ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (None, None),
        (True, None),
        ("junk", None),
        (float("nan"), None),
        (float("inf"), None),
        ([3], None),
        (-3, 0),
        (42, 10),
        (1e300, 10),
        (7.6, 8),
        ("7", 7),
        (0, 0),
        (10, 10),
    ],
)
def test_clamp_scale(raw: object, expected: int | None) -> None:
    assert clamp_scale(raw) == expected


def test_empty_means_nothing_answered() -> None:
    assert Reflection().is_empty
    assert Reflection(session_id="abc", met="  \n", note=" ").is_empty
    assert not Reflection(worked_on=0).is_empty  # 0 is an answer, None is a skip
    assert not Reflection(pace="too_fast").is_empty
    assert not Reflection(pleasing="no").is_empty
    assert not Reflection(missed="when we ran out of time").is_empty
    assert not Reflection(support_challenge=5).is_empty


@given(reflections)
def test_payload_round_trip_with_arbitrary_unicode(reflection: Reflection) -> None:
    payload = reflection.to_payload()
    assert payload["v"] == 1
    assert Reflection.from_payload(payload) == reflection


def test_out_of_range_and_unknown_values_are_cleaned_on_both_sides() -> None:
    messy = Reflection(worked_on=14, connected=-2, pace="racing", tone="too_sharp", pleasing="maybe")  # type: ignore[arg-type]
    payload = messy.to_payload()
    assert payload["worked_on"] == 10 and payload["connected"] == 0
    assert payload["pace"] is None and payload["pleasing"] is None and payload["tone"] == "too_sharp"
    again = Reflection.from_payload(
        {"worked_on": "99", "overall": 3.4, "pace": "fast", "support_challenge": -1}
    )
    assert (again.worked_on, again.overall, again.pace, again.support_challenge) == (10, 3, None, 0)


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "junk",
        [1, 2],
        {},
        {"session_id": 7, "worked_on": {"a": 1}, "pace": ["too_fast"], "met": 5, "note": None},
        {"session_id": "", "connected": "loads", "pleasing": True, "missed": ["x"]},
    ],
)
def test_damaged_payloads_read_as_skipped(payload: object) -> None:
    assert Reflection.from_payload(payload) == Reflection()


# --- summaries -----------------------------------------------------------------------------------


def test_summary_lines_are_plain_sentences_in_a_steady_order() -> None:
    reflection = Reflection(
        worked_on=6,
        connected=7,
        overall=0,
        pace="about_right",
        tone="too_sharp",
        support_challenge=3,
        met="  when you remembered my sister's name ",
        missed="",
        pleasing="a_little",
        note="Bring up the holidays.",
    )
    assert summary_lines(reflection) == [
        "How well we worked on what matters to me: 6 of 10",
        "How connected I felt: 7 of 10",
        "Overall: 0 of 10",
        "Pace: about right",
        "Tone: too sharp",
        "Support or challenge: I needed a bit more support (3 of 10)",
        "Did I say what I thought my therapist wanted to hear? A little.",
        "A moment I felt met: when you remembered my sister's name",
        "Note: Bring up the holidays.",
    ]
    assert summary_lines(Reflection()) == []


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "I needed more support"),
        (4, "I needed a bit more support"),
        (5, "the balance was right"),
        (6, "I needed a bit more challenge"),
        (10, "I needed more challenge"),
    ],
)
def test_support_and_challenge_in_words(value: int, words: str) -> None:
    assert support_challenge_words(value) == words


@given(reflections)
def test_summary_has_one_line_per_answer(reflection: Reflection) -> None:
    answered = sum(getattr(reflection, s) is not None for s in SCALE_IDS)
    answered += sum(v is not None for v in (reflection.pace, reflection.tone, reflection.pleasing))
    answered += reflection.support_challenge is not None
    answered += sum(bool(t.strip()) for t in (reflection.met, reflection.missed, reflection.note))
    lines = summary_lines(reflection)
    assert len(lines) == answered
    assert all(line == line.strip() and line for line in lines)


# --- the store -------------------------------------------------------------------------------------


def test_add_get_update_delete(store: Reflections) -> None:
    with pytest.raises(ValueError, match="nothing in this reflection"):
        store.add(Reflection(session_id="s1"))
    record = store.add(Reflection(session_id="s1", connected=8))
    assert record.kind == REFLECTION
    assert store.get(record.id) == Reflection(session_id="s1", connected=8)
    store.update(record.id, Reflection(session_id="s1", connected=8, met="the pause"))
    assert store.get(record.id).met == "the pause"
    with pytest.raises(ValueError):
        store.update(record.id, Reflection())
    store.save_draft(record.id, Reflection(note="half-written"))
    store.delete(record.id)
    assert store.find_draft(record.id) is None
    with pytest.raises(RecordNotFound):
        store.get(record.id)


def test_other_kinds_are_not_reflections(store: Reflections, vault: Vault) -> None:
    other = vault.add("feedback", {"kind": "request"})
    with pytest.raises(RecordNotFound):
        store.get(other.id)
    with pytest.raises(RecordNotFound):
        store.update(other.id, Reflection(overall=5))
    assert vault.get(other.id).payload == {"kind": "request"}


def test_for_session_and_latest(store: Reflections, vault: Vault) -> None:
    assert store.latest() is None
    sessions = Sessions(vault)
    first = sessions.add(Session(1_700_000_000_000_000, "Sam"))
    second = sessions.add(Session(1_700_600_000_000_000, "Sam"))
    a = store.add(Reflection(session_id=first.id, overall=4))
    b = store.add(Reflection(session_id=second.id, overall=7))
    c = store.add(Reflection(session_id=first.id, note="one more thought"))
    store.add(Reflection(note="not about any session"))
    assert [r.id for r, _ in store.for_session(first.id)] == [c.id, a.id]
    assert [r.id for r, _ in store.for_session(second.id)] == [b.id]
    assert store.for_session("gone") == []
    latest = store.latest()
    assert latest is not None and latest[1].note == "not about any session"
    # A removed session leaves its reflections in place, still pointing at the old id.
    sessions.delete(first.id)
    assert len(store.for_session(first.id)) == 2


def test_drafts_autosave_and_discard(store: Reflections) -> None:
    assert store.find_draft(None) is None
    first = store.save_draft(None, Reflection(pace="too_fast"))
    again = store.save_draft(None, Reflection(pace="too_fast", met="the joke"), first)
    assert again == first
    found = store.find_draft(None)
    assert found == (first, Reflection(pace="too_fast", met="the joke"))
    record = store.add(Reflection(overall=6))
    store.save_draft(record.id, Reflection(overall=9))
    assert store.find_draft(None)[1].met == "the joke"  # editing and new drafts never mix
    assert store.find_draft(record.id)[1].overall == 9
    store.discard_draft(None, first)
    assert store.find_draft(None) is None
    assert store.find_draft(record.id) is not None
    assert store.all()[0][1] == Reflection(overall=6)  # a draft never changes the saved one


def test_damaged_record_does_not_crash_the_list(store: Reflections, vault: Vault) -> None:
    vault.add(REFLECTION, {"v": 1, "overall": "eleven", "pace": 3, "met": None})
    vault.add(REFLECTION, {"v": "two", "session_id": ["a"], "worked_on": None, "note": {"x": 1}})
    assert [refl for _r, refl in store.all()] == [Reflection(), Reflection()]
    assert store.latest() is not None


@settings(max_examples=20, deadline=None)
@given(reflections.filter(lambda r: not r.is_empty))
def test_any_reflection_survives_the_vault(vault: Vault, reflection: Reflection) -> None:
    store = Reflections(vault)
    record = store.add(reflection)
    assert store.get(record.id) == reflection
    vault.delete(record.id)


def test_a_very_long_text_saves_and_reopens_intact(store: Reflections, vault: Vault) -> None:
    text = ("مرحبا " * 3_000 + "🌊" * 10_000 + "é" * 40_000)[:50_000]
    record = store.add(Reflection(missed=text, connected=3))
    again = Vault.unlock(vault.path, "a long test passphrase")
    try:
        assert Reflections(again).get(record.id).missed == text
    finally:
        again.lock()


# --- in German and Spanish -------------------------------------------------------------------------

ANSWERED = Reflection(
    worked_on=6,
    way_of_working=8,
    connected=7,
    overall=0,
    pace="about_right",
    tone="too_sharp",
    support_challenge=3,
    met="  when you remembered my sister's name ",
    missed="Rushed at the end",
    pleasing="a_little",
    note="Bring up the holidays.",
)


def test_summary_lines_in_german_keep_the_persons_words() -> None:
    with i18n.use("de"):
        lines = summary_lines(ANSWERED)
    assert lines == [
        "Wie gut wir an dem gearbeitet haben, was mir wichtig ist: 6 von 10",
        "Wie gut unsere Art zu arbeiten zu mir gepasst hat: 8 von 10",
        "Wie verbunden ich mich gefühlt habe: 7 von 10",
        "Insgesamt: 0 von 10",
        "Tempo: passend",
        "Tonfall: zu scharf",
        "Unterstützung oder Herausforderung: Ich hätte etwas mehr Unterstützung gebraucht (3 von 10)",
        "Habe ich gesagt, was meine Therapeutin oder mein Therapeut wohl hören wollte? Ein bisschen.",
        "Ein Moment, in dem ich mich gesehen gefühlt habe: when you remembered my sister's name",
        "Ein Moment, in dem ich mich übersehen gefühlt habe: Rushed at the end",
        "Notiz: Bring up the holidays.",
    ]


def test_summary_lines_in_spanish() -> None:
    with i18n.use("es"):
        lines = summary_lines(ANSWERED)
        balanced = support_challenge_words(5)
    assert lines[0] == "Cuánto trabajamos en lo que me importa: 6 de 10"
    assert lines[4:8] == [
        "Ritmo: adecuado",
        "Tono: demasiado duro",
        "Apoyo o desafío: Necesitaba un poco más de apoyo (3 de 10)",
        "¿Dije lo que creía que mi terapeuta quería oír? Un poco.",
    ]
    assert lines[-1] == "Nota: Bring up the holidays."
    assert balanced == "el equilibrio era el adecuado"


@pytest.mark.parametrize("language", ["de", "es"])
def test_every_question_answer_and_hint_is_translated(language: str) -> None:
    from companion.kinds import reflection as kind

    english = [text for s in SCALES for text in (s.question, s.short, s.low, s.high)]
    english += [*PACE.values(), *TONE.values(), *PLEASING.values()]
    english += [
        kind.PACE_QUESTION,
        kind.TONE_QUESTION,
        kind.SUPPORT_CHALLENGE_QUESTION,
        kind.SUPPORT_LABEL,
        kind.BALANCE_LABEL,
        kind.CHALLENGE_LABEL,
        kind.MET_PROMPT,
        kind.MET_HINT,
        kind.MISSED_PROMPT,
        kind.MISSED_HINT,
        kind.PLEASING_QUESTION,
        kind.PLEASING_HINT,
        kind.NOTE_PROMPT,
        Reflections.empty_message,
    ]
    with i18n.use(language):
        shown = {text: _(text) for text in english}
    untranslated = [text for text, words in shown.items() if words == text and text != "No"]
    assert untranslated == []  # ("No" is the same word in Spanish)
    assert (
        shown[SCALES[2].question]
        == {"de": "Wie verbunden habe ich mich gefühlt?", "es": "¿Cuánta conexión sentí?"}[language]
    )


def test_answers_are_stored_by_key_in_any_language() -> None:
    with i18n.use("de"):
        payload = ANSWERED.to_payload()
    assert (payload["pace"], payload["tone"], payload["pleasing"]) == ("about_right", "too_sharp", "a_little")
    assert Reflection.from_payload(payload) == ANSWERED
