"""Settle: paced breathing with a shape that grows on the in-breath and shrinks on the out-breath.

Before and after, the client may note how tense they feel (0-10, optional); a finished or stopped
pause is kept as a small record so they can see, over time, what helps them settle.
"""

from __future__ import annotations

import asyncio
import time

import flet as ft

from companion.adapters.notify import Vibrator, detect_vibrator, vibration_pattern_for
from companion.core.i18n import N_, _
from companion.kinds.breathing_log import BreathingSession, describe
from companion.reference import breathing
from companion.ui.kit.screen import Screen
from companion.ui.widgets.common import (
    ChoiceMenu,
    IntensityScale,
    body,
    column,
    error_text,
    primary_button,
    show_error,
    small,
)

TICK_S = 0.1
MIN_SCALE = 0.35
CIRCLE = 220
KEEP_AFTER_S = 5  # a pause shorter than this (a mis-tap) is not kept
CUSTOM = "custom"
# The timeline lists check-ins and entries, not pauses: say where the pause really is.
KEPT_NOTE = N_("This pause is kept with your breathing pauses; you'll find it below.")


class BreathingScreen(Screen):
    # Translators: the breathing section's name (a short pause to calm down)
    title = N_("Settle")

    def __init__(self, ctl) -> None:
        super().__init__(ctl)
        self.running = False
        self.paused_at: float | None = None
        self.started = 0.0
        self.last_index = -1
        self.closed = False
        self.vibrator: Vibrator | None = None  # plyer's, found on first use if haptics fail
        self.run = 0  # which exercise the ticking loop belongs to; a stopped one must not draw
        self.pattern: breathing.Pattern = breathing.PATTERNS[0]
        self.saved_id: str | None = None
        self.saved: BreathingSession | None = None

    def build(self) -> ft.Control:
        reduce = bool(self.stores.settings.get("reduce_motion", False)) if self.ctl.stores else False
        # Translators: a breathing rhythm the person sets up themselves
        options = [(p.id, p.shown_name) for p in breathing.PATTERNS] + [(CUSTOM, _("My own rhythm"))]
        # Translators: the menu of breathing rhythms, "Rhythm: Slow: in 4, out 6"
        self.pattern_pick = ChoiceMenu(_("Rhythm"), options, "slow", self._on_pattern)
        self.minutes = ChoiceMenu(
            # Translators: the menu for how many minutes to breathe, "Minutes: 3"
            _("Minutes"),
            [(str(m), str(m)) for m in breathing.SESSION_MINUTES],
            str(breathing.DEFAULT_MINUTES),
        )
        parts = (
            # Translators: a small box for the seconds of breathing in ("s" for seconds)
            (_("In (s)"), "4"),
            # Translators: a small box for the seconds of holding the breath after breathing in
            (_("Hold (s)"), "0"),
            # Translators: a small box for the seconds of breathing out
            (_("Out (s)"), "6"),
            # Translators: a small box for the seconds of resting (holding) after breathing out
            (_("Rest (s)"), "0"),
        )
        self.custom_fields = [
            ft.TextField(label=label, value=value, width=80, keyboard_type=ft.KeyboardType.NUMBER)
            for label, value in parts
        ]
        self.custom_row = ft.Column(
            [
                small(_("Seconds for each part of the breath. Hold and rest can be 0.")),
                ft.Row(self.custom_fields, wrap=True, spacing=8),
            ],
            visible=False,
        )
        self.error = error_text()
        self.reduce_motion = ft.Checkbox(label=_("Reduce motion"), value=reduce, on_change=self._on_reduce)
        self.before = IntensityScale(
            None,
            self.ctl.page,
            optional=True,
            # Translators: a screen reader's name for the 0-10 row of how tense one feels before breathing
            label=_("Tension before, 0 to 10"),
        )
        self.after = IntensityScale(
            None,
            self.ctl.page,
            optional=True,
            # Translators: a screen reader's name for the 0-10 row of how tense one feels after breathing
            label=_("Tension after, 0 to 10"),
        )
        self.phase = ft.Text(  # a theme style, so it grows with the text size setting
            # Translators: shown large above the breathing circle before starting
            _("Ready"),
            theme_style=ft.TextThemeStyle.HEADLINE_SMALL,
            weight=ft.FontWeight.W_600,
            text_align=ft.TextAlign.CENTER,
        )
        self.circle = ft.Container(
            width=CIRCLE,
            height=CIRCLE,
            border_radius=CIRCLE,
            bgcolor=ft.Colors.PRIMARY_CONTAINER,
            border=ft.Border.all(3, ft.Colors.PRIMARY),
            scale=MIN_SCALE,
            animate_scale=ft.Animation(120, ft.AnimationCurve.LINEAR),
        )
        # Translators: a screen reader's name for the bar that fills during each in- or out-breath
        self.phase_bar = ft.ProgressBar(value=0, visible=reduce, semantics_label=_("Breath progress"))
        # Translators: a screen reader's name for the bar of the whole breathing pause
        self.total_bar = ft.ProgressBar(value=0, semantics_label=_("Time left"))
        # Translators: a button: start the breathing exercise
        self.start_btn = primary_button(_("Start"), self._start)
        # Translators: a button: pause the breathing exercise
        self.pause_btn = ft.OutlinedButton(content=_("Pause"), on_click=self._pause, disabled=True)
        # Translators: a button: stop the breathing exercise
        self.stop_btn = ft.TextButton(content=_("Stop"), on_click=self._stop, disabled=True)
        self.circle.visible = not reduce
        self.kept = small("")
        self.kept_line = small("")  # what was kept, once the after-question is answered or skipped
        # Shown in place of the circle once a pause is kept, so the question sits near the
        # top of a phone screen instead of below the rhythm settings.
        self.after_box = ft.Column(
            [
                self.kept,
                ft.Text(
                    _("How tense do you feel now? (optional)"), theme_style=ft.TextThemeStyle.TITLE_SMALL
                ),
                self.after.control,
                ft.Row(
                    [
                        # Translators: a button: keep the "how tense now" answer with the pause
                        ft.OutlinedButton(content=_("Keep this note"), on_click=self._save_after),
                        # Translators: a button: leave the "how tense now" question unanswered
                        ft.TextButton(content=_("Skip"), on_click=self._skip_after),
                    ],
                    wrap=True,
                ),
            ],
            visible=False,
        )
        self.history = ft.Column(spacing=4)
        # While breathing, only the rhythm and its buttons show: nothing to scroll past on a phone.
        self.setup = ft.Column(
            [
                body(
                    _(
                        "Breathe along with the circle: it grows as you breathe in and shrinks as you "
                        "breathe out. Slower out-breaths help the body settle."
                    ),
                    muted=True,
                ),
                ft.Row([self.pattern_pick.control, self.minutes.control], wrap=True),
                self.custom_row,
                self.reduce_motion,
                ft.Text(
                    _("How tense do you feel right now? (optional)"),
                    theme_style=ft.TextThemeStyle.TITLE_SMALL,
                ),
                self.before.control,
            ],
            spacing=16,
            horizontal_alignment=ft.CrossAxisAlignment.STRETCH,
        )
        # The word sits above the circle, not inside it: "Stopped" or "Well done" would spill
        # out of the small resting circle (and more so with larger text).
        self.stage = ft.Container(self.circle, alignment=ft.Alignment.CENTER, height=CIRCLE + 8)
        self.bars = ft.Column([self.phase_bar, self.total_bar], spacing=8)
        self.controls_row = ft.Row(
            [self.start_btn, self.pause_btn, self.stop_btn],
            wrap=True,
            alignment=ft.MainAxisAlignment.CENTER,
        )
        return column(
            self.setup,
            ft.Container(self.phase, alignment=ft.Alignment.CENTER),
            self.kept_line,
            self.after_box,
            self.stage,
            self.bars,
            self.controls_row,
            self.error,
            small(_("Stop any time. If breathing slowly feels uncomfortable, breathe however feels right.")),
            self.history,
        )

    async def on_show(self) -> None:
        await self._show_history()

    async def _show_history(self) -> None:
        if self.ctl.stores is None:
            return
        recent = await asyncio.to_thread(self.stores.breathing.recent, 3)
        self.history.controls = (
            # Translators: a heading above the last few breathing pauses
            [ft.Text(_("Recent pauses"), theme_style=ft.TextThemeStyle.TITLE_SMALL)]
            + [small(describe(session)) for _record, session in recent]
            if recent
            else []
        )
        self.ctl.page.update()

    async def _on_pattern(self, choice: str) -> None:
        self.custom_row.visible = choice == CUSTOM
        self.ctl.page.update()

    async def _on_reduce(self, _e: ft.ControlEvent) -> None:
        reduce = bool(self.reduce_motion.value)
        self.circle.visible = not reduce
        self.phase_bar.visible = reduce
        if self.ctl.stores is not None:
            await asyncio.to_thread(self.stores.settings.set, "reduce_motion", reduce)
        self.ctl.page.update()

    def _chosen_pattern(self) -> breathing.Pattern:
        if self.pattern_pick.value == CUSTOM:
            return breathing.parse_custom(*(field.value for field in self.custom_fields))
        return breathing.pattern(self.pattern_pick.value or "slow")

    async def _start(self, _e: ft.ControlEvent | None) -> None:
        self.ctl.touch()
        if self.running and self.paused_at is not None:
            self.started += time.monotonic() - self.paused_at
            self.paused_at = None
        elif not self.running:
            try:
                self.pattern = self._chosen_pattern()
            except ValueError as exc:
                show_error(self.error, str(exc))
                self.ctl.page.update()
                return
            show_error(self.error, "")
            self.running = True
            self.started = time.monotonic()
            self.paused_at = None
            self.last_index = -1
            self.saved_id, self.saved = None, None
            self._show_exercise()
            self.kept_line.value = ""
            self.setup.visible = False
            self.run += 1
            self.ctl.page.run_task(self._loop, self.run)
        self.start_btn.content = _("Start")
        self.start_btn.disabled = True
        self.pause_btn.disabled = False
        self.stop_btn.disabled = False
        self.ctl.page.update()

    async def _pause(self, _e: ft.ControlEvent) -> None:
        if self.running and self.paused_at is None:
            self.paused_at = time.monotonic()
            # Translators: shown large above the breathing circle while the exercise is paused
            self.phase.value = _("Paused")
            # Translators: a button: carry on breathing after a pause
            self.start_btn.content = _("Continue")
            self.start_btn.disabled = False
            self.pause_btn.disabled = True
            self.ctl.page.update()

    def _breathed_s(self) -> float:
        end = self.paused_at if self.paused_at is not None else time.monotonic()
        return max(0.0, end - self.started)

    async def _stop(self, _e: ft.ControlEvent | None) -> None:
        if not self.running:
            return
        seconds = self._breathed_s()
        self.running = False
        self.run += 1
        self.paused_at = None
        # Translators: shown large above the breathing circle when the breathing time is over
        # ("Well done") or the person stopped it ("Stopped")
        self.phase.value = _("Well done") if _e is None else _("Stopped")
        self.circle.scale = MIN_SCALE
        self.start_btn.content = _("Start")
        self.start_btn.disabled = False
        self.pause_btn.disabled = True
        self.stop_btn.disabled = True
        self.total_bar.value = 0
        self.phase_bar.value = 0
        self.setup.visible = True
        await self._keep(seconds)
        self.ctl.page.update()

    def _show_exercise(self) -> None:
        """The circle and its buttons; the after-question hidden."""
        self.after_box.visible = False
        self.kept.value = ""
        self.stage.visible = self.bars.visible = self.controls_row.visible = True

    def _show_after_question(self) -> None:
        """Only the question, right under "Stopped": nothing to scroll past on a phone."""
        self.setup.visible = False
        self.stage.visible = self.bars.visible = self.controls_row.visible = False
        self.after_box.visible = True

    async def start_now(self) -> None:
        """Begin breathing at once with the chosen rhythm (the offer after a check-in)."""
        await self._start(None)

    async def _keep(self, seconds: float) -> None:
        """Keep the pause (with the "before" answer) and offer the "after" question."""
        if self.ctl.stores is None or seconds < KEEP_AFTER_S:
            return
        session = BreathingSession.from_pattern(self.pattern, round(seconds), self.before.value)
        record = await asyncio.to_thread(self.stores.breathing.add, session)
        self.saved_id, self.saved = record.id, session
        self.kept.value = _(KEPT_NOTE)
        if not self.closed:
            self._show_after_question()
        await self._show_history()

    async def _save_after(self, _e: ft.ControlEvent) -> None:
        if self.ctl.stores is None or self.saved_id is None or self.saved is None:
            return
        session = BreathingSession(**{**self.saved.__dict__, "after": self.after.value})
        await asyncio.to_thread(self.stores.records.update_payload, self.saved_id, session.to_payload())
        self.saved = session
        self._back_to_start()
        # Translators: {pause} is a breathing pause, "Slow breathing, 3 minutes · tension 7 then 4"
        self.kept_line.value = _("Kept: {pause}").format(pause=describe(session))
        await self._show_history()

    async def _skip_after(self, _e: ft.ControlEvent) -> None:
        self._back_to_start()
        self.kept_line.value = _(KEPT_NOTE)
        self.ctl.page.update()

    def _back_to_start(self) -> None:
        self._show_exercise()
        self.setup.visible = True
        self.phase.value = _("Ready")

    def _current(self, run: int) -> bool:
        return self.running and not self.closed and run == self.run

    async def _loop(self, run: int) -> None:
        pattern = self.pattern
        minutes = int(self.minutes.value or breathing.DEFAULT_MINUTES)
        total = breathing.session_seconds(pattern, minutes)
        while self._current(run):
            await asyncio.sleep(TICK_S)
            if not self._current(run):
                return  # stopped while asleep: leave the "stopped" screen as it is
            if self.paused_at is not None:
                continue
            self.ctl.touch()  # breathing counts as using the app: don't auto-lock mid-exercise
            t = time.monotonic() - self.started
            if breathing.finished(pattern, t, minutes):
                await self._stop(None)
                return
            now = breathing.moment(pattern, t)
            self.phase.value = now.word  # in the person's language; the vibration goes by the id
            self.circle.scale = MIN_SCALE + (1 - MIN_SCALE) * now.size
            self.phase_bar.value = now.progress
            self.total_bar.value = t / total
            if now.index != self.last_index:
                self.last_index = now.index
                await self._buzz(now.label)
            self.ctl.page.update()

    async def _buzz(self, label: str) -> None:
        """A light tap on each phase change where the device can; silently nothing elsewhere.

        Flet's haptics first (dependable on phones); plyer's vibrator where that fails.
        """
        page = self.ctl.page
        if page.platform not in (ft.PagePlatform.ANDROID, ft.PagePlatform.IOS):
            return
        try:
            await ft.HapticFeedback().light_impact()
            return
        except Exception:  # noqa: BLE001 - vibration is a nicety, never an error
            pass
        if self.vibrator is None:
            self.vibrator = detect_vibrator(page.platform.value, web=bool(page.web))
        if self.vibrator.available:
            await asyncio.to_thread(self.vibrator.vibrate, vibration_pattern_for(label))

    async def on_leave(self) -> None:
        if self.running:
            seconds = self._breathed_s()
            self.running = False
            await self._keep(seconds)
        self.closed = True
