"""What a check-in keeps is what the person chose: their own words, and no strength they didn't pick.

Usability review findings 5 and 12: a typed word that is not in the list ("bad") is stored as
written, found by search and by the word filter; a body mark or a feeling saved without touching
its strength stores None, and reading, describing, validating and summing never invent one.
"""

from __future__ import annotations

import pytest

from companion.core.kind_ids import CHECKIN
from companion.core.records import now_us
from companion.kinds.checkin import (
    BodyMark,
    CheckIn,
    CheckIns,
    FeelingPick,
    TimelineFilter,
    describe_feeling,
    describe_mark,
    given_intensity,
)
from companion.kinds.validate import validate_record
from companion.vault.vault import Vault


def test_an_untouched_strength_is_not_chosen() -> None:
    assert BodyMark("chest").intensity is None
    assert FeelingPick("hopeful").level is None
    assert CheckIn().add_feeling("disappointed").feelings[0].level is None


def test_no_strength_survives_the_payload_as_none() -> None:
    checkin = CheckIn().mark(BodyMark("chest", ("tight",))).add_feeling("anxious")
    payload = checkin.to_payload()
    assert payload["body"][0]["intensity"] is None
    assert payload["feelings"][0]["level"] is None
    assert CheckIn.from_payload(payload) == checkin


def test_a_missing_strength_is_read_as_none() -> None:
    read = CheckIn.from_payload({"body": [{"region": "jaw"}], "feelings": [{"word": "tired"}]})
    assert read.body[0].intensity is None
    assert read.feelings[0].level is None


def test_given_intensity_reads_only_real_numbers() -> None:
    assert given_intensity(7) == 7
    assert given_intensity("3") == 3
    assert given_intensity(12.4) == 10
    for nothing in (None, True, "loud", [5]):
        assert given_intensity(nothing) is None
    for damaged in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            given_intensity(damaged)  # damage, shown as unreadable, never a strength


def test_words_for_people_leave_out_an_unchosen_strength() -> None:
    assert describe_mark(BodyMark("chest", ("tight",))) == "Chest: tight"
    assert describe_mark(BodyMark("chest", ("tight",), "", 0)) == "Chest: tight (0/10)"
    assert describe_feeling(FeelingPick("hopeful")) == "hopeful"
    assert describe_feeling(FeelingPick("hopeful", "strong")) == "hopeful, very"


def test_meaning_works_without_strengths() -> None:
    checkin = CheckIn().mark(BodyMark("chest")).mark(BodyMark("jaw", (), "", 9)).add_feeling("ashamed")
    assert checkin.max_body_intensity == 9
    assert checkin.is_intense
    quiet = CheckIn().mark(BodyMark("chest")).add_feeling("ashamed")
    assert quiet.max_body_intensity == 0
    assert not quiet.is_intense


def test_set_level_chooses_and_clears_in_place() -> None:
    checkin = CheckIn().add_feeling("sad").add_feeling("tired")
    chosen = checkin.set_level("SAD", "strong")
    assert [(f.word, f.level) for f in chosen.feelings] == [("sad", "strong"), ("tired", None)]
    assert chosen.set_level("sad", None).feelings == checkin.feelings


def test_a_checkin_without_strengths_passes_the_import_check() -> None:
    """A backup holding such a check-in is restored, not refused as damaged."""
    payload = {
        "v": 1,
        "body": [{"region": "chest", "sensations": ["tight"], "other": "", "intensity": None}],
        "feelings": [{"word": "bad", "level": None}],
    }
    t = now_us() - 1_000_000
    validate_record(CHECKIN, payload, t, t)  # raises InvalidRecord when it would refuse it


def test_own_word_is_kept_as_written_and_found(vault: Vault) -> None:
    store = CheckIns(vault)
    checkin = CheckIn().add_feeling("bad").add_feeling("zerknirscht")
    record = store.add(checkin)
    again = store.get(record.id)
    assert [f.word for f in again.feelings] == ["bad", "zerknirscht"]
    assert all(f.own_word for f in again.feelings)
    assert not FeelingPick("disappointed").own_word
    assert record.id in {r.id for r in vault.search("zerknirscht")}
    assert record.id in {r.id for r in store.filtered(TimelineFilter(word="Bad"))}
