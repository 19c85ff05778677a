"""Feedback in German and Spanish: feelings stored by id, wording and labels in the current language."""

from __future__ import annotations

import re

import pytest
from conftest import empty

from companion.core import i18n
from companion.core.kind_ids import FEEDBACK
from companion.kinds.feedback import (
    BRING,
    KIND_IDS,
    PAYLOAD_VERSION,
    Feedback,
    FeedbackDraft,
    as_written_then,
    kind,
    prompt,
)
from companion.kinds.sharing import state_label
from companion.kinds.validate import record_problem
from companion.reference import vocabulary
from companion.vault.vault import Vault

# Words of the English sentences the wording engine adds; none may be left in German or Spanish.
ENGLISH = frozenset(
    re.findall(
        r"\S+",
        """when i i'd noticed felt and helped like didn't land quite held something back say so at
        the time missed thinking about question came up pace or tone stood out it this been""",
    )
)
# Own words that are in no vocabulary, so they are kept as written.
OWN_DE = "wie Watte im Kopf"
OWN_ES = "como en una nube"


@pytest.fixture
def store(vault: Vault) -> Feedback:
    empty(vault)
    return Feedback(vault)


def words(text: str) -> set[str]:
    return {w.casefold() for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)}


def test_a_draft_built_in_german_shows_german_text() -> None:
    with i18n.use("de"):
        draft = (
            FeedbackDraft("appreciation", what_happened="du bist langsamer geworden")
            .add_feeling("erleichtert")
            .add_feeling(OWN_DE)
        )
        assert draft.feelings == ("relieved", OWN_DE)  # the listed feeling by id, the own words as written
        assert draft.feeling_labels == ("erleichtert", OWN_DE)
        assert draft.wording == (
            f"Du bist langsamer geworden – da habe ich mich erleichtert und {OWN_DE} gefühlt."
        )
        assert FeedbackDraft("appreciation", what_happened="du hast gelacht").wording == (
            "Das hat mir geholfen: du hast gelacht."
        )
        assert kind("appreciation").label == "Etwas, das geholfen hat"
        assert kind("request").starters[1] == "Könnten wir …?"
        assert prompt("what_happened") == "Was ist passiert?"
        assert state_label(BRING) == "In die Sitzung mitbringen"
        # the same word again, any case, is not added twice; removing takes the word or the id
        assert draft.add_feeling("Erleichtert").feelings == (OWN_DE, "relieved")
        assert draft.remove_feeling("erleichtert").feelings == (OWN_DE,)
    assert kind("appreciation").label == "Something that helped"  # English again outside


def test_feedback_saved_in_german_shows_its_feelings_in_spanish(store: Feedback) -> None:
    with i18n.use("de"):
        draft = FeedbackDraft("request", would_like="mehr Pausen").add_feeling("traurig").add_feeling(OWN_DE)
        record = store.add(draft)
    assert record.payload["feelings"] == ["sad", OWN_DE]  # language-neutral in the journal
    assert record.payload["v"] == PAYLOAD_VERSION == 2
    with i18n.use("es"):
        saved = store.get(record.id)
        assert saved.feeling_labels == ("triste", OWN_DE)
        assert saved.wording == f"Me sentí triste y {OWN_DE}. Me gustaría mehr Pausen."
        # a Spanish word for the same feeling is the same feeling
        assert saved.add_feeling("Triste").feelings == (OWN_DE, "sad")
    assert store.get(record.id).feeling_labels == ("sad", OWN_DE)


def test_an_old_payload_with_english_words_reads_as_ids() -> None:
    old = {"kind": "felt_missed", "feelings": ["Relieved", "gratitude", "gutted", "sad"], "v": 1}
    draft = FeedbackDraft.from_payload(old)
    assert draft.feelings == ("relieved", "grateful", "gutted", "sad")  # the own word stays as written
    assert draft.to_payload()["v"] == 2
    assert FeedbackDraft.from_payload({"kind": "request", "feelings": ["Calm"]}).feelings == (
        "calm",
    )  # no "v"
    with i18n.use("de"):
        assert draft.feeling_labels == ("erleichtert", "dankbar", "gutted", "traurig")
    # a restore check compares an old backup with what it wrote, not with the upgrade to ids
    assert as_written_then(old, draft.to_payload())["feelings"] == old["feelings"]
    assert as_written_then({**old, "v": 2}, draft.to_payload()) == draft.to_payload()
    # version 2 keeps what it stores: ids, and own words even when they look like a listed word
    assert FeedbackDraft.from_payload({**old, "v": 2}).feelings == ("Relieved", "gratitude", "gutted", "sad")


def test_an_old_backup_as_the_app_wrote_it_still_restores() -> None:
    from companion.core.records import Record, now_us

    when = now_us() - 1_000_000
    payload = FeedbackDraft("request", what_happened="you paused", feelings=("sad", "gutted")).to_payload()
    old = {**payload, "v": 1}
    assert record_problem(Record("r1", FEEDBACK, when, when, old)) is None
    assert record_problem(Record("r2", FEEDBACK, when, when, payload)) is None


def test_the_persons_own_word_survives_every_language(store: Feedback) -> None:
    assert vocabulary.feeling_id(OWN_ES) is None
    with i18n.use("es"):
        record = store.add(
            FeedbackDraft("held_back", what_happened="hablamos de mi madre").add_feeling(OWN_ES)
        )
    for language in ("en", "de", "es"):
        with i18n.use(language):
            saved = store.get(record.id)
            assert saved.feelings == (OWN_ES,)
            assert saved.feeling_labels == (OWN_ES,)
            assert OWN_ES in saved.wording


FULL = {
    "de": {
        "what_happened": "du hast auf die Uhr geschaut",
        "body": "Enge in der Brust",
        "feelings": ("traurig", "sad", "allein"),
        "would_like": "mehr Zeit am Ende",
    },
    "es": {
        "what_happened": "Miraste el reloj",
        "body": "presión en el pecho",
        "feelings": ("triste", "sad", "solo"),
        "would_like": "más tiempo al final",
    },
}


@pytest.mark.parametrize("language", ["de", "es"])
@pytest.mark.parametrize("kind_id", KIND_IDS)
def test_assembled_wording_has_no_english_left(language: str, kind_id: str) -> None:
    parts = FULL[language]
    with i18n.use(language):
        draft = FeedbackDraft(kind_id, **{k: v for k, v in parts.items() if k != "feelings"})
        for word in parts["feelings"]:
            draft = draft.add_feeling(word)
        assert len(draft.feelings) == 2  # "sad" is the same feeling as "traurig" / "triste"
        full = draft.wording
        only_what = FeedbackDraft(kind_id, what_happened=parts["what_happened"]).wording
        body_only = FeedbackDraft(kind_id, body=parts["body"]).wording
    for text in (full, only_what, body_only):
        assert text and not (words(text) & ENGLISH), text
        assert text[0].isupper() and text.endswith(".")
    assert parts["would_like"] in full and parts["body"] in full


def test_spanish_and_german_wishes_read_as_whole_sentences() -> None:
    with i18n.use("es"):
        assert FeedbackDraft("request", would_like="podríamos ir más despacio").wording == (
            "¿Podríamos ir más despacio?"
        )
        assert FeedbackDraft("request", would_like="me gustaría que vayamos despacio").wording == (
            "Me gustaría que vayamos despacio."
        )
        assert FeedbackDraft("felt_missed", what_happened="Cambiaste de tema").wording == (
            "Cuando cambiaste de tema, me sentí ignorado/a."
        )
    with i18n.use("de"):
        assert FeedbackDraft("request", would_like="dass du öfter nachfragst").wording == (
            "Ich wünsche mir, dass du öfter nachfragst."
        )
        assert FeedbackDraft("request", would_like="könnten wir langsamer machen").wording == (
            "Könnten wir langsamer machen?"
        )
