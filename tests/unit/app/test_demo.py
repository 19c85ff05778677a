"""The demo journal: fills cleanly, stays in its own folder, reads everywhere, same every time."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companion import demo
from companion.adapters.paths import vault_path
from companion.core.records import Record, to_datetime, to_us
from companion.export.summary import Selection, build_summary, default_selection, to_markdown, to_plain_text
from companion.kinds.breathing_log import BREATHING, BreathingLog, describe
from companion.kinds.checkin import CHECKIN, CheckIn
from companion.kinds.feedback import BRING, FEEDBACK, PRIVATE, SHARED, TOPIC, Feedback, bring_list
from companion.kinds.journal import JOURNAL
from companion.kinds.reflection import REFLECTION, Reflections
from companion.kinds.sessions import SESSION, Sessions
from companion.kinds.settings import Settings
from companion.kinds.topics import Topics
from companion.reference import vocabulary as vocab
from companion.vault.vault import Vault

NOW = to_us(datetime(2026, 11, 24, 20, 15, tzinfo=UTC))
DAY_US = 24 * 3600 * 1_000_000
LONDON = ZoneInfo("Europe/London")


def new_vault(folder: Path) -> Vault:
    vault, _ = Vault.create(
        vault_path(demo.demo_data_dir(folder)), demo.DEMO_PASSPHRASE, with_recovery_code=False
    )
    return vault


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> tuple[Vault, dict[str, int]]:
    vault = new_vault(tmp_path_factory.mktemp("demo"))
    counts = demo.fill_demo(vault, NOW, tz=LONDON)
    return vault, counts


def records(vault: Vault) -> list[Record]:
    return list(vault.iter_all())


def content(vault: Vault) -> list[tuple[str, int, Any]]:
    """Everything written, with random record ids replaced by their position in time."""
    written = [r for r in records(vault) if r.kind != "settings"]  # stamped with the real clock
    all_records = sorted(written, key=lambda r: (r.created_us, r.kind, repr(r.payload)))
    position = {r.id: n for n, r in enumerate(all_records)}

    def swap(value: Any) -> Any:
        if isinstance(value, str) and value in position:
            return f"#{position[value]}"
        if isinstance(value, dict):
            return {k: swap(v) for k, v in value.items()}
        if isinstance(value, list):
            return [swap(v) for v in value]
        return value

    return [(r.kind, r.created_us, swap(r.payload)) for r in all_records]


# --- what it writes ------------------------------------------------------------------------------


def test_counts_per_kind(filled: tuple[Vault, dict[str, int]]) -> None:
    vault, counts = filled
    for kind, n in counts.items():
        assert vault.count([kind]) == n, kind
    assert counts[SESSION] == 2 and counts[REFLECTION] == 2
    assert counts[FEEDBACK] == 3 and counts[TOPIC] == 3
    assert counts[JOURNAL] == 8
    assert 16 <= counts[CHECKIN] <= 56  # most days, one or two
    assert counts[BREATHING] >= 8
    assert Settings(vault).get(demo.DEMO_SETTING) is True
    assert vault.count() == sum(counts.values()) + 1  # and the settings record: no stray drafts


def test_spread_over_the_weeks_and_never_in_the_future(filled: tuple[Vault, dict[str, int]]) -> None:
    vault, _ = filled
    start = NOW - 28 * DAY_US - DAY_US
    for record in records(vault):
        if record.kind == "settings":
            continue
        assert start <= record.created_us < NOW, (record.kind, to_datetime(record.created_us))
    checkin_weeks = Counter((NOW - r.created_us) // (7 * DAY_US) for r in vault.iter_all([CHECKIN]))
    assert set(checkin_weeks) == {0, 1, 2, 3}
    days = {to_datetime(r.created_us).date() for r in vault.iter_all([CHECKIN])}
    assert len(days) >= 14


def test_checkins_use_real_words_at_believable_hours(filled: tuple[Vault, dict[str, int]]) -> None:
    vault, _ = filled
    texts: set[str] = set()
    for record in vault.iter_all([CHECKIN]):
        checkin = CheckIn.from_payload(record.payload)
        assert not checkin.is_empty
        for mark in checkin.body:
            assert vocab.region(mark.region) is not None, mark.region
            assert 0 <= mark.intensity <= 10
            for sensation in mark.sensations:
                assert vocab.sensation(sensation) is not None, sensation
        for pick in checkin.feelings:
            assert vocab.feeling(pick.word) is not None, pick.word
        known_needs = {n.id for n in vocab.needs()}
        assert set(checkin.needs) <= known_needs
        assert 7 <= record.created_at.astimezone(LONDON).hour <= 22
        texts.add(checkin.happened + checkin.note)
    assert len(texts) >= 8  # varied, not one template repeated


def test_every_template_is_valid() -> None:
    for moment in demo.CHECKINS:
        c = moment.checkin
        assert not c.is_empty
        assert all(vocab.region(m.region) for m in c.body)
        assert all(vocab.sensation(s) for m in c.body for s in m.sensations)
        assert all(vocab.feeling(p.word) for p in c.feelings)
        assert all(0 <= h <= 23 for h in moment.hours)


def test_feedback_topics_sessions_and_reflections_hang_together(filled: tuple[Vault, dict[str, int]]) -> None:
    vault, _ = filled
    states = Counter(d.state for _r, d in Feedback(vault).all())
    assert states == Counter({SHARED: 1, BRING: 1, PRIVATE: 1})
    topic_states = Counter(t.state for _r, t in Topics(vault).ordered())
    assert topic_states == Counter({BRING: 1, PRIVATE: 2})
    bringing = bring_list(vault)
    assert len(bringing.feedback) == 1 and len(bringing.topics) == 1

    sessions = Sessions(vault)
    ids = {r.id for r, _s in sessions.all()}
    assert all(s.label == demo.THERAPIST for _r, s in sessions.all())
    upcoming = sessions.next_appointment(NOW)
    assert upcoming is not None and upcoming > NOW  # the demo shows a next appointment
    for _record, reflection in Reflections(vault).all():
        assert reflection.session_id in ids
        assert not reflection.is_empty
    for _record, draft in Feedback(vault).all():
        assert draft.wording and (draft.session_id is None or draft.session_id in ids)


def test_breathing_sessions_read_well(filled: tuple[Vault, dict[str, int]]) -> None:
    vault, _ = filled
    for _record, session in BreathingLog(vault).recent(limit=100):
        assert session.seconds >= 40
        text = describe(session)
        assert "breathing" in text.lower()
        if session.before is not None and session.after is not None:
            assert session.after <= session.before


def test_the_summary_builder_reads_everything(filled: tuple[Vault, dict[str, int]]) -> None:
    vault, _ = filled
    everything = records(vault)
    summary = build_summary(everything, default_selection(everything), None, None, NOW, tz=LONDON)
    assert summary.empty_message is None
    assert summary.body is not None and summary.body.regions
    assert summary.feelings is not None and summary.feelings.words
    assert summary.needs and summary.reflections == []  # reflections are private until ticked
    assert len(summary.bringing) == 3  # what was marked to bring, and what was already shared
    assert any("stay a bit longer" in line for line in summary.bringing)
    assert "My sister and Mum's birthday plans" in summary.bringing
    for text in (to_markdown(summary), to_plain_text(summary)):
        assert "Sam" in text or "sister" in text

    all_ids = frozenset(r.id for r in everything)
    last_week = build_summary(everything, Selection(include=all_ids), NOW - 7 * DAY_US, NOW, NOW, tz=LONDON)
    assert last_week.entries and last_week.notes and last_week.checkin_count >= 4
    ticked_all = build_summary(everything, Selection(include=all_ids), None, None, NOW, tz=LONDON)
    assert len(ticked_all.reflections) == 2
    to_markdown(last_week)
    to_plain_text(last_week)


# --- safety and sameness -------------------------------------------------------------------------


def test_demo_has_its_own_folder_and_passphrase(tmp_path: Path) -> None:
    folder = demo.demo_data_dir(tmp_path)
    assert folder == tmp_path / "demo" and folder != tmp_path
    assert vault_path(folder) != vault_path(tmp_path)
    assert demo.DEMO_PASSPHRASE == "demo journal"


def test_it_never_writes_into_a_journal_with_entries(tmp_path: Path) -> None:
    vault, _ = Vault.create(tmp_path / "real.sqlite", "a long test passphrase", with_recovery_code=False)
    real = vault.add(JOURNAL, {"title": "mine", "body": "real words"})
    with pytest.raises(ValueError) as err:
        demo.fill_demo(vault, NOW)
    assert "empty journal" in str(err.value)
    assert [r.id for r in vault.iter_all()] == [real.id]
    with pytest.raises(ValueError):
        demo.fill_demo(new_vault(tmp_path / "other"), NOW, weeks=0)
    vault.lock()


def test_same_seed_same_journal_other_seed_other_journal(
    tmp_path: Path, filled: tuple[Vault, dict[str, int]]
) -> None:
    again = new_vault(tmp_path / "again")
    demo.fill_demo(again, NOW, tz=LONDON)
    assert content(again) == content(filled[0])
    other = new_vault(tmp_path / "other")
    demo.fill_demo(other, NOW, tz=LONDON, seed=8)
    assert content(other) != content(filled[0])
    again.lock()
    other.lock()


def test_one_week_in_another_zone(tmp_path: Path) -> None:
    vault = new_vault(tmp_path)
    new_york = ZoneInfo("America/New_York")
    counts = demo.fill_demo(vault, NOW, weeks=1, seed=3, tz=new_york)
    assert counts[SESSION] == 1 and counts[REFLECTION] == 1 and counts[FEEDBACK] == 3
    for record in vault.iter_all([CHECKIN, JOURNAL, SESSION]):
        assert NOW - 8 * DAY_US < record.created_us < NOW
        assert 7 <= record.created_at.astimezone(new_york).hour <= 22
    everything = records(vault)
    build_summary(everything, default_selection(everything), NOW - 7 * DAY_US, None, NOW)
    vault.lock()


def test_the_words_stay_kind() -> None:
    words = [m.checkin.happened + m.checkin.note + m.checkin.said for m in demo.CHECKINS]
    words += [e.title + e.body for e in demo.ENTRIES] + [t for t, _b in demo.TOPICS]
    for text in words:
        for unkind in ("streak", "you missed", "failed", "lazy"):
            assert unkind not in text.lower()
