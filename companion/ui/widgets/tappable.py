"""A Semantics wrapper whose tap reaches Python, for buttons without their own text.

No ``from __future__ import annotations`` here: Flet reads the ``on_click``
annotation at run time to build the event type.
"""

import flet as ft


@ft.control("Semantics")
class TappableSemantics(ft.Semantics):
    """``ft.Semantics`` whose tap action really reaches Python in Flet 1.0.5.

    The 1.0.5 client only wires the semantic tap when the control has an ``on_click`` handler,
    while the Python class only offers ``on_tap``; without this the node is announced as a
    button but has no tap action (not keyboard-focusable, a screen reader cannot activate it).
    Set both; whichever name the client listens for fires, once.
    """

    # A real (not stringified) annotation: Flet reads it at run time to build the event.
    on_click: ft.ControlEventHandler[ft.Semantics] | None = None
