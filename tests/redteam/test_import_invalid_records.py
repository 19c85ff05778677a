"""Finding 6: a restored record the app would never have written must not break the first screen.

``created_us`` = 2**63-1, a body ``intensity`` of infinity or ``needs: 5`` used to be stored
as they were; afterwards the journal timeline raised on every unlock (``Record.created_at``
and ``CheckIn.from_payload`` in ui/screens/journal_screen.py). Such records are now left out
of a restore, the rest comes in, and the person is told in plain words.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from conftest import create_vault

from companion import demo
from companion.core.records import Record, now_us
from companion.export import backup
from companion.kinds.checkin import CheckIn
from companion.vault import crypto

PW = "a long backup passphrase"
FAST = crypto.KdfParams(memory_kib=64, iterations=1, lanes=1)
T = 1_750_000_000_000_000

BAD = [
    Record("huge-date", "journal", 2**63 - 1, T, {"title": "x", "body": "y"}),
    Record("inf", "checkin", T, T, {"v": 1, "body": [{"region": "chest", "intensity": math.inf}]}),
    Record("nan", "checkin", T, T, {"v": 1, "body": [{"region": "chest", "intensity": math.nan}]}),
    Record("eleven", "checkin", T, T, {"v": 1, "body": [{"region": "chest", "intensity": 11}]}),
    Record("needs", "checkin", T, T, {"v": 1, "needs": 5}),
    Record("needs-text", "checkin", T, T, {"v": 1, "needs": "rest"}),
    Record("title", "journal", T, T, {"title": ["a"], "body": "y"}),
    Record("unknown-kind", "mystery", T, T, {}),
    Record("negative", "journal", -5, T, {"body": "y"}),
    Record("lock", "settings", T, T, {"auto_lock_s": 10**9}),
    Record("lines", "settings", T, T, {"crisis_lines": "call 555"}),
    Record("breath", "breathing", T, T, {"seconds": 10**12}),
    Record("feedback", "feedback", T, T, {"v": 1, "kind": "no-such-kind", "text": "x"}),
    Record(
        "draft",
        "draft",
        T,
        T,
        {"for_kind": "checkin", "content": {"body": [{"region": "x", "intensity": math.inf}]}},
    ),
]
GOOD = [
    Record("entry", "journal", T, T, {"title": "fine", "body": "a good day"}),
    Record(
        "check", "checkin", T, T, {"v": 1, "body": [{"region": "chest", "intensity": 7}], "needs": ["rest"]}
    ),
]


@pytest.mark.parametrize("record", BAD, ids=[r.id for r in BAD])
def test_import_validate_record_refuses_what_the_app_never_saves(record: Record) -> None:
    from companion.kinds.validate import InvalidRecord, validate_record

    with pytest.raises(InvalidRecord):
        validate_record(record.kind, record.payload, record.created_us, record.updated_us)


def test_import_bad_records_are_left_out_and_the_timeline_still_works(tmp_path: Path) -> None:
    vault = create_vault(tmp_path)
    data = backup.pack_backup([*BAD, *GOOD], PW, kdf=FAST)
    result = backup.restore_backup(vault, data, PW)
    assert (result.added, result.left_out) == (2, len(BAD))
    assert f"{len(BAD)} items in the backup couldn't be read and were left out" in result.message
    for record in vault.iter_all():  # what journal_screen._row does for each row
        assert record.created_at.year >= 1970
        if record.kind == "checkin":
            CheckIn.from_payload(record.payload)


def test_import_safe_preview_never_raises() -> None:
    from companion.kinds.validate import safe_preview

    for record in BAD:
        safe_preview(record)  # None or text, never an exception
    assert safe_preview(BAD[0]) is None
    assert safe_preview(BAD[1]) is None
    assert safe_preview(GOOD[0]) == "fine"


def test_import_everything_the_demo_journal_writes_is_valid(tmp_path: Path) -> None:
    """The rules are the app's own: eight weeks of demo records pass unchanged."""
    from companion.kinds.validate import record_problem

    vault = create_vault(tmp_path)
    demo.fill_demo(vault, now_us(), weeks=8)
    records = list(vault.iter_all())
    assert len(records) > 100
    assert [(r.kind, record_problem(r)) for r in records if record_problem(r)] == []


def test_import_an_older_checkin_with_words_as_typed_is_still_valid() -> None:
    """Before payload v2 a check-in stored words as typed; an old backup must still restore."""
    from companion.kinds.validate import InvalidRecord, validate_record

    now = now_us()
    old = {
        "v": 1,
        "feelings": [
            {"word": "Disappointed", "level": "strong"},
            {"word": "gratitude", "level": None},
            {"word": "wobbly inside", "level": "mild"},
        ],
    }
    validate_record("checkin", old, now - 10, now - 10, now=now)
    # the strengths are still checked, and a v2 record must hold ids
    bad_level = {"v": 1, "feelings": [{"word": "sad", "level": "extreme"}]}
    with pytest.raises(InvalidRecord):
        validate_record("checkin", bad_level, now - 10, now - 10, now=now)
    with pytest.raises(InvalidRecord):
        validate_record(
            "checkin", {"v": 2, "feelings": [{"word": "Disappointed", "level": None}]}, now, now, now=now
        )


def test_import_an_older_feedback_and_older_drafts_with_words_as_typed_are_still_valid() -> None:
    """Feedback (and drafts of it, and of check-ins) from before payload v2 held words as typed."""
    from companion.kinds.validate import InvalidRecord, validate_record

    now = now_us()
    feedback = {"v": 1, "kind": "appreciation", "feelings": ["Relieved", "gratitude", "wobbly inside"]}
    validate_record("feedback", feedback, now - 10, now - 10, now=now)
    checkin = {"v": 1, "feelings": [{"word": "Disappointed", "level": "strong"}]}
    for for_kind, content in (("feedback", feedback), ("checkin", checkin)):
        draft = {"for_kind": for_kind, "target": None, "content": content}
        validate_record("draft", draft, now - 10, now - 10, now=now)
    # a draft still holds only what its form would save
    odd = {"for_kind": "feedback", "target": None, "content": {**feedback, "feelings": ["Relieved", 5]}}
    with pytest.raises(InvalidRecord):
        validate_record("draft", odd, now, now, now=now)
