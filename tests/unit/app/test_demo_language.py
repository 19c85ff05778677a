"""The demo journal is written in the language the app speaks when it is made.

A German app gets a German demo (free text, topics, session notes, reflections, feedback), a
Spanish one a Spanish demo. Feelings, regions, sensations and needs are stored by id, so they show
in whatever language the app speaks later; the free text stays as it was written.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from companion import demo
from companion.adapters.paths import vault_path
from companion.core import i18n
from companion.core.records import to_us
from companion.kinds.checkin import CHECKIN, CheckIn
from companion.kinds.feedback import Feedback
from companion.kinds.journal import JOURNAL, Entry
from companion.kinds.reflection import Reflections
from companion.kinds.sessions import Sessions
from companion.kinds.topics import Topics
from companion.reference import vocabulary as vocab
from companion.vault.vault import Vault

NOW = to_us(datetime(2026, 11, 24, 20, 15, tzinfo=UTC))
BERLIN = ZoneInfo("Europe/Berlin")

# Everyday English words that no German or Spanish sample sentence has.
ENGLISH_WORDS = {
    "the",
    "and",
    "my",
    "with",
    "i",
    "i'm",
    "it's",
    "to",
    "of",
    "we",
    "about",
    "when",
    "that",
    "is",
}
# ... and words each language's demo can't do without.
OWN_WORDS = {
    "de": {"ich", "meine", "meiner", "und", "nicht", "schwester"},
    "es": {"que", "mi", "hermana", "de", "la", "no"},
}
UNKIND = {
    "de": ("faul", "versagt", "verpasst", "serie", "solltest"),
    "es": ("perez", "fracas", "fallaste", "racha", "deberías"),
}
TOPIC = {
    "de": "Meine Schwester und die Pläne für Mamas Geburtstag",
    "es": "Mi hermana y los planes para el cumpleaños de mamá",
}


def _english_sources() -> set[str]:
    """Every English sample text the demo has."""
    texts = {
        t
        for m in demo.CHECKINS
        for t in (m.checkin.happened, m.checkin.note, m.checkin.said, m.checkin.body_said)
    }
    texts |= {t for e in demo.ENTRIES for t in (e.title, e.body)}
    texts |= {t for t, _bring in demo.TOPICS} | set(demo.SESSION_NOTES)
    texts |= {t for r in demo.REFLECTIONS for t in (r.met, r.missed, r.note)}
    return texts - {""}


def _free_text(vault: Vault) -> list[str]:
    """Everything the demo wrote in words, as stored."""
    texts: list[str] = []
    for record in vault.iter_all([CHECKIN]):
        c = CheckIn.from_payload(record.payload)
        texts += [c.happened, c.note, c.said, c.body_said]
    for record in vault.iter_all([JOURNAL]):
        entry = Entry.from_record(record)
        texts += [entry.title, entry.body]
    texts += [t.text for _r, t in Topics(vault).ordered()]
    texts += [s.note for _r, s in Sessions(vault).all()]
    for _r, r in Reflections(vault).all():
        texts += [r.met, r.missed, r.note]
    for _r, d in Feedback(vault).all():
        texts += [d.text, d.what_happened, d.body, d.would_like, d.outcome]
    return [t for t in texts if t]


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.casefold()))


@pytest.fixture(scope="module", params=["de", "es"])
def made_in(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Vault]:
    language = request.param
    folder = tmp_path_factory.mktemp(f"demo-{language}")
    vault, _code = Vault.create(
        vault_path(demo.demo_data_dir(folder)), demo.DEMO_PASSPHRASE, with_recovery_code=False
    )
    with i18n.use(language):
        demo.fill_demo(vault, NOW, tz=BERLIN)
    return language, vault


def test_the_free_text_is_in_the_language_with_no_english_sentence_left(made_in: tuple[str, Vault]) -> None:
    language, vault = made_in
    english = _english_sources()
    texts = _free_text(vault)  # read in English: what was written stays as written
    assert len(texts) >= 40
    found: set[str] = set()
    for text in texts:
        assert text not in english, (language, text)
        leftover = _words(text) & ENGLISH_WORDS
        assert not leftover, (language, text, leftover)
        found |= _words(text)
    assert OWN_WORDS[language] <= found, OWN_WORDS[language] - found
    for text in texts:  # the same kind voice as in English (tests/unit/app/test_demo.py)
        for unkind in UNKIND[language]:
            assert unkind not in text.casefold(), (language, text)
    assert TOPIC[language] in {t.text for _r, t in Topics(vault).ordered()}


def test_feedback_reads_as_whole_sentences_in_the_language(made_in: tuple[str, Vault]) -> None:
    language, vault = made_in
    with i18n.use(language):
        wordings = [d.wording for _r, d in Feedback(vault).all()]
    assert len(wordings) == 3
    for wording in wordings:
        assert not _words(wording) & ENGLISH_WORDS, wording
    joined = " ".join(wordings)
    if language == "de":
        assert "da habe ich mich erleichtert und verstanden gefühlt" in joined
        assert "Ich wünsche mir, dass du das öfter machst, wenn ich abdrifte." in joined
    else:
        assert "me sentí aliviado/a y comprendido/a" in joined
        assert "Me gustaría quedarnos un poco más en las cosas que me pesan." in joined


def test_feelings_regions_and_needs_are_stored_by_id(made_in: tuple[str, Vault]) -> None:
    language, vault = made_in
    needs = {n.id for n in vocab.needs()}
    for record in vault.iter_all([CHECKIN]):
        c = CheckIn.from_payload(record.payload)
        for pick in c.feelings:
            found = vocab.feeling(pick.word)
            assert found is not None and found.id == pick.word and not pick.own
        assert all(vocab.region(m.region) for m in c.body)
        assert set(c.needs) <= needs
    with i18n.use(language):  # shown in the language of the moment
        labels = {
            vocab.feeling_label(p.word)
            for r in vault.iter_all([CHECKIN])
            for p in CheckIn.from_payload(r.payload).feelings
        }
    assert labels - {p.word for m in demo.CHECKINS for p in m.checkin.feelings}


def test_the_therapist_label_and_english_demo_are_unchanged(tmp_path: Path) -> None:
    vault, _code = Vault.create(
        vault_path(demo.demo_data_dir(tmp_path)), demo.DEMO_PASSPHRASE, with_recovery_code=False
    )
    demo.fill_demo(vault, NOW, weeks=1, tz=BERLIN)
    assert {s.label for _r, s in Sessions(vault).all()} == {demo.THERAPIST}
    feedback = {
        t
        for _r, d in Feedback(vault).all()
        for t in (d.text, d.what_happened, d.body, d.would_like, d.outcome)
    }
    texts = set(_free_text(vault)) - feedback
    assert "My sister and Mum's birthday plans" in texts
    assert texts <= _english_sources()  # in English, the sample texts exactly as written
    vault.lock()
