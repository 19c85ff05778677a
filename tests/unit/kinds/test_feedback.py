"""Feedback drafts, their sentences, their states, and topics to bring, against a real vault."""

from __future__ import annotations

import itertools
import re
import unicodedata

import pytest
from conftest import empty
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.errors import RecordNotFound
from companion.core.kind_ids import TOPIC
from companion.kinds.feedback import (
    BRING,
    DEFAULT_KIND,
    FEEDBACK,
    KIND_IDS,
    KINDS,
    NOTHING_TO_BRING,
    PRIVATE,
    PROMPTS,
    SHARED,
    STATE_LABELS,
    STATES,
    Feedback,
    FeedbackDraft,
    bring_list,
    kind,
)
from companion.kinds.feedback_wording import assemble, join_words
from companion.kinds.topics import Topic, Topics
from companion.vault.vault import Vault


@pytest.fixture
def store(vault: Vault) -> Feedback:
    empty(vault)
    return Feedback(vault)


@pytest.fixture
def topics(vault: Vault) -> Topics:
    empty(vault)
    return Topics(vault)


def words_in(text: str) -> bool:
    """An independent reading of "has something to say": a letter, digit or symbol."""
    return any(unicodedata.category(c)[0] in "LNS" for c in text)


# --- kinds and states ----------------------------------------------------------------------------


def test_kinds_are_complete_and_written_out() -> None:
    assert KIND_IDS == (
        "appreciation",
        "request",
        "didnt_land",
        "felt_missed",
        "held_back",
        "pace_tone",
        "frame",
    )
    starters = [s for k in KINDS for s in k.starters]
    assert len(starters) == len(set(starters))
    for k in KINDS:
        assert k.label and k.description and k.label[0].isupper()
        assert 3 <= len(k.starters) <= 4
        assert all(s == s.strip() and s[0].isupper() for s in k.starters)
        assert kind(k.id) is k
    assert kind("nonsense") is None
    assert kind("didnt_land").label == "Something that didn't land"
    assert kind("felt_missed").label == "A moment I felt missed"
    assert kind("held_back").label == "Something I held back"
    assert "scheduling" in kind("frame").description and "privacy" in kind("frame").description


def test_states_and_labels() -> None:
    assert STATES == ("private", "bring", "shared")
    assert STATE_LABELS[BRING] == "Bring to session"
    assert FeedbackDraft("request").state == PRIVATE
    assert list(PROMPTS)[:4] == ["what_happened", "body", "feelings", "would_like"]


# --- assembling sentences ---------------------------------------------------------------------------


D = FeedbackDraft
EXAMPLES: list[tuple[FeedbackDraft, str]] = [
    (
        D(
            "appreciation",
            what_happened="you slowed down",
            body="my shoulders drop",
            feelings=("safer", "grateful"),
            would_like="more of that",
        ),
        "When you slowed down, I noticed my shoulders drop and I felt safer and grateful. "
        "I'd like more of that.",
    ),
    (D("appreciation", what_happened="You slowed down."), "It helped when you slowed down."),
    (D("appreciation", feelings=("Seen",)), "I felt seen."),
    (
        D("request", what_happened="we ran out of time", would_like="to leave ten minutes at the end"),
        "I've been thinking about when we ran out of time. I'd like to leave ten minutes at the end.",
    ),
    (D("request", would_like="could we start on time"), "Could we start on time?"),
    (D("request", would_like="I'd like you to speak more softly!"), "I'd like you to speak more softly!"),
    (
        D("didnt_land", what_happened="you suggested a breathing exercise"),
        "When you suggested a breathing exercise, it didn't quite land for me.",
    ),
    (
        D("didnt_land", what_happened="you suggested a breathing exercise", feelings=("irritated",)),
        "When you suggested a breathing exercise, I felt irritated. It didn't quite land for me.",
    ),
    (D("felt_missed", what_happened="you moved on quickly"), "When you moved on quickly, I felt missed."),
    (
        D("felt_missed", what_happened="you moved on quickly", feelings=("Sad", "alone", "sad")),
        "When you moved on quickly, I felt missed, sad and alone.",
    ),
    (D("felt_missed", body="my throat close"), "I noticed my throat close and I felt missed."),
    (D("felt_missed", would_like="you to check in with me"), "I'd like you to check in with me."),
    (
        D("held_back", what_happened="you mentioned my mother"),
        "When you mentioned my mother, I held something back.",
    ),
    (
        D(
            "held_back",
            what_happened="you mentioned my mother",
            feelings=("angry",),
            would_like="to talk about it",
        ),
        "When you mentioned my mother, I felt angry. I didn't say so at the time. I'd like to talk about it.",
    ),
    (
        D(
            "pace_tone",
            what_happened="when you spoke quickly",
            body="my chest tighten",
            would_like="us to slow down",
        ),
        "When you spoke quickly, I noticed my chest tighten. I'd like us to slow down.",
    ),
    (
        D("pace_tone", what_happened="you spoke quickly"),
        "Something about the pace or tone stood out for me when you spoke quickly.",
    ),
    (
        D(
            "frame",
            what_happened="we talked about the holidays",
            would_like="to know what happens if I need to cancel",
        ),
        "This question came up for me when we talked about the holidays. "
        "I'd like to know what happens if I need to cancel.",
    ),
    (D("frame", would_like="  who reads my notes?  "), "Who reads my notes?"),
    (
        D("appreciation", what_happened=" , you   laughed  .", feelings=("  ", "...")),
        "It helped when you laughed.",
    ),
    (D("appreciation", body="My heart racing!"), "I noticed my heart racing!"),
    (D("request", what_happened="Sam was late", feelings=("uneasy",)), "When Sam was late, I felt uneasy."),
    (
        D("request", what_happened="I told you about work", would_like="I need more time"),
        "I've been thinking about when I told you about work. I need more time.",
    ),
]


@pytest.mark.parametrize(("draft", "expected"), EXAMPLES)
def test_example_sentences(draft: FeedbackDraft, expected: str) -> None:
    assert assemble(draft) == expected


@pytest.mark.parametrize(
    ("words", "joined"),
    [
        ([], ""),
        (["sad"], "sad"),
        (["sad", "hurt"], "sad and hurt"),
        (["sad", "hurt", "tired"], "sad, hurt and tired"),
    ],
)
def test_feelings_are_joined_naturally(words: list[str], joined: str) -> None:
    assert join_words(words) == joined
    if words:
        assert assemble(FeedbackDraft("appreciation", feelings=tuple(words))) == f"I felt {joined}."


def test_an_empty_draft_assembles_to_nothing() -> None:
    for kind_id in KIND_IDS:
        assert assemble(FeedbackDraft(kind_id)) == ""
        blank = FeedbackDraft(
            kind_id, what_happened="  ", body="\n\t", feelings=("", " ", "?!"), would_like="..."
        )
        assert assemble(blank) == ""
        assert blank.is_empty


PARTS = ("what_happened", "body", "feelings", "would_like")


@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_parts_always_come_in_the_same_order_for_every_combination(kind_id: str) -> None:
    markers = {"what_happened": "alpha", "body": "bravo", "feelings": "charlie", "would_like": "to delta"}
    for filled in itertools.product([False, True], repeat=4):
        values = {p: (markers[p] if on else "") for p, on in zip(PARTS, filled, strict=True)}
        draft = FeedbackDraft(
            kind_id, **{**values, "feelings": (values["feelings"],) if values["feelings"] else ()}
        )
        out = assemble(draft)
        present = [markers[p] for p, on in zip(PARTS, filled, strict=True) if on]
        positions = [out.find(m) for m in present]
        assert all(p >= 0 for p in positions), (out, present)
        assert positions == sorted(positions), out
        assert (out == "") == (not any(filled))
        assert "  " not in out and not re.search(r" [,.;:!?]", out)
        assert not re.search(r"\b(When|when|and|felt|noticed|like)[,.]", out), out


# Arbitrary client text: emoji, right-to-left scripts, stray punctuation and blank parts.
tricky = st.sampled_from(
    [
        "",
        " ",
        "\n\t ",
        "...",
        "🙂",
        "שלום עולם",
        "مرحبا بك",
        "you paused.",
        "Really?!",
        "  spaced   out  ",
        "a , b .",
    ]
)
any_part = st.one_of(st.text(), tricky, st.builds(lambda a, b: a + b, st.text(max_size=20), tricky))
any_draft = st.builds(
    FeedbackDraft,
    kind=st.sampled_from(KIND_IDS),
    what_happened=any_part,
    body=any_part,
    feelings=st.lists(any_part, max_size=4).map(tuple),
    would_like=any_part,
)


@settings(max_examples=400)
@given(any_draft)
def test_assembled_text_is_always_tidy(draft: FeedbackDraft) -> None:
    out = assemble(draft)
    parts = [draft.what_happened, draft.body, draft.would_like, *draft.feelings]
    assert (out == "") == (not any(words_in(p) for p in parts))
    assert draft.is_empty == (out == "")
    if not out:
        return
    assert out == out.strip()
    assert "  " not in out
    assert not re.search(r" [,.;:!?…]", out)
    assert out[0].isupper()
    assert out[-1] in ".!?…"
    assert "\n" not in out and "\t" not in out
    folded = out.casefold()
    for part in parts:
        for token in re.findall(r"[^\W_]+", part):
            assert token.casefold() in folded, (token, out)


# Letters beyond Latin-1 (Greek, Cyrillic, Hebrew, Arabic, CJK ...), so the client's words can't
# spell our own joining words and every English word in the output is ours.
letters = st.characters(categories=("Lu", "Ll", "Lo", "Nd"), min_codepoint=0x100)
clean_text = st.text(
    st.one_of(letters, st.sampled_from([" ", "\t", "\n", "🙂", "🌿", "\u00a0", "7"])), max_size=25
)
endings = st.sampled_from(["", ".", "!", "?", "…", ",", ";", ":", " .", " !", "?!", "  "])
ended = st.builds(lambda t, e: t + e, clean_text, endings)
clean_draft = st.builds(
    FeedbackDraft,
    kind=st.sampled_from(KIND_IDS),
    what_happened=ended,
    body=ended,
    feelings=st.lists(ended, max_size=4).map(tuple),
    would_like=ended,
)


@settings(max_examples=400)
@given(clean_draft)
def test_every_sentence_is_whole(draft: FeedbackDraft) -> None:
    """With no punctuation inside the client's words, every mark in the output is a sentence end."""
    out = assemble(draft)
    if not out:
        return
    assert not re.search(r"[.!?…]\.", out)  # never a full stop after the client's own ending
    assert not re.search(r"[,;:][,.;:!?…]", out)
    assert not re.search(r"\b(When|when|and|felt|noticed|like)[,.!?…]", out)  # nothing dangling
    assert not re.search(r"(When|when) ,", out)
    for sentence in re.split(r"(?<=[.!?…]) ", out):
        assert sentence[0].isupper(), (sentence, out)
        assert re.fullmatch(r"[^.!?…]+(\.|!|\?|…|\?!)", sentence), (sentence, out)


def test_wording_prefers_the_clients_own_text() -> None:
    draft = FeedbackDraft("appreciation", what_happened="you waited")
    assert draft.wording == "It helped when you waited."
    assert FeedbackDraft(
        "appreciation", what_happened="you waited", text="  Thank you for waiting. "
    ).wording == ("Thank you for waiting.")
    assert FeedbackDraft("appreciation", what_happened="you waited", text=" \n ").wording == draft.wording
    assert not FeedbackDraft("request", text="just this").is_empty
    assert FeedbackDraft("request", text="  ", checkin_ids=("c1",), outcome="it went fine").is_empty


def test_feelings_can_be_added_and_removed() -> None:
    # Listed feelings are stored by id (once, whatever the case); the person's own words as written.
    draft = FeedbackDraft("request").add_feeling("sad").add_feeling("tired").add_feeling("SAD")
    assert draft.feelings == ("tired", "sad")
    assert draft.remove_feeling("Tired").feelings == ("sad",)
    own = draft.add_feeling("Wobbly-ish").add_feeling("wobbly-ISH")
    assert own.feelings == ("tired", "sad", "wobbly-ISH")
    assert own.remove_feeling("WOBBLY-ish").feelings == ("tired", "sad")


# --- payloads --------------------------------------------------------------------------------------


drafts = st.builds(
    FeedbackDraft,
    kind=st.sampled_from(KIND_IDS),
    state=st.sampled_from(STATES),
    session_id=st.one_of(st.none(), st.text(min_size=1)),
    what_happened=st.text(),
    body=st.text(),
    feelings=st.lists(st.text(), max_size=5).map(tuple),
    would_like=st.text(),
    text=st.text(),
    checkin_ids=st.lists(st.text(), max_size=3).map(tuple),
    outcome=st.text(),
)


@given(drafts)
def test_draft_payload_round_trip(draft: FeedbackDraft) -> None:
    payload = draft.to_payload()
    assert payload["v"] == 2
    assert FeedbackDraft.from_payload(payload) == draft


@given(st.text(), st.sampled_from(STATES), st.floats(allow_nan=False, allow_infinity=False))
def test_topic_payload_round_trip(text: str, state: str, order: float) -> None:
    topic = Topic(text, state, order)
    assert Topic.from_payload(topic.to_payload()) == topic


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "junk",
        [1],
        {},
        {"kind": 3, "state": "published", "feelings": "sad", "checkin_ids": {"a": 1}, "text": None},
        {"kind": "gossip", "state": None, "session_id": "", "what_happened": ["x"], "outcome": 5},
    ],
)
def test_damaged_feedback_payload_reads_as_an_empty_private_item(payload: object) -> None:
    draft = FeedbackDraft.from_payload(payload)
    assert draft == FeedbackDraft(DEFAULT_KIND)
    assert draft.state == PRIVATE  # bad data never makes something look shared


def test_damaged_lists_keep_only_their_words() -> None:
    draft = FeedbackDraft.from_payload({"kind": "appreciation", "feelings": ["calm", 3, None, "warm"]})
    assert draft.feelings == ("calm", "warm")


@pytest.mark.parametrize(
    "payload",
    [None, {}, {"text": 5, "state": "gone", "order": "first"}, {"order": float("nan")}, {"order": True}],
)
def test_damaged_topic_payload(payload: object) -> None:
    assert Topic.from_payload(payload) == Topic("")


# --- the feedback store -------------------------------------------------------------------------------


def test_new_feedback_always_starts_private(store: Feedback) -> None:
    record = store.add(FeedbackDraft("appreciation", state=SHARED, what_happened="you laughed with me"))
    assert record.kind == FEEDBACK
    assert store.get(record.id).state == PRIVATE


def test_empty_or_unknown_feedback_is_refused(store: Feedback) -> None:
    with pytest.raises(ValueError, match="nothing here yet"):
        store.add(FeedbackDraft("request", what_happened="   ", feelings=(" ",)))
    with pytest.raises(ValueError, match="what kind"):
        store.add(FeedbackDraft("gossip", text="something"))
    assert store.all() == []


def test_editing_never_moves_an_item(store: Feedback) -> None:
    record = store.add(FeedbackDraft("request", would_like="shorter silences"))
    store.update(record.id, FeedbackDraft("request", state=BRING, would_like="shorter silences, please"))
    assert store.get(record.id).state == PRIVATE
    store.set_state(record.id, BRING)
    store.update(record.id, FeedbackDraft("pace_tone", state=PRIVATE, would_like="fewer silences"))
    again = store.get(record.id)
    assert again.state == BRING and again.kind == "pace_tone" and again.would_like == "fewer silences"
    with pytest.raises(ValueError):
        store.update(record.id, FeedbackDraft("pace_tone"))
    assert store.get(record.id).would_like == "fewer silences"


def test_private_to_bring_to_shared(store: Feedback) -> None:
    record = store.add(FeedbackDraft("appreciation", what_happened="you slowed down"))
    store.set_state(record.id, BRING)
    assert store.get(record.id).state == BRING
    store.mark_shared(record.id, outcome="She thanked me and we slowed down together.")
    shared = store.get(record.id)
    assert shared.state == SHARED and shared.outcome.startswith("She thanked me")
    store.mark_shared(record.id)  # no new note keeps the old one
    assert store.get(record.id).outcome.startswith("She thanked me")
    assert store.get(record.id).what_happened == "you slowed down"


def test_an_item_can_be_marked_shared_directly_and_taken_back(store: Feedback) -> None:
    record = store.add(FeedbackDraft("held_back", text="I was annoyed about the clock."))
    store.set_state(record.id, SHARED)
    assert store.get(record.id).state == SHARED
    store.set_state(record.id, PRIVATE)
    assert store.get(record.id).state == PRIVATE
    store.set_state(record.id, BRING)
    store.set_state(record.id, PRIVATE)  # changing one's mind is always allowed
    assert store.get(record.id).state == PRIVATE


def test_setting_the_same_state_writes_nothing(store: Feedback) -> None:
    record = store.add(FeedbackDraft("request", text="more time at the end"))
    assert store.set_state(record.id, PRIVATE).updated_us == record.updated_us


def test_empty_items_cannot_be_brought_or_shared(store: Feedback, vault: Vault) -> None:
    # add() refuses empty items, so an empty one can only come from old or damaged data.
    empty = vault.add(FEEDBACK, FeedbackDraft("request", what_happened="...").to_payload())
    with pytest.raises(ValueError) as err:
        store.set_state(empty.id, BRING)
    assert str(err.value) == NOTHING_TO_BRING == "Write a few words first, so there's something to bring."
    with pytest.raises(ValueError, match="Write a few words first"):
        store.set_state(empty.id, SHARED)
    with pytest.raises(ValueError, match="Write a few words first"):
        store.mark_shared(empty.id, "went well")
    assert store.get(empty.id).state == PRIVATE
    store.set_state(empty.id, PRIVATE)


def test_unknown_states_and_ids(store: Feedback, vault: Vault) -> None:
    record = store.add(FeedbackDraft("request", text="a question"))
    with pytest.raises(ValueError, match="just for me"):
        store.set_state(record.id, "published")
    with pytest.raises(RecordNotFound):
        store.set_state("no-such-id", BRING)
    topic = vault.add(TOPIC, Topic("a topic").to_payload())
    with pytest.raises(RecordNotFound):
        store.set_state(topic.id, BRING)
    with pytest.raises(RecordNotFound):
        store.delete(topic.id)


def test_by_state_and_newest_first(store: Feedback) -> None:
    assert store.by_state() == {PRIVATE: [], BRING: [], SHARED: []}
    a = store.add(FeedbackDraft("request", text="a"))
    b = store.add(FeedbackDraft("request", text="b"))
    c = store.add(FeedbackDraft("request", text="c"))
    store.set_state(b.id, BRING)
    store.mark_shared(c.id)
    assert [r.id for r, _ in store.all()] == [c.id, b.id, a.id]
    groups = store.by_state()
    assert [[r.id for r, _ in groups[s]] for s in STATES] == [[a.id], [b.id], [c.id]]


def test_drafts_autosave_without_touching_saved_items(store: Feedback) -> None:
    assert store.find_draft(None) is None
    first = store.save_draft(None, FeedbackDraft("appreciation", what_happened="you"))
    assert store.save_draft(None, FeedbackDraft("appreciation", what_happened="you waited"), first) == first
    assert store.find_draft(None) == (first, FeedbackDraft("appreciation", what_happened="you waited"))
    record = store.add(FeedbackDraft("appreciation", what_happened="you waited"))
    store.discard_draft(None, first)
    assert store.find_draft(None) is None
    store.save_draft(
        record.id, FeedbackDraft("appreciation", state=SHARED, what_happened="you waited for me")
    )
    assert store.get(record.id) == FeedbackDraft("appreciation", what_happened="you waited")
    assert store.find_draft(record.id)[1].what_happened == "you waited for me"
    store.delete(record.id)
    assert store.find_draft(record.id) is None


operations = st.lists(
    st.tuples(
        st.sampled_from(["add", "update", "draft", "discard"]), drafts.filter(lambda d: not d.is_empty)
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=20, deadline=None)
@given(operations)
def test_nothing_leaves_private_without_an_explicit_call(
    vault: Vault, ops: list[tuple[str, FeedbackDraft]]
) -> None:
    empty(vault)
    store = Feedback(vault)
    saved: list[str] = []
    for op, draft in ops:
        if op == "add" or not saved:
            saved.append(store.add(draft).id)
        elif op == "update":
            store.update(saved[-1], draft)
        elif op == "draft":
            store.save_draft(saved[-1], draft)
        else:
            store.discard_draft(saved[-1])
    assert all(d.state == PRIVATE for _r, d in store.all())
    assert bring_list(vault).is_empty


def test_unicode_and_a_50k_text_survive_reopening(store: Feedback, vault: Vault) -> None:
    text = ("ברוך הבא " * 2_000 + "🫂" * 10_000 + "Ω" * 40_000)[:50_000]
    draft = FeedbackDraft(
        "felt_missed",
        what_happened="مرحبا 👋",
        feelings=("überwältigt", "悲しい"),
        text=text,
        checkin_ids=("c1", "c2"),
    )
    record = store.add(draft)
    again = Vault.unlock(vault.path, "a long test passphrase")
    try:
        assert Feedback(again).get(record.id) == draft
    finally:
        again.lock()


@settings(max_examples=15, deadline=None)
@given(drafts.filter(lambda d: not d.is_empty))
def test_any_draft_survives_the_vault(vault: Vault, draft: FeedbackDraft) -> None:
    store = Feedback(vault)
    record = store.add(draft)
    assert store.get(record.id) == FeedbackDraft(**{**draft.__dict__, "state": PRIVATE})
    vault.delete(record.id)


# --- topics ------------------------------------------------------------------------------------------


def ids_of(topics: Topics) -> list[str]:
    return [r.id for r, _t in topics.ordered()]


def test_topics_are_appended_and_blank_ones_refused(topics: Topics) -> None:
    a = topics.add("  Can we move Thursday's session?  ")
    b = topics.add("What happens to my notes?")
    assert ids_of(topics) == [a.id, b.id]
    assert topics.get(a.id) == Topic("Can we move Thursday's session?", PRIVATE, 0.0)
    for blank in ("", "   ", "\n\t"):
        with pytest.raises(ValueError, match="Write a few words first"):
            topics.add(blank)
    assert len(topics.ordered()) == 2


def test_topic_update_keeps_place_and_state(topics: Topics) -> None:
    a = topics.add("first")
    b = topics.add("second")
    topics.set_state(b.id, BRING)
    topics.update(b.id, "second, reworded")
    assert topics.get(b.id) == Topic("second, reworded", BRING, 1.0)
    with pytest.raises(ValueError):
        topics.update(a.id, "  ")
    topics.delete(a.id)
    assert ids_of(topics) == [b.id]
    with pytest.raises(RecordNotFound):
        topics.get(a.id)


def test_topic_states(topics: Topics, vault: Vault) -> None:
    t = topics.add("the holiday break")
    assert topics.set_state(t.id, BRING) is not None
    assert topics.get(t.id).state == BRING
    topics.set_state(t.id, SHARED)
    assert topics.get(t.id).state == SHARED
    with pytest.raises(ValueError):
        topics.set_state(t.id, "somewhere")
    blank = vault.add(TOPIC, {"v": 1, "text": "  ", "state": "private", "order": 5})
    with pytest.raises(ValueError, match="something to bring"):
        topics.set_state(blank.id, BRING)


def test_move_and_reorder_by_example(topics: Topics) -> None:
    a, b, c, d = (topics.add(t).id for t in "abcd")
    topics.move(d, 0)
    assert ids_of(topics) == [d, a, b, c]
    topics.move(d, 99)
    assert ids_of(topics) == [a, b, c, d]
    topics.move(b, -5)
    assert ids_of(topics) == [b, a, c, d]
    topics.reorder([c, "unknown", c, a])
    assert ids_of(topics) == [c, a, b, d]
    assert [t.order for _r, t in topics.ordered()] == [0.0, 1.0, 2.0, 3.0]
    with pytest.raises(RecordNotFound):
        topics.move("unknown", 0)
    e = topics.add("e")
    assert ids_of(topics)[-1] == e.id


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 6), st.data())
def test_move_matches_a_plain_list(vault: Vault, n: int, data: st.DataObject) -> None:
    empty(vault)
    topics = Topics(vault)
    ids = [topics.add(f"topic {i}").id for i in range(n)]
    for _ in range(data.draw(st.integers(1, 3))):
        moving = data.draw(st.sampled_from(ids))
        target = data.draw(st.integers(-2, n + 2))
        ids.remove(moving)
        ids.insert(max(0, min(len(ids), target)), moving)
        topics.move(moving, target)
        assert ids_of(topics) == ids
    assert sorted(t.order for _r, t in topics.ordered()) == [float(i) for i in range(n)]


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 6), st.data())
def test_reorder_puts_the_given_ids_first_and_keeps_the_rest(
    vault: Vault, n: int, data: st.DataObject
) -> None:
    empty(vault)
    topics = Topics(vault)
    ids = [topics.add(f"topic {i}").id for i in range(n)]
    chosen = data.draw(st.permutations(ids).flatmap(lambda p: st.integers(0, len(p)).map(lambda k: p[:k])))
    noisy = list(chosen) + data.draw(st.lists(st.sampled_from([*ids, "stale-id"]), max_size=3))
    topics.reorder(noisy)
    expected = list(dict.fromkeys(i for i in noisy if i in ids))
    expected += [i for i in ids if i not in expected]
    assert ids_of(topics) == expected
    assert len(set(expected)) == n


# --- what I'm bringing ---------------------------------------------------------------------------------


def test_bring_list_holds_exactly_the_items_to_bring(store: Feedback, vault: Vault) -> None:
    topics = Topics(vault)
    assert bring_list(vault).is_empty
    f1 = store.add(FeedbackDraft("appreciation", text="thank you for the pause"))
    store.add(FeedbackDraft("request", text="still private"))
    f3 = store.add(FeedbackDraft("frame", text="who sees my notes?"))
    f4 = store.add(FeedbackDraft("request", text="already said"))
    t1 = topics.add("moving house")
    t2 = topics.add("the holidays")
    topics.add("not yet")
    for record_id in (f3.id, f1.id):
        store.set_state(record_id, BRING)
    store.mark_shared(f4.id)
    topics.set_state(t1.id, BRING)
    topics.set_state(t2.id, BRING)
    topics.move(t2.id, 0)
    listing = bring_list(vault)
    assert [r.id for r, _ in listing.feedback] == [f1.id, f3.id]  # oldest first
    assert [r.id for r, _ in listing.topics] == [t2.id, t1.id]  # in the client's order
    assert all(d.state == BRING for _r, d in listing.feedback)
    assert not listing.is_empty
