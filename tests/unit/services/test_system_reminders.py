"""Reminders while closed: the plan kept in step with a fake phone scheduler, and the shell's glue."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from conftest import create_vault
from conftest import run_async as run

from companion.adapters.biometrics import Check, FakeAuthenticator
from companion.adapters.scheduled_notifications import FakeScheduler, SchedulerError
from companion.adapters.secure_store import ENTRY, MemorySecureStore
from companion.core import i18n
from companion.kinds import reminder_schedule as rs
from companion.kinds import reminders
from companion.kinds.reminders import ReminderPlan
from companion.services import system_reminders as sr
from companion.services.device_unlock import DeviceUnlock
from companion.services.stores import Stores
from companion.services.system_reminders import Delivery
from companion.ui.shell.phone import PhoneFeatures, is_phone

BERLIN = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 6, 1, 7, 0, tzinfo=UTC)
PLAN = ReminderPlan(True, frozenset({0, 3}), ("08:30", "19:00"), "warm")


def sync(scheduler: FakeScheduler, plan: ReminderPlan = PLAN, *, now=NOW, zone=BERLIN, version="0.1.0"):
    return run(sr.sync(scheduler, plan, now=now, zone=zone, app_version=version))


def allowed(**kw) -> FakeScheduler:
    fake = FakeScheduler(**kw)
    fake.granted = True
    return fake


def test_the_plan_becomes_one_weekly_reminder_per_slot() -> None:
    phone = allowed()
    result = sync(phone)
    assert result == sr.SyncResult(Delivery.CLOSED_INEXACT, scheduled=4, cancelled=0)
    ids = {rs.slot_id(d, t) for d in (0, 3) for t in ("08:30", "19:00")}
    assert set(phone.alarms) == ids
    for alarm, exact in phone.alarms.values():
        assert exact is False  # inexact unless exact alarms are allowed
        assert alarm.body == reminders.TONES["warm"] and alarm.title == "Companion"
        assert alarm.zone == "Europe/Berlin"


def test_exact_only_where_allowed() -> None:
    phone = allowed(exact=True)
    assert sync(phone).delivery is Delivery.CLOSED_EXACT
    assert all(exact for _a, exact in phone.alarms.values())


def test_an_unchanged_plan_is_left_alone_and_a_change_replans() -> None:
    phone = allowed()
    sync(phone)
    assert sync(phone, now=NOW + timedelta(days=2)).scheduled == 0  # nothing to do
    for change in ({"version": "0.2.0"}, {"zone": ZoneInfo("Asia/Tokyo")}):
        result = sync(phone, **change)
        assert result.scheduled == 4 and result.cancelled == 0
    fewer = ReminderPlan(True, frozenset({0}), ("08:30",), "warm")
    result = sync(phone, fewer)
    assert result.cancelled == 3 and set(phone.alarms) == {rs.slot_id(0, "08:30")}


def test_turning_reminders_off_cancels_them_all() -> None:
    phone = allowed()
    sync(phone)
    assert sync(phone, ReminderPlan()).cancelled == 4
    assert phone.alarms == {}


def test_without_permission_nothing_is_scheduled_and_nothing_is_asked() -> None:
    phone = FakeScheduler(allow=True)  # would say yes, but is never asked by a sync
    assert sync(phone).delivery is Delivery.NOT_ALLOWED
    assert phone.asked == 0 and phone.alarms == {}
    assert run(sr.turn_on(phone)) is True and phone.asked == 1
    assert sync(phone).delivery is Delivery.CLOSED_INEXACT


def test_permission_taken_back_in_the_phones_settings_cancels_what_was_left() -> None:
    phone = allowed()
    sync(phone)
    phone.granted = False
    assert sync(phone).delivery is Delivery.NOT_ALLOWED and phone.alarms == {}


def test_a_refusing_scheduler_is_reported_and_the_rest_still_goes() -> None:
    class HalfBroken(FakeScheduler):
        async def schedule_weekly(self, alarm, *, exact):
            if alarm.time == "19:00":
                raise SchedulerError("no")
            await super().schedule_weekly(alarm, exact=exact)

    phone = HalfBroken()
    phone.granted = True
    result = sync(phone)
    assert result.failed and 0 < len(phone.alarms) < 4


def test_when_the_phone_cannot_list_what_it_holds_everything_is_cancelled_then_scheduled() -> None:
    class Blind(FakeScheduler):
        async def pending(self):
            raise SchedulerError("no list")

    phone = Blind()
    phone.granted = True
    phone.alarms[42] = (object(), False)  # something of ours from long ago, unseen
    assert sync(phone).scheduled == 4
    assert run(sr.cancel_all(phone)) == -1 and phone.alarms == {}


def test_messages_are_plain() -> None:
    assert "within a few minutes" in sr.EXPLAIN[Delivery.CLOSED_INEXACT]
    assert "closed" in sr.EXPLAIN[Delivery.CLOSED_EXACT]
    assert "ask" in sr.ASK_FIRST and "banner" in sr.REFUSED
    assert sr.explain(Delivery.CLOSED_EXACT) == sr.EXPLAIN[Delivery.CLOSED_EXACT]
    assert sr.explain(None) == sr.CAN_REACH_CLOSED and sr.explain(Delivery.IN_APP) == ""


def test_messages_and_the_phones_words_in_the_journals_language() -> None:
    with i18n.use("de"):
        assert sr.explain(Delivery.NOT_ALLOWED).startswith("In den Einstellungen deines Handys")
        assert "Mitteilungen" in i18n._(sr.ASK_FIRST)
    with i18n.use("es"):
        assert sr.explain(None).startswith("En este teléfono")
    phone = allowed()
    run(sr.sync(phone, PLAN, now=NOW, zone=BERLIN, app_version="0.1.0"))
    assert {alarm.body for alarm, _exact in phone.alarms.values()} == {reminders.TONES["warm"]}
    # the journal now speaks Spanish: every reminder is handed over again, in Spanish
    result = run(sr.sync(phone, PLAN, now=NOW, zone=BERLIN, app_version="0.1.0", language="es"))
    assert result.scheduled == 4 and result.cancelled == 0
    assert {alarm.body for alarm, _exact in phone.alarms.values()} == {
        "Hola. Si hay espacio para un momento de calma, Companion está aquí cuando quieras."
    }


# --- the shell's glue (ui/shell/phone.py) --------------------------------------------------


@pytest.fixture
def stores(tmp_path: Path):
    opened = Stores.open(create_vault(tmp_path))
    reminders.save_plan(opened.settings, PLAN)
    yield opened
    opened.close()


def test_off_a_phone_there_is_nothing_and_nothing_happens(stores: Stores) -> None:
    for platform, web in (("linux", False), ("android", True), ("windows", False)):
        assert not is_phone(platform, web)
        features = run(PhoneFeatures.detect(platform, web=web))
        assert features.device is None and features.scheduler is None
    features = PhoneFeatures()
    assert run(features.sync_reminders(stores, demo=False)) is None
    assert features.explain() == ""
    run(features.before_delete_everything())  # no-ops


def test_unlock_syncs_the_journals_plan(stores: Stores) -> None:
    phone = allowed()
    features = PhoneFeatures(scheduler=phone, version=lambda: "0.1.0")
    assert run(features.sync_reminders(stores, demo=False)) is Delivery.CLOSED_INEXACT
    assert len(phone.alarms) == 4
    assert "within a few minutes" in features.explain()
    reminders.save_plan(stores.settings, ReminderPlan())
    assert run(features.sync_reminders(stores, demo=False)) is None and phone.alarms == {}
    assert features.explain() == sr.CAN_REACH_CLOSED  # off now: says what turning them on would do


def test_a_demo_journal_cancels_the_phones_reminders(stores: Stores) -> None:
    phone = allowed()
    features = PhoneFeatures(scheduler=phone)
    run(features.sync_reminders(stores, demo=False))
    assert run(features.sync_reminders(stores, demo=True)) is None
    assert phone.alarms == {}


def test_delete_everything_leaves_nothing_on_the_phone(stores: Stores) -> None:
    phone = allowed()
    device = DeviceUnlock(MemorySecureStore(), FakeAuthenticator([Check.CONFIRMED]), boot=lambda: 1e9)
    features = PhoneFeatures(device=device, scheduler=phone)
    run(features.sync_reminders(stores, demo=False))
    from conftest import TEST_PASSPHRASE

    run(device.enable(stores, TEST_PASSPHRASE))
    assert ENTRY in device.store.values and phone.alarms
    run(features.before_delete_everything())
    assert phone.alarms == {} and device.store.values == {}
    assert features.explain() == sr.CAN_REACH_CLOSED
