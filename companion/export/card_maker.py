"""The homework card maker: what a therapist types in a form becomes a card file.

A card leaves the therapist's hands and is read by the client's Companion with
`homework_card.parse_card`, strictly. So the maker never trusts its own writing: every card it
makes is read back with that same `parse_card` before it is handed out, and anything the reader
would refuse becomes a plain `CardNotReady` sentence on the form instead of a file that fails on
the client's phone. The preview is made the same way, so it is exactly what the client will see.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from companion.core.errors import CardNotReady, HomeworkCardInvalid
from companion.core.i18n import _
from companion.kinds.homework import (
    CHECKIN,
    DAILY,
    ON_DAYS,
    PROMPT,
    TIMES_A_WEEK,
    WEEKDAYS,
    Homework,
    clean_text,
)
from companion.kinds.homework_card import (
    CARD_FORMAT,
    CARD_SUFFIX,
    CARD_VERSION,
    MAX_CARD_BYTES,
    MAX_PRACTICES,
    describe_card,
    parse_card,
)
from companion.reference.ready_cards import ReadyCard

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class PracticeForm:
    """One practice as the form holds it. Fields that don't apply (days while "every day" is
    chosen, a prompt on a check-in) may keep what was typed; the card simply leaves them out."""

    what: str = CHECKIN
    title: str = ""
    note: str = ""
    often: str = DAILY
    times_a_week: int = 3
    days: tuple[str, ...] = ()
    start: date | None = None  # None: the day the client adds the card
    until: date | None = None  # last day, included
    weeks: int | None = None  # instead of until: how many weeks from the start
    prompt: str = ""


# --- form values → card ------------------------------------------------------------------------


def _practice_item(form: PracticeForm, number: int) -> dict[str, Any]:
    """The practice as the card file writes it, with only the fields that apply."""
    item: dict[str, Any] = {"what": form.what}
    title = clean_text(form.title)
    if title:
        item["title"] = title
    if form.what == PROMPT:
        item["prompt"] = clean_text(form.prompt, multiline=True)
    note = clean_text(form.note, multiline=True)
    if note:
        item["note"] = note
    item["often"] = form.often
    if form.often == TIMES_A_WEEK:
        item["times_a_week"] = form.times_a_week
    if form.often == ON_DAYS:
        item["days"] = [d for d in WEEKDAYS if d in form.days]
    if form.start is not None:
        item["start"] = form.start.isoformat()
    if form.until is not None and form.weeks is not None:
        # Translators: completes "The card isn't ready yet: ..."
        raise CardNotReady(
            _("practice {number}: give a last day or a number of weeks, not both").format(number=number)
        )
    if form.until is not None:
        item["until"] = form.until.isoformat()
    if form.weeks is not None:
        item["weeks"] = form.weeks
    return item


def make_card(forms: Sequence[PracticeForm], today: date | None = None) -> bytes:
    """The card file for these practices, already read back by the importer's own `parse_card`.

    Raises `CardNotReady` with what to change, in plain words; never returns a card the client's
    Companion would refuse (on ``today``, which is when the therapist makes it).
    """
    today = today or date.today()
    if not forms:
        # Translators: completes "The card isn't ready yet: ..."
        raise CardNotReady(_("add at least one practice"))
    if len(forms) > MAX_PRACTICES:
        # Translators: completes "The card isn't ready yet: ..."
        raise CardNotReady(_("a card holds at most {count} practices").format(count=MAX_PRACTICES))
    card = {
        "format": CARD_FORMAT,
        "version": CARD_VERSION,
        "practices": [_practice_item(form, n) for n, form in enumerate(forms, start=1)],
    }
    data = (json.dumps(card, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if len(data) > MAX_CARD_BYTES:
        raise CardNotReady(
            # Translators: completes "The card isn't ready yet: ..."
            _("the notes are too long for one card; shorter notes or fewer practices would fit")
        )
    try:
        parse_card(data, today)
    except HomeworkCardInvalid as exc:
        raise CardNotReady(exc.reason) from None
    return data


def card_practices(forms: Sequence[PracticeForm], today: date | None = None) -> list[Homework]:
    """The practices exactly as the client's Companion will read them from the card."""
    today = today or date.today()
    return parse_card(make_card(forms, today), today)


def preview_lines(forms: Sequence[PracticeForm], today: date | None = None) -> list[str]:
    """The lines the client's import dialog will show, made by the importer's own code."""
    today = today or date.today()
    return describe_card(card_practices(forms, today), today)


# Spelt out as German and Scandinavian readers write them without the letter; other accents drop.
_SPELT_OUT = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "æ": "ae", "ø": "oe", "å": "aa"})


def card_file_name(name: str) -> str:
    """A calm file name from the card's name: "Noticing the body" → noticing-the-body.homework.json.

    Plain ASCII, so it travels through any mail program and file system: "Den Körper
    wahrnehmen" → den-koerper-wahrnehmen, "Respiración" → respiracion.
    """
    spelt = unicodedata.normalize("NFKD", clean_text(name).lower().translate(_SPELT_OUT))
    plain = "".join(c for c in spelt if not unicodedata.combining(c))
    slug = re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:60].strip("-")
    return (slug or "homework") + CARD_SUFFIX


# --- reading form fields -----------------------------------------------------------------------


def read_day(text: str, what: str) -> date | None:
    """A date typed in the form (``YYYY-MM-DD``), or None when left empty."""
    text = text.strip()
    if not text:
        return None
    try:
        if not _ISO_DAY.fullmatch(text):
            raise ValueError
        return date.fromisoformat(text)
    except ValueError:
        # Translators: these complete "The card isn't ready yet: ..."
        if what == "first day":
            reason = _('the first day "{text}" should be a date written like 2026-12-01')
        elif what == "last day":
            reason = _('the last day "{text}" should be a date written like 2026-12-01')
        else:
            reason = _('the {what} "{text}" should be a date written like 2026-12-01')
        raise CardNotReady(reason.format(what=what, text=text[:20])) from None


# --- ready-made cards → form ---------------------------------------------------------------------


def form_from_item(item: dict[str, Any]) -> PracticeForm:
    """A practice as written on a card file (or a ready-made card), as form values."""
    often = item.get("often", DAILY)
    return PracticeForm(
        what=item["what"],
        title=item.get("title", ""),
        note=item.get("note", ""),
        often=often,
        times_a_week=int(item.get("times_a_week", PracticeForm.times_a_week)),
        days=tuple(item.get("days", ())),
        start=date.fromisoformat(item["start"]) if "start" in item else None,
        until=date.fromisoformat(item["until"]) if "until" in item else None,
        weeks=int(item["weeks"]) if "weeks" in item else None,
        prompt=item.get("prompt", ""),
    )


def forms_from_ready(card: ReadyCard) -> list[PracticeForm]:
    return [form_from_item(item) for item in card.practices]
