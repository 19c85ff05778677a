"""Check-in records: meaning, payload round trips and storage inside the vault."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core import i18n
from companion.core.i18n import _
from companion.kinds.checkin import (
    PAYLOAD_VERSION,
    BodyMark,
    CheckIn,
    CheckIns,
    FeelingPick,
    TimelineFilter,
    clamp_intensity,
    describe_feeling,
    describe_mark,
    feeling_word,
    level_word,
    recent_words,
    region_name,
    sensation_name,
)
from companion.reference import vocabulary as vocab
from companion.vault.vault import Vault


def test_empty_checkin_is_refused(vault: Vault) -> None:
    store = CheckIns(vault)
    assert CheckIn().is_empty
    assert CheckIn(note="   \n ").is_empty
    with pytest.raises(ValueError):
        store.add(CheckIn())


def test_not_sure_alone_is_a_valid_answer(vault: Vault) -> None:
    store = CheckIns(vault)
    record = store.add(CheckIn(not_sure=True))
    assert store.get(record.id).not_sure


def test_body_first_checkin_round_trip(vault: Vault) -> None:
    store = CheckIns(vault)
    checkin = (
        CheckIn()
        .mark(BodyMark("chest", ("tight",), "", 7))
        .add_feeling("disappointed", "strong")
        .add_feeling("ashamed", "mild")
        .toggle_need("rest")
    )
    record = store.add(checkin)
    again = store.get(record.id)
    assert again == checkin
    assert [describe_feeling(f) for f in again.feelings] == ["disappointed, very", "ashamed, a little"]
    assert describe_mark(again.body[0]) == "Chest: tight (7/10)"


def test_marking_a_region_twice_replaces_it() -> None:
    c = CheckIn().mark(BodyMark("jaw", ("clenched",), "", 3)).mark(BodyMark("jaw", ("tense",), "", 6))
    assert len(c.body) == 1 and c.body[0].intensity == 6
    assert c.unmark("jaw").body == ()


def test_adding_a_feeling_leaves_its_strength_unchosen_and_clears_not_sure() -> None:
    word = vocab.feelings()[0]
    c = CheckIn(not_sure=True).add_feeling(word.word)
    assert c.feelings == (FeelingPick(word.word, None),)
    assert not c.not_sure
    assert c.remove_feeling(word.word.upper()).feelings == ()


@pytest.mark.parametrize(
    ("checkin", "intense"),
    [
        (CheckIn().mark(BodyMark("chest", (), "", 9)), True),
        (CheckIn().mark(BodyMark("chest", (), "", 8)), True),
        (CheckIn().mark(BodyMark("chest", (), "", 7)), False),
        (CheckIn().add_feeling("ashamed", "strong"), True),
        (CheckIn().add_feeling("ashamed", "moderate"), False),
    ],
)
def test_high_intensity_offers_a_pause(checkin: CheckIn, intense: bool) -> None:
    assert checkin.is_intense is intense


def test_strong_pleasant_feeling_does_not_trigger_the_pause() -> None:
    glad = vocab.by_family("glad")[0].word
    assert not CheckIn().add_feeling(glad, "strong").is_intense


def test_clamp_intensity() -> None:
    assert clamp_intensity(12) == 10
    assert clamp_intensity(-3) == 0
    assert clamp_intensity("7") == 7
    assert clamp_intensity("nonsense") == 5
    assert clamp_intensity(None) == 5


def test_huge_note_emoji_and_rtl_survive(vault: Vault) -> None:
    store = CheckIns(vault)
    note = ("ש" * 10_000) + ("🫀" * 10_000) + ("x" * 30_000)
    checkin = CheckIn(note=note, happened="مرحبا — hello 👋", said="I'm fine", body_said="hands shaking")
    record = store.add(checkin)
    assert store.get(record.id).note == note
    assert len(store.get(record.id).note) == 50_000


def test_filter_by_region_word_and_family(vault: Vault) -> None:
    store = CheckIns(vault)
    a = store.add(CheckIn().mark(BodyMark("stomach", ("knotted",), "", 6)).add_feeling("anxious"))
    b = store.add(CheckIn().mark(BodyMark("jaw", ("clenched",), "", 5)).add_feeling("irritated"))
    by_region = {r.id for r in store.filtered(TimelineFilter(region="stomach"))}
    assert a.id in by_region and b.id not in by_region
    by_word = {r.id for r in store.filtered(TimelineFilter(word="Irritated"))}
    assert b.id in by_word and a.id not in by_word
    family = vocab.feeling("irritated").family
    by_family = {r.id for r in store.filtered(TimelineFilter(family=family))}
    assert b.id in by_family and a.id not in by_family
    assert not TimelineFilter().active


def test_edit_and_delete(vault: Vault) -> None:
    store = CheckIns(vault)
    record = store.add(CheckIn(not_sure=True))
    store.update(record.id, CheckIn(happened="a hard phone call"))
    assert store.get(record.id).happened == "a hard phone call"
    store.save_draft(record.id, CheckIn(happened="draft text"))
    store.delete(record.id)
    assert store.find_draft(record.id) is None
    assert record.id not in {r.id for r in store.page(limit=1000).records}


def test_drafts_restore_work_in_progress(vault: Vault) -> None:
    store = CheckIns(vault)
    first = store.save_draft(None, CheckIn().mark(BodyMark("throat", ("tight",), "", 4)))
    second = store.save_draft(None, CheckIn().mark(BodyMark("throat", ("lump",), "", 5)), first)
    assert first == second
    found = store.find_draft(None)
    assert found is not None and found[1].body[0].sensations == ("lump",)
    store.discard_draft(None, first)
    assert store.find_draft(None) is None


def test_recent_words_are_newest_first_and_unique(vault: Vault) -> None:
    store = CheckIns(vault)
    store.add(CheckIn().add_feeling("hopeful"))
    store.add(CheckIn().add_feeling("tired").add_feeling("hopeful"))
    words = recent_words(store.page(limit=10).records)
    assert words[:2] == ["tired", "hopeful"]
    assert len(words) == len(set(words))


def test_payload_from_unknown_or_damaged_data_never_crashes() -> None:
    odd = {
        "body": [{"region": "chest", "intensity": "loud"}, "junk"],
        "feelings": [{"word": "x", "level": "?"}],
    }
    c = CheckIn.from_payload(odd)
    assert c.body[0].intensity is None  # unreadable is "not given", never a made-up middle
    assert c.feelings[0].level is None


texts = st.text(max_size=200)


@settings(max_examples=60, deadline=None)
@given(
    regions=st.lists(st.sampled_from([r.id for r in vocab.regions()]), max_size=5, unique=True),
    words=st.lists(st.sampled_from([f.word for f in vocab.feelings()]), max_size=4, unique=True),
    intensity=st.integers(0, 10),
    note=texts,
    happened=texts,
)
def test_payload_round_trip(regions, words, intensity, note, happened) -> None:
    c = CheckIn(note=note, happened=happened)
    for region in regions:
        c = c.mark(BodyMark(region, ("warm",), "", intensity))
    for word in words:
        c = c.add_feeling(word)
    assert CheckIn.from_payload(c.to_payload()) == c


# --------------------------------------------------------------- ids, versions and languages
OLD_PAYLOAD = {
    "v": 1,
    "body": [{"region": "chest", "sensations": ["tight"], "other": "", "intensity": 7}],
    "feelings": [
        {"word": "Disappointed", "level": "strong"},
        {"word": "gratitude", "level": None},
        {"word": "zerknirscht", "level": "mild"},
    ],
    "needs": ["security"],
}
READ_AS = (
    FeelingPick("disappointed", "strong"),
    FeelingPick("grateful"),
    FeelingPick("zerknirscht", "mild", own=True),
)


@pytest.mark.parametrize("language", ["en", "de", "es"])
def test_version_1_feelings_are_read_as_ids_in_any_language(language) -> None:
    """Older check-ins kept English words as typed; they read as ids, own words as written."""
    unversioned = {k: v for k, v in OLD_PAYLOAD.items() if k != "v"}
    with i18n.use(language):
        assert CheckIn.from_payload(OLD_PAYLOAD).feelings == READ_AS
        assert CheckIn.from_payload(unversioned).feelings == READ_AS
    payload = CheckIn.from_payload(OLD_PAYLOAD).to_payload()
    assert payload["v"] == PAYLOAD_VERSION == 2
    assert payload["feelings"] == [
        {"word": "disappointed", "level": "strong"},  # the key older app versions read
        {"word": "grateful", "level": None},
        {"word": "zerknirscht", "level": "mild", "own": True},
    ]
    assert CheckIn.from_payload(payload) == CheckIn.from_payload(OLD_PAYLOAD)


def test_the_upgrade_happens_when_read_and_is_written_on_the_next_save(vault: Vault) -> None:
    store = CheckIns(vault)
    record = vault.add("checkin", OLD_PAYLOAD)
    assert store.get(record.id).feelings == READ_AS
    assert vault.get(record.id).payload["v"] == 1  # reading rewrites nothing
    store.update(record.id, store.get(record.id).add_feeling("tired"))
    saved = vault.get(record.id).payload
    assert saved["v"] == 2
    assert [f["word"] for f in saved["feelings"]] == ["disappointed", "grateful", "zerknirscht", "tired"]


def test_a_version_2_own_word_stays_own_even_when_it_is_listed() -> None:
    payload = {"v": 2, "feelings": [{"word": "Sad", "level": None, "own": True}, {"word": "future-id"}]}
    read = CheckIn.from_payload(payload)
    assert read.feelings == (FeelingPick("Sad", own=True), FeelingPick("future-id"))
    assert read.feelings[0].own_word and read.feelings[1].own_word
    with i18n.use("de"):
        assert describe_feeling(read.feelings[0]) == "Sad"  # as the person wrote it
        assert describe_feeling(read.feelings[1]) == "future-id"  # a newer version's id: as stored
    assert read.families() == []
    assert CheckIn.from_payload(read.to_payload()) == read


def test_adding_a_word_of_the_current_language_stores_its_id() -> None:
    with i18n.use("de"):
        german = vocab.feeling_label("disappointed")
        assert german != "disappointed"
        c = CheckIn().add_feeling(german.upper()).add_feeling("zerknirscht").add_feeling("tired")
        assert c.feelings == (
            FeelingPick("disappointed"),
            FeelingPick("zerknirscht", own=True),
            FeelingPick("tired"),
        )
        c = c.set_level(german, "strong").set_level("Zerknirscht", "mild")
        assert [f.level for f in c.feelings] == ["strong", "mild", None]
        assert c.add_feeling("disappointed").feelings[-1] == FeelingPick("disappointed")  # moved, not doubled
        assert len(c.add_feeling(german).feelings) == 3
        assert c.remove_feeling(german).remove_feeling("TIRED").feelings == (
            FeelingPick("zerknirscht", "mild", own=True),
        )
        assert TimelineFilter(word=german).accepts(c)
        assert TimelineFilter(word="disappointed").accepts(c)  # English words still filter
        assert not TimelineFilter(word=vocab.feeling_label("sad")).accepts(c)
    assert c.families() == ["sad", "tired"]
    assert c.set_level("disappointed", None).feelings[0] == FeelingPick("disappointed")


def test_switching_the_language_shows_the_same_record_in_german_and_spanish(vault: Vault) -> None:
    store = CheckIns(vault)
    checkin = (
        CheckIn()
        .mark(BodyMark("chest", ("tight", "heavy"), "", 7))
        .mark(BodyMark("jaw"))
        .add_feeling("disappointed", "strong")
        .add_feeling("zerknirscht", "mild")
    )
    record = store.add(checkin)
    again = store.get(record.id)
    assert [describe_feeling(f) for f in again.feelings] == ["disappointed, very", "zerknirscht, a little"]
    assert describe_mark(again.body[0]) == "Chest: tight, heavy (7/10)"
    assert describe_mark(again.body[1]) == "Jaw: noticed"
    assert recent_words([record]) == ["disappointed", "zerknirscht"]
    expected = {
        "de": (["{w}, sehr", "zerknirscht, ein bisschen"], "{r}: {s1}, {s2} (7/10)", "{j}: bemerkt"),
        "es": (["{w}, mucho", "zerknirscht, un poco"], "{r}: {s1}, {s2} (7/10)", "{j}: notado"),
    }
    for language, (feelings, mark, jaw) in expected.items():
        with i18n.use(language):
            word = vocab.feeling_label("disappointed")
            names = {
                "w": word,
                "r": vocab.region_name("chest"),
                "j": vocab.region_name("jaw"),
                "s1": vocab.sensation_name("tight"),
                "s2": vocab.sensation_name("heavy"),
            }
            if language != "de":
                names["s1"], names["s2"] = names["s1"].lower(), names["s2"].lower()
            assert word != "disappointed" and names["r"] != "Chest" and names["s1"].lower() != "tight"
            assert [describe_feeling(f) for f in again.feelings] == [f.format(**names) for f in feelings]
            assert describe_mark(again.body[0]) == mark.format(**names)
            assert describe_mark(again.body[1]) == jaw.format(**names)
            assert recent_words([record]) == [word, "zerknirscht"]
            assert level_word("strong") == ("sehr" if language == "de" else "mucho")
            assert region_name("chest") == names["r"] and sensation_name("nope") == "nope"
            assert feeling_word(again.feelings[0]) == word
            assert _(CheckIns.empty_message) != "There's nothing in this check-in yet."
    assert vault.get(record.id).payload["feelings"][0]["word"] == "disappointed"  # the record keeps ids


def test_recent_words_can_be_picked_again_in_any_language(vault: Vault) -> None:
    store = CheckIns(vault)
    record = store.add(CheckIn().add_feeling("hopeful").add_feeling("my own"))
    for language in ("en", "de", "es"):
        with i18n.use(language):
            again = CheckIn()
            for word in recent_words([record]):
                again = again.add_feeling(word)
            assert again.feelings == store.get(record.id).feelings, language
