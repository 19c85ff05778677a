"""The shipped German and Spanish vocabulary: complete, tidy, and with no English left in it.

Each language in ``companion/reference/data/<lang>/`` names the same ids as the English files
(feelings by their English word; families, needs, regions, sensations by id). Structure tests
run for every language folder that exists; the last test insists German and Spanish both do.
"""

from __future__ import annotations

import json
import re
from importlib import resources
from pathlib import Path

import pytest

from companion.core import i18n
from companion.reference import vocabulary as v

EXPECTED = ("de", "es")
DATA = Path(str(resources.files("companion.reference") / "data"))
PRESENT = [code for code in EXPECTED if (DATA / code).is_dir()]
MIN_FEELINGS = 150
# Texts that are the same word in English and this language (a shared loanword), per language.
SAME_AS_ENGLISH = {"ok", "okay"}
ENGLISH_WORDS = (
    "the",
    "and",
    "you",
    "your",
    "with",
    "feel",
    "feeling",
    "when",
    "what",
    "something",
    "someone",
)
ENGLISH_WORD = re.compile(r"\b(" + "|".join(ENGLISH_WORDS) + r")\b", re.IGNORECASE)

each_language = pytest.mark.parametrize("language", PRESENT)


def raw(language: str, name: str) -> dict:
    return json.loads((DATA / language / name).read_text(encoding="utf-8"))


def english(name: str) -> dict:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def texts(language: str) -> list[tuple[str, str, str, str]]:
    """(file, id, field, text) for every text of a language, with the English text's id."""
    out = []
    feelings = raw(language, "feelings.json")
    for fam in feelings["families"]:
        out += [("families", fam["id"], k, fam[k]) for k in ("label", "description", "hint")]
    for f in feelings["feelings"]:
        out += [("feelings", f["id"], k, f[k]) for k in ("word", "definition")]
        out += [("feelings", f["id"], "forms", form) for form in f.get("forms", ())]
    for entry in raw(language, "coach.json")["entries"]:
        out += [
            ("coach", entry["word"], "word", entry["word"]),
            ("coach", entry["word"], "prompt", entry["prompt"]),
        ]
        out += [("coach", entry["word"], "aliases", a) for a in entry.get("aliases", ())]
    for n in raw(language, "needs.json")["needs"]:
        out += [("needs", n["id"], k, n[k]) for k in ("label", "explanation")]
    body = raw(language, "body.json")
    out += [("regions", r["id"], "name", r["name"]) for r in body["regions"]]
    for s in body["sensations"]:
        out += [("sensations", s["id"], k, s[k]) for k in ("name", "description")]
    return out


def english_text(part: str, item_id: str, field: str) -> str | None:
    if part == "feelings":
        found = {f["word"]: f for f in english("feelings.json")["feelings"]}.get(item_id)
    elif part == "families":
        found = {f["id"]: f for f in english("feelings.json")["families"]}.get(item_id)
    elif part == "needs":
        found = {n["id"]: n for n in english("needs.json")["needs"]}.get(item_id)
    elif part in ("regions", "sensations"):
        found = {x["id"]: x for x in english("body.json")[part]}.get(item_id)
    else:
        return None
    return found.get(field) if found and isinstance(found.get(field), str) else None


@each_language
def test_files_are_versioned_and_tidy(language):
    for name in ("feelings.json", "coach.json", "needs.json", "body.json"):
        data = raw(language, name)
        assert data["version"] == 1, name
    assert raw(language, "feelings.json")["language"] == language
    for part, item_id, field, text in texts(language):
        assert text and text == text.strip() and "  " not in text, (part, item_id, field, text)


@each_language
def test_the_same_families_each_with_words(language):
    listed = [f["id"] for f in raw(language, "feelings.json")["families"]]
    assert sorted(listed) == sorted(f["id"] for f in english("feelings.json")["families"])
    with i18n.use(language):
        for fam in v.families():
            assert v.by_family(fam.id), fam.id
            assert fam.label and fam.description and fam.hint, fam.id


@each_language
def test_enough_feelings_each_defined_once(language):
    feelings = raw(language, "feelings.json")["feelings"]
    english_ids = {f["word"] for f in english("feelings.json")["feelings"]}
    ids = [f["id"] for f in feelings]
    assert len(ids) == len(set(ids))
    assert set(ids) <= english_ids, set(ids) - english_ids
    assert len(feelings) >= MIN_FEELINGS
    for f in feelings:
        assert f["word"].strip() and f["definition"].strip(), f
    with i18n.use(language):
        assert len(v.feelings()) == len(feelings)


@each_language
def test_no_word_twice(language):
    with i18n.use(language):
        fold = v._folder(language)
        keys = [fold(f.word) for f in v.feelings()]
        assert len(keys) == len(set(keys)), sorted(k for k in keys if keys.count(k) > 1)
        words = {fold(f.word) for f in v.feelings()}
        forms = [fold(form) for f in v.feelings() for form in f.forms]
        assert not words & set(forms), words & set(forms)  # another form never hides a word
        assert len(forms) == len(set(forms)), sorted(k for k in forms if forms.count(k) > 1)


@each_language
def test_a_word_never_names_another_feelings_id(language):
    """A typed word is looked up as an id first: "sad" in any language is the feeling "sad"."""
    english_ids = {v.normalize(f["word"]): f["word"] for f in english("feelings.json")["feelings"]}
    with i18n.use(language):
        for f in v.feelings():
            for text in (f.word, *f.forms):
                other = english_ids.get(v.normalize(text))
                assert other in (None, f.id), (text, f.id, other)
                assert v.feeling(text) is f, text


@each_language
def test_every_need_region_and_sensation_is_named(language):
    needs = {n["id"]: n for n in raw(language, "needs.json")["needs"]}
    assert set(needs) == {n["id"] for n in english("needs.json")["needs"]}
    assert all(n["label"].strip() and n["explanation"].strip() for n in needs.values())
    body = raw(language, "body.json")
    regions = {r["id"]: r for r in body["regions"]}
    sensations = {s["id"]: s for s in body["sensations"]}
    assert set(regions) == {r["id"] for r in english("body.json")["regions"]}
    assert set(sensations) == {s["id"] for s in english("body.json")["sensations"]}
    assert all(r["name"].strip() for r in regions.values())
    assert all(s["name"].strip() and s["description"].strip() for s in sensations.values())
    assert "suggestions" not in body  # the rules live in English only, by id
    with i18n.use(language):
        names = [r.name.casefold() for r in v.regions()]
        assert len(names) == len(set(names))
        labels = [n.label.casefold() for n in v.needs()]
        assert len(labels) == len(set(labels))


@each_language
def test_coach_points_to_words_of_this_language(language):
    entries = raw(language, "coach.json")["entries"]
    assert entries
    here = {f["id"] for f in raw(language, "feelings.json")["feelings"]}
    with i18n.use(language):
        fold = v._folder(language)
        words = {fold(f.word) for f in v.feelings()}
        for e in entries:
            assert e["candidates"] and set(e["candidates"]) <= here, (e["word"], set(e["candidates"]) - here)
            assert len(e["candidates"]) == len(set(e["candidates"]))
            assert e["prompt"].strip()
            assert v.is_vague(e["word"]) and v.coach(e["word"])
            for alias in e.get("aliases", ()):
                assert fold(alias) not in words, f"alias {alias!r} is a precise word of this language"
        assert v.vague_words()


@each_language
def test_no_english_left(language):
    same = []
    english_words = []
    for part, item_id, field, text in texts(language):
        original = english_text(part, item_id, field if field != "forms" else "word")
        if original and text.casefold() == original.casefold() and text.casefold() not in SAME_AS_ENGLISH:
            same.append((part, item_id, field, text))
        if ENGLISH_WORD.search(text):
            english_words.append((part, item_id, field, text))
    assert not same, f"the English text, untranslated: {same}"
    assert not english_words, f"English words: {english_words}"


@each_language
def test_suggestions_offer_only_words_this_language_has(language):
    rules = english("body.json")["suggestions"]
    with i18n.use(language):
        here = {f.id: f for f in v.feelings()}
        seen: set[str] = set()
        for rule in rules:
            regions = rule["regions"] or ["chest"]
            sensations = rule["sensations"] or []
            for region in regions:
                for _feeling, score in (offered := v.suggest_from_body([(region, sensations, 6)], limit=50)):
                    assert score > 0
                for feeling, _score in offered:
                    assert feeling.id in here and here[feeling.id] is feeling
                    seen.add(feeling.id)
        assert seen  # the body map still has something to offer


def test_german_and_spanish_are_both_shipped():
    assert list(EXPECTED) == PRESENT, f"missing: {set(EXPECTED) - set(PRESENT)}"
    assert set(v.languages_with_data()) == {"en", *EXPECTED}
