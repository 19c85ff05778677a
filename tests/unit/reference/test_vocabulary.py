"""The check-in vocabulary: the shipped data files and the lookups built on them."""

from __future__ import annotations

import ast
import dataclasses
import json
import math
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.reference import vocabulary as v

# --------------------------------------------------------------------------------- helpers
MIN_WORDS = 140
MAX_DEFINITION = 90

REQUIRED_FAMILIES = {
    "glad", "tender", "calm", "sad", "hurt", "angry", "scared",
    "ashamed", "guilty", "surprised", "disgusted", "tired",
}  # fmt: skip
REQUIRED_REGIONS = {
    "head", "forehead", "eyes", "jaw", "throat", "neck", "left_shoulder", "right_shoulder",
    "chest", "heart", "upper_back", "lower_back", "stomach", "belly", "left_arm", "right_arm",
    "left_hand", "right_hand", "hips", "left_leg", "right_leg", "feet", "whole_body",
}  # fmt: skip
PAIRED_REGIONS = ("shoulder", "arm", "hand", "leg")
REQUIRED_SENSATIONS = {
    "tight", "tense", "clenched", "heavy", "light", "warm", "hot", "cold", "tingling",
    "buzzing", "fluttering", "sinking", "knotted", "churning", "hollow", "numb", "achy",
    "pressure", "pulsing", "shaky", "restless", "prickly", "open", "still",
}  # fmt: skip
REQUIRED_VAGUE = {
    "bad", "upset", "stressed", "fine", "off", "weird", "meh", "okay", "overwhelmed",
    "down", "anxious", "not great", "annoyed", "good", "sad", "angry", "scared",
}  # fmt: skip
REQUIRED_NEEDS = {
    "security", "valued", "steady_acceptance", "confirmed", "self_definition", "impact",
    "reach_out", "express_care", "rest", "space", "comfort", "heard", "reassurance",
    "connection", "clarity", "movement",
}  # fmt: skip


def raw(name: str) -> dict:
    return json.loads((resources.files("companion.reference") / "data" / name).read_text(encoding="utf-8"))


def all_strings(node):
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from all_strings(value)
    elif isinstance(node, list):
        for item in node:
            yield from all_strings(item)


WORDS = {f.word for f in v.feelings()}
FAMILY_OF = {f.word: f.family for f in v.feelings()}


def words(results) -> list[str]:
    return [f.word for f in results]


# ------------------------------------------------------------------------------ data: files
@pytest.mark.parametrize("name", ["feelings.json", "body.json", "coach.json", "needs.json"])
def test_data_files_ship_inside_the_package_and_are_tidy(name):
    path = resources.files("companion.reference") / "data" / name
    assert path.is_file()
    data = raw(name)
    assert data["version"] == 1
    for text in all_strings(data):
        assert text == text.strip(), f"{name}: stray whitespace in {text!r}"
        assert "  " not in text, f"{name}: double space in {text!r}"


def test_module_stays_free_of_the_ui_toolkit():
    tree = ast.parse(Path(v.__file__).read_text(encoding="utf-8"))
    imported = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            imported.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.add(node.module.split(".")[0])
    assert "flet" not in imported


# --------------------------------------------------------------------------- data: feelings
def test_there_are_enough_words_in_the_required_families():
    assert len(v.feelings()) >= MIN_WORDS
    ids = {f.id for f in v.families()}
    assert ids >= REQUIRED_FAMILIES
    for fam in v.families():
        assert len(v.by_family(fam.id)) >= 5, fam.id


def test_words_are_unique_ignoring_case_and_accents():
    keys = [v.normalize(f.word) for f in v.feelings()]
    assert len(keys) == len(set(keys))
    lowered = [f.word.casefold() for f in v.feelings()]
    assert len(lowered) == len(set(lowered))


def test_every_feeling_is_well_formed():
    family_ids = {f.id for f in v.families()}
    for f in v.feelings():
        assert f.word == f.word.strip().lower() and f.word, f
        assert f.family in family_ids, f
        assert f.intensity in ("mild", "moderate", "strong"), f
        assert f.definition and f.definition == f.definition.rstrip(), f
        assert len(f.definition) < MAX_DEFINITION, f
        assert f.definition[0].isupper() and f.definition.endswith("."), f


def test_families_have_plain_descriptions_and_gentle_hints():
    for fam in v.families():
        assert fam.label and fam.description, fam
        assert fam.hint.startswith("When I feel "), fam
        assert " might " in fam.hint, fam
        assert "should" not in fam.hint.lower(), fam


def test_each_family_spans_more_than_one_intensity():
    for fam in v.families():
        assert len({f.intensity for f in v.by_family(fam.id)}) >= 2, fam.id


def test_other_forms_do_not_shadow_real_words():
    keys = {v.normalize(w) for w in WORDS}
    seen: set[str] = set()
    for f in v.feelings():
        for form in f.forms:
            key = v.normalize(form)
            assert key not in keys, (f.word, form)
            assert key not in seen, (f.word, form)
            seen.add(key)


# ------------------------------------------------------------------------------- data: body
def test_regions_cover_the_body_with_accessible_names():
    regs = v.regions()
    ids = [r.id for r in regs]
    assert len(regs) >= 24
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED_REGIONS
    names = [r.name for r in regs]
    assert len(names) == len(set(names))
    for r in regs:
        assert r.side in ("front", "back", "both"), r
        assert r.group, r
        assert r.name[0].isupper() and "_" not in r.name, r
    for part in PAIRED_REGIONS:
        for side in ("left", "right"):
            reg = v.region(f"{side}_{part}")
            assert reg is not None and reg.name == f"{side.title()} {part}"
    assert v.region("chest").name == "Chest"
    assert v.region("upper_back").side == "back"
    assert v.region("nowhere") is None


def test_sensations_include_the_required_qualities():
    sens = v.sensations()
    ids = [s.id for s in sens]
    assert len(sens) >= 24
    assert len(ids) == len(set(ids))
    assert set(ids) >= REQUIRED_SENSATIONS
    assert "something_else" not in ids  # free text in the app, not a listed quality
    for s in sens:
        assert s.name and s.description.endswith("."), s
        assert len(s.description) < MAX_DEFINITION, s
    assert v.sensation("tight").name == "Tight"
    assert v.sensation("nope") is None


def test_body_suggestion_mapping_only_uses_known_ids():
    data = raw("body.json")
    region_ids = {r.id for r in v.regions()}
    sensation_ids = {s.id for s in v.sensations()}
    assert len(data["suggestions"]) >= 20
    for rule in data["suggestions"]:
        assert rule["regions"] or rule["sensations"], rule
        assert set(rule["regions"]) <= region_ids, rule
        assert set(rule["sensations"]) <= sensation_ids, rule
        assert rule["feelings"], rule
        for word, weight in rule["feelings"].items():
            assert word in WORDS, word
            assert 0 < weight <= 1, (word, weight)
    covered = {s for rule in data["suggestions"] for s in rule["sensations"]}
    assert sensation_ids <= covered, sensation_ids - covered


# ------------------------------------------------------------------------------ data: coach
def test_coach_entries_point_to_four_to_eight_real_words():
    entries = raw("coach.json")["entries"]
    assert {e["word"] for e in entries} >= REQUIRED_VAGUE
    spellings: set[str] = set()
    word_keys = {v.normalize(w) for w in WORDS}
    for e in entries:
        cands = e["candidates"]
        assert 4 <= len(cands) <= 8, e["word"]
        assert len(cands) == len(set(cands)), e["word"]
        assert set(cands) <= WORDS, set(cands) - WORDS
        assert e["word"] not in cands
        assert e["prompt"], e["word"]
        for spelling in (e["word"], *e["aliases"]):
            key = v.normalize(spelling)
            assert key not in spellings, spelling
            spellings.add(key)
        for alias in e["aliases"]:
            assert v.normalize(alias) not in word_keys, f"alias {alias!r} is a precise word"


# ------------------------------------------------------------------------------ data: needs
def test_needs_are_unique_and_explained():
    items = v.needs()
    assert 16 <= len(items) <= 24
    ids = [n.id for n in items]
    labels = [n.label.casefold() for n in items]
    assert len(ids) == len(set(ids)) and len(labels) == len(set(labels))
    assert set(ids) >= REQUIRED_NEEDS
    for n in items:
        assert n.label and n.explanation.endswith("."), n
        assert len(n.explanation) < MAX_DEFINITION, n
        assert n.kind in ("relational", "everyday"), n
    assert sum(n.kind == "relational" for n in items) >= 8


# ---------------------------------------------------------------------------------- lookups
def test_loaded_objects_are_frozen_and_cached():
    f = v.feelings()[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.word = "changed"  # type: ignore[misc]
    assert v.feelings() is v.feelings()
    assert v.regions() is v.regions()


def test_feeling_lookup_ignores_case_accents_and_spacing():
    assert v.feeling("  ANXIOUS ").word == "anxious"
    assert v.feeling("Self Conscious").word == "self-conscious"
    assert v.feeling("left   out").word == "left out"
    assert v.feeling("ánxíous").word == "anxious"
    assert v.feeling("not a feeling") is None


def test_by_family_and_families():
    sad = v.by_family("sad")
    assert sad and all(f.family == "sad" for f in sad)
    assert v.by_family("nope") == ()
    assert v.family("angry").label == "Angry"
    assert sum(len(v.by_family(f.id)) for f in v.families()) == len(v.feelings())


def test_hint_follows_the_reciprocal_response():
    assert "taken seriously" in v.hint_for("Furious")
    assert "safety" in v.hint_for("scared")
    assert "kindness" in v.hint_for("disappointed")
    assert "share" in v.hint_for("joyful")
    assert v.hint_for("gobbledygook") == ""


# ----------------------------------------------------------------------------------- search
def test_search_prefix_comes_first():
    found = words(v.search("frus"))
    assert found[0] == "frustrated"
    dis = words(v.search("dis", limit=50))
    starting = [w for w in dis if w.startswith("dis")]
    assert dis[: len(starting)] == starting  # all prefix matches before anything else
    assert "disappointed" in starting


def test_search_exact_word_beats_longer_prefix_matches():
    assert words(v.search("sad"))[0] == "sad"
    assert words(v.search("low"))[0] == "low"


def test_search_finds_inner_words_and_substrings_after_prefixes():
    found = words(v.search("out"))
    assert found[0] == "outraged"
    assert {"left out", "worn out", "burnt out"} <= set(found)
    assert found.index("left out") < found.index("awkward")  # "awkward" only via a definition


@pytest.mark.parametrize(
    ("typo", "meant"),
    [
        ("dissapointed", "disappointed"),
        ("anxius", "anxious"),
        ("lonly", "lonely"),
        ("frustated", "frustrated"),
        ("embarassed", "embarrassed"),
        ("jeleous", "jealous"),
        ("hapy", "happy"),
        ("ovrwhelmed", "overwhelmed"),
        ("dissap", "disappointed"),
    ],
)
def test_search_forgives_typos(typo, meant):
    assert words(v.search(typo))[0] == meant


@pytest.mark.parametrize(
    ("query", "meant"),
    [
        ("ÉXCITÉD", "excited"),
        ("Ánxïous", "anxious"),
        ("ＣＡＬＭ", "calm"),
        ("self conscious", "self-conscious"),
        ("selfcon", "self-conscious"),
        ("  Left-Out!  ", "left out"),
    ],
)
def test_search_ignores_case_accents_and_punctuation(query, meant):
    assert words(v.search(query))[0] == meant


@pytest.mark.parametrize(
    ("noun", "meant"),
    [("anger", "angry"), ("fear", "scared"), ("gratitude", "grateful"), ("shame", "ashamed"),
     ("grief", "grieving"), ("burnout", "burnt out")],
)  # fmt: skip
def test_search_understands_other_forms(noun, meant):
    assert words(v.search(noun))[0] == meant


def test_search_matches_definitions_last():
    found = words(v.search("tears"))
    assert "moved" in found  # "...sometimes to the edge of tears."


@pytest.mark.parametrize("query", ["", " ", "   \t\n", "!!!", "—", "\u200b"])
def test_empty_queries_give_nothing(query):
    assert v.search(query) == []


def test_search_respects_limit():
    assert len(v.search("a", limit=5)) == 5
    assert v.search("a", limit=0) == []
    assert v.search("a", limit=-1) == []
    assert len(v.search("e", limit=1000)) <= len(v.feelings())


def test_every_word_finds_itself_first():
    for f in v.feelings():
        assert v.search(f.word)[0] is f
        assert v.search(f.word.upper())[0] is f


def test_huge_query_is_harmless():
    assert v.search("x" * 1_000_000) == []
    assert isinstance(v.search("sad " * 250_000), list)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_search_never_raises(query):
    results = v.search(query)
    assert isinstance(results, list) and len(results) <= 20
    assert all(isinstance(f, v.Feeling) for f in results)
    assert len(results) == len({f.word for f in results})


@settings(max_examples=200, deadline=None)
@given(st.text(), st.integers(min_value=-5, max_value=50))
def test_lookups_never_raise(text, limit):
    v.search(text, limit=limit)
    v.feeling(text)
    v.hint_for(text)
    assert v.is_vague(text) == (v.coach(text) is not None)


# ------------------------------------------------------------------------------------ coach
@pytest.mark.parametrize(
    "spelling",
    ["not great", "Not Great", "  not   GREAT ", "not great!", "not-great", "I'm not great",
     "I\u2019m feeling not great", "really not great", "nöt gréat"],
)  # fmt: skip
def test_coach_normalises_multiword_input(spelling):
    found = v.coach(spelling)
    assert found is not None
    assert words(found) == words(v.coach("not great"))


def test_coach_gives_precise_words_for_vague_ones():
    upset = v.coach("Upset")
    assert upset is not None and 4 <= len(upset) <= 8
    assert all(isinstance(f, v.Feeling) for f in upset)
    assert "hurt" in words(upset)
    assert words(v.coach("OK")) == words(v.coach("okay"))
    assert words(v.coach("kinda meh")) == words(v.coach("meh"))
    assert words(v.coach("I feel bad")) == words(v.coach("bad"))
    assert words(v.coach("mad")) == words(v.coach("angry"))
    assert v.coach_prompt("bad")
    assert v.coach_prompt("frustrated") is None


def test_coach_leaves_precise_and_unknown_words_alone():
    for word in ("frustrated", "disappointed", "xyzzy", "", "   ", "feeling", "so"):
        assert v.coach(word) is None
        assert not v.is_vague(word)
    assert v.is_vague("stressed") and v.is_vague("Fine") and v.is_vague("WEIRD")


def test_coach_results_can_be_changed_by_callers_safely():
    first = v.coach("bad")
    first.clear()
    assert v.coach("bad")


def test_vague_words_lists_the_coached_words():
    assert set(v.vague_words()) >= REQUIRED_VAGUE
    assert all(v.is_vague(w) for w in v.vague_words())


# ------------------------------------------------------------------------- body suggestions
def top(marks, n=3):
    return words(f for f, _ in v.suggest_from_body(marks)[:n])


def test_body_suggestions_follow_common_links():
    assert FAMILY_OF[top([("stomach", ["knotted", "churning"], 6)], 1)[0]] == "scared"
    assert "irritated" in top([("jaw", ["tight"], 6)])
    assert FAMILY_OF[top([("chest", ["warm"], 6)], 1)[0]] == "tender"
    assert top([("chest", ["heavy"], 6)], 1) == ["sad"]
    assert set(top([("belly", ["hollow"], 6)], 2)) <= {"empty", "lonely"}
    assert set(top([("eyes", ["heavy"], 5)], 2)) == {"sleepy", "tired"}


def test_body_suggestions_are_sorted_and_deterministic():
    marks = [
        ("chest", ["tight", "heavy"], 7),
        ("left_hand", ["shaky"], 4),
        ("jaw", ["clenched"], 2),
        ("feet", ["restless"], 5),
    ]
    result = v.suggest_from_body(marks, limit=50)
    scores = [s for _, s in result]
    assert scores == sorted(scores, reverse=True)
    for (fa, sa), (fb, sb) in zip(result, result[1:], strict=False):
        if sa == sb:
            assert fa.word < fb.word  # ties broken alphabetically
    assert v.suggest_from_body(marks, limit=50) == result
    assert v.suggest_from_body(list(reversed(marks)), limit=50) == result
    assert len(v.suggest_from_body(marks)) == 8
    assert len({f.word for f, _ in result}) == len(result)


def test_body_suggestions_weight_by_intensity():
    low = dict((f.word, s) for f, s in v.suggest_from_body([("chest", ["heavy"], 2)], limit=50))
    high = dict((f.word, s) for f, s in v.suggest_from_body([("chest", ["heavy"], 9)], limit=50))
    assert low.keys() == high.keys()
    assert all(high[w] > low[w] for w in low)

    sad_strong = top([("chest", ["heavy"], 9), ("heart", ["warm"], 1)], 1)
    tender_strong = top([("chest", ["heavy"], 1), ("heart", ["warm"], 9)], 1)
    assert FAMILY_OF[sad_strong[0]] == "sad"
    assert FAMILY_OF[tender_strong[0]] == "tender"


def test_body_suggestions_accumulate_across_marks():
    one = dict((f.word, s) for f, s in v.suggest_from_body([("jaw", ["clenched"], 5)], 50))
    two = dict(
        (f.word, s)
        for f, s in v.suggest_from_body([("jaw", ["clenched"], 5), ("left_hand", ["clenched"], 5)], 50)
    )
    assert two["frustrated"] > one["frustrated"]


def test_body_suggestions_are_forgiving_about_input():
    assert v.suggest_from_body([]) == []
    assert v.suggest_from_body([("chest", ["heavy"], 5)], limit=0) == []
    # Unknown regions and free-text sensations are skipped, known parts still count.
    assert v.suggest_from_body([("tail", ["wobbly"], 5)]) == []
    assert v.suggest_from_body([("tail", ["heavy"], 5)])
    assert v.suggest_from_body([("chest", ["something else: like a balloon"], 5)]) == []
    # A lone string is one sensation, not a list of letters.
    assert v.suggest_from_body([("chest", "heavy", 5)]) == v.suggest_from_body([("chest", ["heavy"], 5)])
    # Intensity is clamped to 0..10; a faint mark still counts a little.
    assert v.suggest_from_body([("chest", ["heavy"], 15)]) == v.suggest_from_body([("chest", ["heavy"], 10)])
    faint = v.suggest_from_body([("chest", ["heavy"], 0)])
    assert faint and all(s > 0 for _, s in faint)
    assert v.suggest_from_body([("chest", ["heavy"], -3)]) == faint
    with pytest.raises(ValueError):
        v.suggest_from_body([("chest", ["heavy"], math.nan)])


def test_region_only_marks_can_still_suggest():
    assert "irritated" in top([("jaw", [], 5)])
