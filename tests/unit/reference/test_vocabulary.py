"""The check-in vocabulary: the shipped data files and the lookups built on them."""

from __future__ import annotations

import ast
import dataclasses
import json
import math
import shutil
from importlib import resources
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core import i18n
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


# ------------------------------------------------------------------------- other languages
# Small German and Spanish data written here, so these tests pin the loader's behaviour
# whatever words the shipped files choose (tests/unit/reference/test_languages.py checks those).
def feel(feeling_id: str, word: str, definition: str, *forms: str) -> dict:
    return {"id": feeling_id, "word": word, "definition": definition, "forms": list(forms)}


def named(item_id: str, name: str, description: str | None = None) -> dict:
    return {"id": item_id, "name": name} | ({"description": description} if description else {})


GERMAN_SAD = {
    "id": "sad",
    "label": "Traurig",
    "description": "Etwas fehlt.",
    "hint": "Wenn ich traurig bin, brauche ich vielleicht Trost.",
}
MINI = {
    "de": {
        "feelings.json": {
            "version": 1,
            "language": "de",
            "families": [GERMAN_SAD],
            "feelings": [
                feel("disappointed", "enttäuscht", "Es kam anders, als ich gehofft hatte.", "Enttäuschung"),
                feel("sad", "traurig", "Schwer ums Herz."),
                feel("grateful", "dankbar", "Froh über etwas Geschenktes.", "Dankbarkeit"),
                feel("anxious", "ängstlich", "Unruhig wegen etwas, das kommen könnte.", "Angst"),
                feel("nervous", "nervös", "Aufgeregt und unruhig."),
                feel("furious", "wütend", "Voller Wut.", "außer mir"),
                feel("tired", "müde", "Ohne Kraft."),
                feel("glad", "froh", "Leicht und gut."),
            ],
        },
        "coach.json": {
            "version": 1,
            "entries": [
                {
                    "word": "schlecht",
                    "aliases": ["mies"],
                    "prompt": "„Schlecht“ kann vieles heißen.",
                    "candidates": ["disappointed", "sad", "anxious", "tired"],
                }
            ],
        },
        "needs.json": {
            "version": 1,
            "needs": [{"id": "security", "label": "Mich sicher fühlen", "explanation": "Der Boden hält."}],
        },
        "body.json": {
            "version": 1,
            "regions": [
                named("chest", "Brust"),
                named("left_shoulder", "Linke Schulter"),
                named("stomach", "Magen"),
            ],
            "sensations": [
                named("tight", "Eng", "Wenig Platz."),
                named("knotted", "Verknotet", "Wie ein Knoten."),
            ],
        },
    },
    "es": {
        "feelings.json": {
            "version": 1,
            "language": "es",
            "families": [],
            "feelings": [
                feel("anxious", "ansioso", "Inquieto por lo que puede venir."),
                feel("sad", "triste", "Con el corazón pesado."),
                feel("tired", "cansado", "Sin fuerzas."),
                feel("disappointed", "decepcionado", "No salió como esperaba."),
            ],
        },
        "coach.json": {
            "version": 1,
            "entries": [
                {
                    "word": "mal",
                    "aliases": [],
                    "prompt": "«Mal» puede ser muchas cosas.",
                    "candidates": ["sad", "tired", "anxious", "disappointed"],
                }
            ],
        },
        "needs.json": {"version": 1, "needs": []},
        "body.json": {
            "version": 1,
            "regions": [named("chest", "Pecho")],
            "sensations": [named("tense", "Tensión", "Músculos que sujetan.")],
        },
    },
}


def write_language(root: Path, language: str, files: dict[str, dict]) -> None:
    folder = root / language
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


@pytest.fixture
def data_root(tmp_path, monkeypatch):
    """A copy of the shipped data with small de/ and es/ folders; the vocabulary reads from it."""
    root = tmp_path / "data"
    shutil.copytree(Path(str(resources.files("companion.reference") / "data")), root)
    for language, files in MINI.items():
        write_language(root, language, files)
    monkeypatch.setattr(v, "_DATA_ROOT", root)
    v._clear_caches()
    yield root
    v._clear_caches()  # the next test reads the shipped files again


def test_german_feelings_keep_english_ids_families_and_intensities(data_root):
    english = {f.id: f for f in v.feelings()}
    with i18n.use("de"):
        found = v.feeling("enttäuscht")
        assert found.id == "disappointed" and found.word == "enttäuscht"
        assert (found.family, found.intensity) == (
            english["disappointed"].family,
            english["disappointed"].intensity,
        )
        assert [f.id for f in v.feelings()] == [f.id for f in v.feelings()]  # cached
        assert v.feelings() is v.feelings()
        assert len(v.feelings()) == len(MINI["de"]["feelings.json"]["feelings"])
        # grouped by family in the order of families(), every family of English still there
        assert [f.id for f in v.families()] == [f.id for f in v.families()]
        order = [f.id for f in v.families()]
        assert [order.index(f.family) for f in v.feelings()] == sorted(
            order.index(f.family) for f in v.feelings()
        )
        assert v.family("sad").label == "Traurig" and v.family_label("sad") == "Traurig"
        assert v.family_label("glad") == "Glad"  # not translated in this data: English, never empty
        assert {f.word for f in v.by_family("scared")} == {"ängstlich", "nervös"}
        assert "Trost" in v.hint_for("traurig") and "Trost" in v.hint_for("sad")
    assert v.feeling("disappointed").word == "disappointed"  # English untouched
    assert v.feeling("enttäuscht") is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("enttäuscht", "disappointed"), ("ENTTÄUSCHT", "disappointed"), ("enttauscht", "disappointed"),
     ("enttaeuscht", "disappointed"), ("disappointed", "disappointed"), ("Disappointed", "disappointed"),
     ("Enttäuschung", "disappointed"), ("außer mir", "furious"), ("ausser mir", "furious"),
     ("AUSSER MIR", "furious"), ("nervoes", "nervous"), ("  Müde ", "tired"), ("muede", "tired")],
)  # fmt: skip
def test_german_lookup_takes_ids_words_and_forms_across_accents(data_root, typed, meant):
    with i18n.use("de"):
        assert v.feeling(typed).id == meant
        assert v.feeling_id(typed) == meant


def test_feeling_id_falls_back_to_english_and_reading_stored_ids_needs_no_language(data_root):
    with i18n.use("de"):
        assert v.feeling("gratitude") is None  # an English form is not a German word ...
        assert v.feeling_id("gratitude") == "grateful"  # ... but still names a feeling
        assert v.feeling_id("hopeful") == "hopeful"  # an id German has no word for
        assert v.feeling_id("enttäuscht", language="en") is None  # stored text is never German
        assert v.feeling_id("zerknirscht") is None
        assert v.family_of("hopeful") == "glad" and v.family_of("Disappointed") == "sad"
        assert v.family_of("zerknirscht") is None


def test_feeling_label_shows_a_stored_feeling_in_the_current_language(data_root):
    with i18n.use("de"):
        assert v.feeling_label("disappointed") == "enttäuscht"
        assert v.feeling_label("Disappointed") == "enttäuscht"  # an older check-in's spelling
        assert v.feeling_label("hopeful") == "hopeful"  # German lacks it: the English word
        assert v.feeling_label("zerknirscht") == "zerknirscht"  # someone's own word, unchanged
        assert v.feeling_label("My Own Words") == "My Own Words"
    with i18n.use("es"):
        assert v.feeling_label("disappointed") == "decepcionado"
    assert v.feeling_label("disappointed") == "disappointed"
    assert v.feeling_label(None) == ""  # type: ignore[arg-type]


def test_german_search_folds_umlauts_sharp_s_and_typos(data_root):
    with i18n.use("de"):
        assert words(v.search("enttausch"))[0] == "enttäuscht"
        assert words(v.search("enttaeu"))[0] == "enttäuscht"
        assert words(v.search("dankbarkeit"))[0] == "dankbar"  # another form
        assert words(v.search("treurig"))[0] == "traurig"  # a typo
        assert words(v.search("tráurig"))[0] == "traurig"
        assert words(v.search("ausser"))[0] == "wütend"
        assert words(v.search("Herz"))  # definitions, last
        assert v.search("disappointed") == []  # German words only
        for f in v.feelings():
            assert v.search(f.word)[0] is f


def test_spanish_search_folds_accents(data_root):
    with i18n.use("es"):
        assert words(v.search("ansíoso"))[0] == "ansioso"
        assert words(v.search("CANSADO"))[0] == "cansado"
        assert v.sensation_name("tense") == "Tensión"
        assert "tense" in v.search_aliases("tension")


def test_german_coach_uses_german_words_and_fillers(data_root):
    with i18n.use("de"):
        assert [f.id for f in v.coach("schlecht")] == ["disappointed", "sad", "anxious", "tired"]
        assert words(v.coach("schlecht"))[0] == "enttäuscht"
        for spelling in (
            "Mies",
            "mir geht's mies",
            "Ich fühle mich irgendwie schlecht",
            "ein bisschen schlecht",
        ):
            assert v.is_vague(spelling), spelling
        assert v.coach_prompt("schlecht").startswith("„Schlecht“")
        assert v.vague_words() == ("schlecht",)
        assert not v.is_vague("bad")  # English coach words are not German ones
        assert v.coach("enttäuscht") is None
    assert v.is_vague("bad") and not v.is_vague("schlecht")


def test_german_body_and_needs_names(data_root):
    with i18n.use("de"):
        assert v.region_name("chest") == "Brust" and v.region("chest").side == "front"
        assert v.region_name("jaw") == "Jaw"  # not in this data: English
        assert v.region_name("left_toe") == "Left toe"
        assert [r.id for r in v.regions()] == [r.id for r in v.regions()]
        assert v.sensation_name("tight") == "Eng"
        assert v.sensation_name("something else: fizzy") == "something else: fizzy"
        assert v.need_label("security") == "Mich sicher fühlen"
        assert v.need("security").kind == "relational"
        assert v.need_label("nope") == "nope"
    with i18n.use("de"):
        german_regions = [r.id for r in v.regions()]
    assert german_regions == [r.id for r in v.regions()]  # the same ids, in the same order


def test_german_suggestions_offer_only_words_german_has(data_root):
    marks = [("stomach", ["knotted", "churning"], 6), ("chest", ["tight", "heavy"], 7), ("jaw", [], 5)]
    with i18n.use("de"):
        german = {f.id for f in v.feelings()}
        offered = v.suggest_from_body(marks, limit=50)
        assert offered and all(f.id in german for f, _ in offered)
        assert {f.id for f, _ in offered} <= german
        assert offered[0][0].word in {"ängstlich", "nervös", "traurig"}
    english = v.suggest_from_body(marks, limit=50)
    assert {f.id for f, _ in offered} == {f.id for f, _ in english} & german


def test_search_aliases_name_the_ids_a_record_keeps(data_root):
    with i18n.use("de"):
        assert "disappointed" in v.search_aliases("enttauscht")
        assert "disappointed" in v.search_aliases("enttaeuscht")
        assert "enttauscht" in v.search_aliases("enttaeuscht")  # an own word typed with the umlaut
        assert "chest" in v.search_aliases("brust")
        assert "left_shoulder" in v.search_aliases("schulter")
        assert "security" in v.search_aliases("sicher")
        assert "security" in v.search_aliases("safe")  # English names count too
        assert v.search_aliases("br") == ()  # too short to mean anything
        assert v.search_aliases("xylophon") == ()
    assert v.search_aliases("brust") == ()  # German names only when German is spoken
    assert "security" in v.search_aliases("safe")
    assert "disappointed" not in v.search_aliases("disappoint")  # the word finds itself


def test_a_language_without_files_speaks_english(data_root):
    shutil.rmtree(data_root / "es")
    v._clear_caches()
    assert "es" not in v.languages_with_data() and "de" in v.languages_with_data()
    with i18n.use("es"):
        assert v.feelings() is not None and v.feeling("disappointed").word == "disappointed"
        assert v.feelings() == v.feelings() and len(v.feelings()) >= MIN_WORDS
        assert v.region_name("chest") == "Chest" and v.is_vague("bad")
    with i18n.use("es"):
        spanish = v.feelings()
    assert spanish is v.feelings()  # the same objects as English, not a copy


@pytest.mark.parametrize(
    ("name", "part", "item", "message"),
    [
        ("feelings.json", "feelings", feel("nope", "nö", "X."), "unknown feeling id"),
        ("feelings.json", "feelings", feel("hopeful", "Traurig", "X."), "duplicate"),
        ("feelings.json", "feelings", feel("sad", "betrübt", "X."), "duplicate"),
        ("feelings.json", "families", GERMAN_SAD | {"id": "nope"}, "unknown family"),
        ("coach.json", "entries", {"word": "mau", "prompt": "X", "candidates": ["hopeful"]}, "unknown words"),
        ("coach.json", "entries", {"word": "Mies", "prompt": "X", "candidates": ["sad"]}, "appears twice"),
        ("needs.json", "needs", {"id": "nope", "label": "X", "explanation": "X."}, "unknown need"),
        ("body.json", "regions", named("tail", "Schwanz"), "unknown region"),
        ("body.json", "sensations", named("fizzy", "X", "X."), "unknown sensation"),
    ],
)
def test_damaged_language_data_is_refused_loudly(data_root, name, part, item, message):
    broken = json.loads(json.dumps(MINI["de"]))
    broken[name][part].append(item)
    write_language(data_root, "de", broken)
    v._clear_caches()
    with i18n.use("de"), pytest.raises(ValueError, match=message):
        v.feelings(), v.coach("schlecht"), v.needs(), v.regions()
