"""Settle: paced breathing with a shape that grows on the in-breath and shrinks on the out-breath."""

from __future__ import annotations

import asyncio
import time

import flet as ft

from companion import breathing
from companion.ui.common import ChoiceMenu, body, column, primary_button, small
from companion.ui.screen import Screen

TICK_S = 0.1
MIN_SCALE = 0.35
CIRCLE = 220


class BreathingScreen(Screen):
    title = "Settle"

    def __init__(self, ctl) -> None:
        super().__init__(ctl)
        self.running = False
        self.paused_at: float | None = None
        self.started = 0.0
        self.elapsed_before_pause = 0.0
        self.last_index = -1
        self.closed = False

    def build(self) -> ft.Control:
        reduce = bool(self.ctl.settings.get("reduce_motion", False)) if self.ctl.settings else False
        self.pattern_pick = ChoiceMenu("Rhythm", [(p.id, p.name) for p in breathing.PATTERNS], "slow")
        self.minutes = ChoiceMenu("Minutes", [(str(m), str(m)) for m in range(1, 11)], "3")
        self.reduce_motion = ft.Checkbox(label="Reduce motion", value=reduce, on_change=self._on_reduce)
        self.phase = ft.Text(
            "Ready when you are", size=28, weight=ft.FontWeight.W_600, text_align=ft.TextAlign.CENTER
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
        self.phase_bar = ft.ProgressBar(value=0, visible=reduce, semantics_label="Breath progress")
        self.total_bar = ft.ProgressBar(value=0, semantics_label="Time left")
        self.start_btn = primary_button("Start", self._start)
        self.pause_btn = ft.OutlinedButton(content="Pause", on_click=self._pause, disabled=True)
        self.stop_btn = ft.TextButton(content="Stop", on_click=self._stop, disabled=True)
        self.circle.visible = not reduce
        return column(
            body(
                "Breathe along with the circle: it grows as you breathe in and shrinks as you breathe out. "
                "Slower out-breaths help the body settle.",
                muted=True,
            ),
            ft.Row([self.pattern_pick.control, self.minutes.control], wrap=True),
            self.reduce_motion,
            ft.Container(
                ft.Stack(
                    [
                        self.circle,
                        ft.Container(self.phase, alignment=ft.Alignment.CENTER, width=CIRCLE, height=CIRCLE),
                    ]
                ),
                alignment=ft.Alignment.CENTER,
                height=CIRCLE + 20,
            ),
            self.phase_bar,
            self.total_bar,
            ft.Row(
                [self.start_btn, self.pause_btn, self.stop_btn],
                wrap=True,
                alignment=ft.MainAxisAlignment.CENTER,
            ),
            small("Stop any time. If breathing slowly feels uncomfortable, breathe however feels right."),
        )

    async def _on_reduce(self, _e: ft.ControlEvent) -> None:
        reduce = bool(self.reduce_motion.value)
        self.circle.visible = not reduce
        self.phase_bar.visible = reduce
        if self.ctl.settings is not None:
            await asyncio.to_thread(self.ctl.settings.set, "reduce_motion", reduce)
        self.ctl.page.update()

    async def _start(self, _e: ft.ControlEvent) -> None:
        self.ctl.touch()
        if self.running and self.paused_at is not None:
            self.started += time.monotonic() - self.paused_at
            self.paused_at = None
        elif not self.running:
            self.running = True
            self.started = time.monotonic()
            self.paused_at = None
            self.last_index = -1
            self.ctl.page.run_task(self._loop)
        self.start_btn.disabled = True
        self.pause_btn.disabled = False
        self.stop_btn.disabled = False
        self.ctl.page.update()

    async def _pause(self, _e: ft.ControlEvent) -> None:
        if self.running and self.paused_at is None:
            self.paused_at = time.monotonic()
            self.phase.value = "Paused"
            self.start_btn.content = "Continue"
            self.start_btn.disabled = False
            self.pause_btn.disabled = True
            self.ctl.page.update()

    async def _stop(self, _e: ft.ControlEvent | None) -> None:
        self.running = False
        self.paused_at = None
        self.phase.value = "Well done for pausing." if _e is None else "Stopped. Come back any time."
        self.circle.scale = MIN_SCALE
        self.start_btn.content = "Start"
        self.start_btn.disabled = False
        self.pause_btn.disabled = True
        self.stop_btn.disabled = True
        self.total_bar.value = 0
        self.phase_bar.value = 0
        self.ctl.page.update()

    async def _loop(self) -> None:
        pattern = breathing.pattern(self.pattern_pick.value or "slow")
        total = int(self.minutes.value or 3) * 60
        while self.running and not self.closed:
            await asyncio.sleep(TICK_S)
            if self.paused_at is not None:
                continue
            self.ctl.touch()  # breathing counts as using the app: don't auto-lock mid-exercise
            t = time.monotonic() - self.started
            if t >= total:
                await self._stop(None)
                return
            now = breathing.moment(pattern, t)
            self.phase.value = now.label
            self.circle.scale = MIN_SCALE + (1 - MIN_SCALE) * now.size
            self.phase_bar.value = now.progress
            self.total_bar.value = t / total
            if now.index != self.last_index:
                self.last_index = now.index
                await self._buzz()
            self.ctl.page.update()

    async def _buzz(self) -> None:
        """A light tap on each phase change where the device can; silently nothing elsewhere."""
        if self.ctl.page.platform not in (ft.PagePlatform.ANDROID, ft.PagePlatform.IOS):
            return
        try:
            await ft.HapticFeedback().light_impact()
        except Exception:  # noqa: BLE001 - vibration is a nicety, never an error
            pass

    async def on_leave(self) -> None:
        self.closed = True
        self.running = False
