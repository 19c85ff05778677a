"""Homework cards: a small JSON file a therapist writes once and gives to many clients.

The format is described in docs/homework-card.md. A card comes from outside, so `parse_card`
checks every byte strictly and turns any problem into one plain-words `HomeworkCardInvalid`,
before anything is added; `write_card` makes a card `parse_card` (and a person) can read.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Any

from companion.core.errors import HomeworkCardInvalid
from companion.core.i18n import ALL_LANGUAGES, DEFAULT, N_, _, supported
from companion.core.textclean import clean_text as strip_invisible
from companion.core.textfit import shorten
from companion.kinds.homework import (
    DAILY,
    DAY_NAMES,
    EARLIEST,
    LATEST,
    OFTEN,
    ON_DAYS,
    PROMPT,
    TEXT_LIMITS,
    THERAPIST,
    TIMES_A_WEEK,
    WEEKDAYS,
    WHATS,
    Homework,
    clean_text,
    describe,
    problem,
    stored_date,
    validated,
)

CARD_FORMAT = "companion-homework"
CARD_VERSION = 1
CARD_SUFFIX = ".homework.json"
MAX_CARD_BYTES = 64 * 1024
MAX_PRACTICES = 20
MAX_WEEKS = 52
_CARD_KEYS = {"format", "version", "practices"}
_PRACTICE_KEYS = {
    "what",
    "title",
    "prompt",
    "note",
    "often",
    "times_a_week",
    "days",
    "start",
    "until",
    "weeks",
}
_DAYS_HINT = N_("use mon, tue, wed, thu, fri, sat, sun")
_WHATS_HINT = N_("use checkin, breathing, feedback or prompt")


def describe_card(homeworks: list[Homework], today: date | None = None) -> list[str]:
    """The lines the import dialog shows under "This will add:"."""
    return [describe(h, today or date.today()) for h in homeworks]


# --- reading a card ------------------------------------------------------------------------


def _invalid(reason: str) -> HomeworkCardInvalid:
    return HomeworkCardInvalid(reason)


def _shown(value: str, limit: int = 40) -> str:
    """A piece of the card safe to quote back in a message."""
    return shorten(clean_text(value), limit)


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not allowed")


def _card_object(data: bytes) -> dict[str, Any]:
    if not isinstance(data, bytes | bytearray):
        raise _invalid(_("it isn't a file Companion can read"))
    if len(data) > MAX_CARD_BYTES:
        raise _invalid(
            _("the file is larger than {size} KB, far more than a card needs").format(
                size=MAX_CARD_BYTES // 1024
            )
        )
    try:
        text = bytes(data).decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _invalid(_("the file isn't plain text")) from None
    if not text.strip():
        raise _invalid(_("the file is empty"))
    try:
        obj = json.loads(text, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise _invalid(_("there is a typing mistake near line {line}").format(line=exc.lineno)) from None
    except (ValueError, RecursionError):
        raise _invalid(_("it isn't laid out the way a homework card is")) from None
    if not isinstance(obj, dict) or obj.get("format") != CARD_FORMAT:
        raise _invalid(_("it isn't a homework card"))
    version = obj.get("version")
    if isinstance(version, int) and not isinstance(version, bool) and version > CARD_VERSION:
        raise _invalid(_("it was made for a newer version of Companion; please update Companion first"))
    if type(version) is not int or version != CARD_VERSION:
        raise _invalid(_("its version number isn't one Companion knows"))
    unknown = sorted(str(k) for k in obj if k not in _CARD_KEYS)
    if unknown:
        raise _invalid(_('it has a part Companion doesn\'t know ("{part}")').format(part=_shown(unknown[0])))
    return obj


def _text_field(item: dict[str, Any], key: str, limit: int, where: str, *, multiline: bool) -> str:
    value = item.get(key, "")
    if not isinstance(value, str):
        raise _invalid(_("{where}: the {key} should be text in quotes").format(where=where, key=key))
    if len(value) > 4 * limit:  # don't even clean absurd text
        raise _invalid(
            _("{where}: the {key} is longer than {limit} characters").format(
                where=where, key=key, limit=limit
            )
        )
    return clean_text(strip_invisible(value), multiline=multiline)  # no hidden format characters


def _language_list() -> str:
    return ", ".join(ALL_LANGUAGES)


def _texts_field(item: dict[str, Any], key: str, where: str) -> tuple[str, tuple[tuple[str, str, str], ...]]:
    """A title, note or prompt: plain text, or a map of language code -> text.

    Gives the text to show when no language fits (English if given, else the first given) and
    every language's text, cleaned and checked like plain text.
    """
    limit = TEXT_LIMITS[key]
    multiline = key != "title"
    value = item.get(key, "")
    if not isinstance(value, dict):
        if not isinstance(value, str):
            raise _invalid(
                # Translators: {example} shows the card's way of giving texts by language
                _("{where}: the {key} should be text in quotes, or texts by language like {example}").format(
                    where=where, key=key, example='{"en": "...", "de": "..."}'
                )
            )
        return _text_field(item, key, limit, where, multiline=multiline), ()
    if not value:
        raise _invalid(_("{where}: the {key} has no text in any language").format(where=where, key=key))
    unknown = [str(code) for code in value if not supported(code)]
    if unknown:
        raise _invalid(
            _('{where}: the {key} has a language Companion doesn\'t know ("{code}"; use {codes})').format(
                where=where, key=key, code=_shown(unknown[0], 10), codes=_language_list()
            )
        )
    texts: list[tuple[str, str, str]] = []
    for code, text in value.items():
        if not isinstance(text, str):
            raise _invalid(
                _('{where}: the {key} for "{code}" should be text in quotes').format(
                    where=where, key=key, code=code
                )
            )
        cleaned = clean_text(strip_invisible(text), multiline=multiline) if len(text) <= 4 * limit else text
        if len(cleaned) > limit:  # absurd text isn't even cleaned
            raise _invalid(
                _('{where}: the {key} for "{code}" is longer than {limit} characters').format(
                    where=where, key=key, code=code, limit=limit
                )
            )
        if not cleaned:
            raise _invalid(
                _('{where}: the {key} for "{code}" is empty').format(where=where, key=key, code=code)
            )
        texts.append((key, code, cleaned))
    base = next((t for _key, code, t in texts if code == DEFAULT), texts[0][2])
    return base, tuple(texts)


def _card_date(value: Any, where: str, name: str) -> date:
    parsed = stored_date(value)
    if parsed is None:
        raise _invalid(
            _("{where}: the {name} should be a date written like 2026-11-25").format(where=where, name=name)
        )
    if not EARLIEST <= parsed <= LATEST:
        raise _invalid(
            _("{where}: the {name} ({date}) doesn't look right").format(
                where=where, name=name, date=parsed.isoformat()
            )
        )
    return parsed


def _card_int(value: Any, low: int, high: int, message: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise _invalid(message)
    return value


def _card_days(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not value or len(value) > 7:
        raise _invalid(
            _('{where}: "days" should list days of the week, like ["mon", "thu"]').format(where=where)
        )
    days: set[str] = set()
    for day in value:
        key = day.strip().lower()[:3] if isinstance(day, str) else ""
        full = day.strip().lower() if isinstance(day, str) else ""
        if key not in WEEKDAYS or not DAY_NAMES[WEEKDAYS.index(key)].lower().startswith(full):
            shown = _shown(day) if isinstance(day, str) else "?"
            raise _invalid(
                _('{where}: "{shown}" isn\'t a day of the week ({hint})').format(
                    where=where, shown=shown, hint=_(_DAYS_HINT)
                )
            )
        days.add(key)
    return tuple(d for d in WEEKDAYS if d in days)


def _practice(item: Any, number: int, today: date) -> Homework:
    where = _("practice {number}").format(number=number)
    if not isinstance(item, dict):
        raise _invalid(_("{where} isn't written as a practice").format(where=where))
    unknown = sorted(str(k) for k in item if k not in _PRACTICE_KEYS)
    if unknown:
        raise _invalid(
            _('{where} has a part Companion doesn\'t know ("{part}")').format(
                where=where, part=_shown(unknown[0])
            )
        )
    what = item.get("what")
    if not isinstance(what, str):
        raise _invalid(
            _('{where}: "what" should say which practice it is ({hint})').format(
                where=where, hint=_(_WHATS_HINT)
            )
        )
    if what not in WHATS:
        raise _invalid(
            _('{where}: "{what}" isn\'t a practice Companion knows ({hint})').format(
                where=where, what=_shown(what), hint=_(_WHATS_HINT)
            )
        )
    if "prompt" in item and what != PROMPT:
        raise _invalid(_('{where}: only a "prompt" practice has a writing prompt').format(where=where))
    often = item.get("often", DAILY)
    if often not in OFTEN:
        raise _invalid(_("{where}: how often should be daily, times_a_week or on_days").format(where=where))
    if ("times_a_week" in item) != (often == TIMES_A_WEEK):
        raise _invalid(
            _('{where}: "times_a_week" goes together with "often": "times_a_week"').format(where=where)
        )
    if ("days" in item) != (often == ON_DAYS):
        raise _invalid(_('{where}: "days" goes together with "often": "on_days"').format(where=where))
    times = 1
    if often == TIMES_A_WEEK:
        times = _card_int(
            item["times_a_week"],
            1,
            7,
            _("{where}: times a week should be a number from 1 to 7").format(where=where),
        )
    days = _card_days(item["days"], where) if often == ON_DAYS else ()
    start = _card_date(item["start"], where, _("start date")) if "start" in item else today
    if "until" in item and "weeks" in item:
        raise _invalid(_('{where}: give either "until" or "weeks", not both').format(where=where))
    until = None
    if "until" in item:
        until = _card_date(item["until"], where, _("last day"))
    elif "weeks" in item:
        weeks = _card_int(
            item["weeks"],
            1,
            MAX_WEEKS,
            _("{where}: weeks should be a number from 1 to {most}").format(where=where, most=MAX_WEEKS),
        )
        until = start + timedelta(days=7 * weeks - 1)
    if until is not None and until < today:
        raise _invalid(
            _("{where}: it ended on {date}, which has already passed").format(
                where=where, date=until.isoformat()
            )
        )
    prompt, prompt_texts = _texts_field(item, "prompt", where)
    note, note_texts = _texts_field(item, "note", where)
    title, title_texts = _texts_field(item, "title", where)
    homework = Homework(
        what=what,
        start=start,
        often=often,
        times_a_week=times,
        days=days,
        until=until,
        prompt=prompt,
        note=note,
        title=title,
        set_by=THERAPIST,
        texts=title_texts + note_texts + prompt_texts,
    )
    issue = problem(homework)
    if issue is not None:
        raise _invalid(_("{where}: {issue}").format(where=where, issue=issue))
    return homework


def parse_card(data: bytes, today: date | None = None) -> list[Homework]:
    """The practices on a card, checked strictly; raises only `HomeworkCardInvalid`.

    A practice without a start date starts ``today`` (the day it is imported), so one card
    can be handed to many clients at different times.
    """
    today = today or date.today()
    obj = _card_object(data)
    practices = obj.get("practices")
    if not isinstance(practices, list) or not practices:
        raise _invalid(_("it has no practices in it"))
    if len(practices) > MAX_PRACTICES:
        raise _invalid(_("it has more than {most} practices").format(most=MAX_PRACTICES))
    return [_practice(item, n, today) for n, item in enumerate(practices, start=1)]


def write_card(homeworks: Iterable[Homework]) -> bytes:
    """A card with these practices, readable by `parse_card` and by people (indented, UTF-8)."""
    practices = []
    for homework in map(validated, homeworks):
        item: dict[str, Any] = {"what": homework.what}
        if homework.title:
            item["title"] = homework.languages("title") or homework.title
        if homework.what == PROMPT:
            item["prompt"] = homework.languages("prompt") or homework.prompt
        if homework.note:
            item["note"] = homework.languages("note") or homework.note
        item["often"] = homework.often
        if homework.often == TIMES_A_WEEK:
            item["times_a_week"] = homework.times_a_week
        if homework.often == ON_DAYS:
            item["days"] = list(homework.days)
        item["start"] = homework.start.isoformat()
        if homework.until is not None:
            item["until"] = homework.until.isoformat()
        practices.append(item)
    card = {"format": CARD_FORMAT, "version": CARD_VERSION, "practices": practices}
    return (json.dumps(card, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
