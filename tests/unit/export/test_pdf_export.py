"""The exported PDF: only what was chosen, readable text, a working password, no crash on odd text."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import mini_vocabulary  # tests/unit/export/mini_vocabulary.py
import pypdf
import pypdfium2 as pdfium
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.kind_ids import CHECKIN
from companion.core.records import Record, to_us
from companion.export.pdf import printable, region_shades, render_pdf
from companion.export.summary import NOTHING_CHOSEN, Selection, build_summary, default_selection
from companion.kinds.checkin import BodyMark, CheckIn, CheckIns, FeelingPick
from companion.kinds.feedback import BRING, Feedback, FeedbackDraft
from companion.kinds.journal import Entry, Journal
from companion.kinds.topics import Topics
from companion.vault.vault import Vault

ARTIFACTS = Path(__file__).resolve().parents[3] / "test-output" / "pdf"


def us(day: int, hour: int = 12) -> int:
    return to_us(datetime(2026, 11, day, hour, tzinfo=UTC))


START, NOW = us(16, 0), us(24, 20)


def text_of(data: bytes, password: str | None = None) -> str:
    reader = pypdf.PdfReader(io.BytesIO(data))
    if password is not None:
        assert reader.decrypt(password)
    return "\n".join(page.extract_text() for page in reader.pages)


def squash(text: str) -> str:
    """Extracted text breaks lines where the PDF wrapped them; compare without whitespace."""
    return re.sub(r"\s+", "", text)


def save_pages(data: bytes, name: str) -> list[Path]:
    """Render every page to PNG (kept in test-output/ to look at) and return the files."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    doc = pdfium.PdfDocument(data)
    paths = []
    try:
        for number in range(len(doc)):
            path = ARTIFACTS / f"{name}-page{number + 1}.png"
            doc[number].render(scale=1.5).to_pil().save(path)
            paths.append(path)
    finally:
        doc.close()
    return paths


@pytest.fixture(scope="module")
def week(tmp_path_factory: pytest.TempPathFactory):
    """A typical week: ten check-ins, two feedback items and a topic to bring, private things too."""
    vault, _ = Vault.create(
        Path(tmp_path_factory.mktemp("pdf")) / "j.sqlite", "a long test passphrase", with_recovery_code=False
    )
    ids: dict[str, str] = {}
    places = ("chest", "jaw", "stomach", "throat", "left_shoulder")
    words = ("anxious", "sad", "disappointed", "ashamed", "calm")
    for i in range(10):
        checkin = CheckIn(
            body=(BodyMark(places[i % 5], ("tight", "heavy"), intensity=2 + i % 8),),
            feelings=(FeelingPick(words[i % 5], ("mild", "moderate", "strong")[i % 3]),),
            needs=("security",),
            note=f"CHECKIN-NOTE-{i} the bus was late again",
        )
        record = CheckIns(vault).add(checkin)
        vault.update(record.id, record.payload, created_us=us(17 + i // 2, 9 + i))
        ids[f"c{i}"] = record.id
    feedback = Feedback(vault)
    for key, text in (
        ("fb1", "When you slowed down I felt safer to open up."),
        ("fb2", "Could you speak a little more softly when we talk about my father?"),
    ):
        draft = feedback.add(FeedbackDraft("appreciation", text=text))
        feedback.set_state(draft.id, BRING)
        ids[key] = draft.id
    ids["fb_private"] = feedback.add(FeedbackDraft("request", text="PRIVATE-FEEDBACK not ready")).id
    topics = Topics(vault)
    topic = topics.add("My sister's wedding and whether to go")
    topics.set_state(topic.id, BRING)
    ids["topic"] = topic.id
    ids["topic_private"] = topics.add("PRIVATE-TOPIC later").id
    entry = Journal(vault).add(Entry("JOURNAL-TITLE", "JOURNAL-BODY a long day"))
    vault.update(entry.id, entry.payload, created_us=us(20))
    ids["entry"] = entry.id
    records = list(vault.iter_all())
    yield records, ids
    vault.lock()


def test_pdf_has_every_chosen_item_and_nothing_else(week) -> None:
    records, ids = week
    base = default_selection(records)
    # untick one check-in, and let one check-in's own words in
    selection = Selection(
        include=base.include - {ids["c9"]},
        redact_notes=base.redact_notes - {ids["c3"]},
        name="A.B.",
    )
    summary = build_summary(records, selection, START, None, NOW)
    data = render_pdf(summary)
    assert data.startswith(b"%PDF-")
    text = squash(text_of(data))
    for expected in (
        "A.B.",
        "9check-insinthistime",
        "WhatInoticedinmybody",
        "Chest",
        "tight",
        "anxious",
        "Tofeelsafe",
        "WhenyouslowereddownIfeltsafer".replace("slowered", "slowed"),
        "Couldyouspeakalittlemoresoftlywhenwetalkaboutmyfather?",
        "Mysister'sweddingandwhethertogo",
        "CHECKIN-NOTE-3",
        "Page1of",
    ):
        assert expected in text, expected
    for hidden in ("CHECKIN-NOTE-9", "CHECKIN-NOTE-0", "PRIVATE-FEEDBACK", "PRIVATE-TOPIC", "JOURNAL-"):
        assert hidden not in text, hidden
    pages = save_pages(data, "week")
    assert 1 <= len(pages) <= 2, "a typical week fits on one or two pages"


def test_left_out_sections_are_not_in_the_pdf(week) -> None:
    records, ids = week
    base = default_selection(records)
    selection = replace(base, include=base.include | {ids["entry"]}, sections=frozenset({"body", "needs"}))
    text = squash(text_of(render_pdf(build_summary(records, selection, START, None, NOW))))
    assert "Whatinoticedinmybody".lower() not in text.lower()
    assert "Tofeelsafe" not in text
    assert "JOURNAL-BODYalongday" in text and "Feelings" in text


def test_password_protects_the_file(week) -> None:
    records, _ids = week
    summary = build_summary(records, default_selection(records), START, None, NOW)
    data = render_pdf(summary, password="tea at four")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert reader.is_encrypted
    assert reader.trailer["/Encrypt"]["/V"] == 5  # AES-256
    assert not reader.decrypt("wrong guess")
    with pytest.raises(pypdf.errors.FileNotDecryptedError):
        pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text()
    assert "Mysister'sweddingandwhethertogo" in squash(text_of(data, "tea at four"))
    assert b"sister" not in data  # no plaintext left in the file


def test_non_latin_text_and_emoji_do_not_crash(week) -> None:
    records, _ids = week
    summary = build_summary(records, default_selection(records), START, None, NOW)
    odd = [
        "Ça m'a touché — très fort",
        "Γειά σου, Привет, שלום",
        "你好，我今天很累。日本語のテキスト。한국어",
        "Smiles 😀👩‍👩‍👧🏳️‍🌈 and a zero\u200bwidth space\x00 with a NUL",
    ]
    data = render_pdf(replace(summary, bringing=odd, name="Zoë 😀"))
    text = squash(text_of(data))
    for expected in ("Çam'atouché", "Γειάσου", "Привет", "你好", "日本語", "한국어", "Zoë", "😀", "👩"):
        assert expected in text, expected
    assert "\x00" not in text
    save_pages(data, "unicode")


def test_empty_summary_is_a_friendly_page() -> None:
    summary = build_summary([], Selection(), START, None, NOW)
    data = render_pdf(summary)
    assert squash(NOTHING_CHOSEN)[:40] in squash(text_of(data))
    assert len(pypdf.PdfReader(io.BytesIO(data)).pages) == 1


def test_huge_text_flows_over_pages(week) -> None:
    records, _ids = week
    summary = build_summary(records, default_selection(records), START, None, NOW)
    long = " ".join(["a long stretch of words"] * 4000) + " THE-END"
    data = render_pdf(replace(summary, bringing=[long, "x" * 3000]), paper="Letter")
    reader = pypdf.PdfReader(io.BytesIO(data))
    assert len(reader.pages) > 5
    assert "THE-END" in reader.pages[-1].extract_text() or "THE-END" in text_of(data)
    width, height = reader.pages[0].mediabox.width, reader.pages[0].mediabox.height
    assert (round(width), round(height)) == (612, 792)


def test_pages_are_not_blank_and_print_in_grey(week) -> None:
    records, _ids = week
    data = render_pdf(build_summary(records, default_selection(records), START, None, NOW))
    for path in save_pages(data, "grey"):
        from PIL import Image

        image = Image.open(path).convert("RGB")
        colours = image.getcolors(maxcolors=1 << 20)
        assert colours is not None
        assert all(r == g == b for _count, (r, g, b) in colours), "black, white and grey only"
        assert sum(count for count, (r, _g, _b) in colours if r < 128) > 500, "page has ink"


def test_shading_grows_with_how_often_and_how_strong(week) -> None:
    records, _ids = week
    summary = build_summary(records, default_selection(records), START, None, NOW)
    shades = region_shades(summary)
    stats = {s.region_id: s.count * s.mean_intensity for s in summary.body.regions}
    ordered = sorted(stats, key=stats.get)
    greys = [shades[r] for r in ordered]
    assert greys == sorted(greys, reverse=True)  # more felt -> darker (a lower grey value)
    assert len(set(shades.values())) > 1


def test_printable_drops_only_what_no_font_has() -> None:
    assert printable("tight 😀 chest") == "tight 😀 chest"  # DejaVu has a plain smiley
    assert printable("we 👩‍👩‍👧 went") == "we  went"  # without the emoji font
    assert printable("we 👩‍👩‍👧 went", emoji=True) == "we 👩‍👩‍👧 went"
    assert printable("a \U000e0001 tag \U0010fffd", emoji=True) == "a  tag "  # nothing has these
    assert printable("你好", cjk=False) == ""
    assert printable("tab\tand\nnewline") == "tab\tand\nnewline"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.text(max_size=300), min_size=1, max_size=4), st.text(max_size=40))
def test_any_text_renders(bringing: list[str], name: str) -> None:
    summary = build_summary([], Selection(), START, None, NOW)
    summary = replace(summary, bringing=bringing, name=name, empty_message=None)
    data = render_pdf(summary)
    text = squash(text_of(data))
    for item in bringing:
        ascii_words = re.findall(r"[A-Za-z0-9]{4,}", item)
        for word in ascii_words[:3]:
            assert word in text


def test_a_second_pdf_does_not_parse_the_fonts_again(week, monkeypatch: pytest.MonkeyPatch) -> None:
    """Fonts are parsed once per process; each later PDF reuses them (the CJK font took ~0.5 s)."""
    import fpdf.fpdf

    records, _ids = week
    summary = build_summary(records, default_selection(records), START, None, NOW)
    summary = replace(summary, bringing=["你好，我今天很累。", "한국어"])
    first = render_pdf(summary)  # parses (or already had) every bundled font
    parsed: list[str] = []

    class CountingFont(fpdf.fpdf.TTFFont):
        def __init__(self, *args, **kwargs) -> None:
            parsed.append(str(args[1]))
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(fpdf.fpdf, "TTFFont", CountingFont)
    second = render_pdf(summary)
    assert parsed == []
    assert text_of(second) == text_of(first)


def test_cached_fonts_embed_each_documents_own_glyphs(week) -> None:
    """Each PDF gets its own font subset: the glyphs of one never go missing from the next."""
    records, _ids = week
    summary = build_summary(records, default_selection(records), START, None, NOW)
    texts = {
        "first": ["你好，我今天很累。"],
        "second": ["日本語のテキスト", "한국어 **굵게**"],
        "third": ["早上好"],
    }
    for name, bringing in texts.items():
        data = render_pdf(replace(summary, bringing=bringing, entries=[("标题 title", "正文")]))
        text = squash(text_of(data))
        for line in bringing:
            assert squash(line) in text, (name, line)
        assert "标题" in text and "正文" in text  # bold CJK (an entry title) draws from the same font
        if name == "second":
            save_pages(data, "cjk")


def test_month_summary_wording_in_the_pdf(week) -> None:
    """The labelled sentences reach the paper (see test-output/pdf/week-page1.png)."""
    records, _ids = week
    text = squash(text_of(render_pdf(build_summary(records, default_selection(records), START, None, NOW))))
    assert squash("Stomach, twice, usually") in text
    assert squash("How strong it felt") in text
    assert "/10" not in text


def test_layout_follows_section_ids_not_headings(week, monkeypatch: pytest.MonkeyPatch) -> None:
    """Rewording a heading keeps its layout: the body map and the chart are chosen by section id."""
    from companion.export import summary_model

    records, _ids = week
    monkeypatch.setitem(summary_model.HEADINGS, "body", "Where I felt it")
    monkeypatch.setitem(summary_model.HEADINGS, "feelings", "What I felt")
    text = squash(text_of(render_pdf(build_summary(records, default_selection(records), START, None, NOW))))
    assert "WhereIfeltit" in text and "WhatIfelt" in text
    assert "Front" in text and "alittle" in text  # the body map's labels and legend
    assert squash("How strong it felt at each check-in, from 0 to 10, over time") in text  # the chart


# ------------------------------------------------------------------------- other languages
speaks = mini_vocabulary.speaks  # the fixture: German and Spanish words (shared module)


def _checkin_by_id() -> list[Record]:
    """A check-in as the app stores it: the feeling by its id, the need and body by theirs."""
    checkin = CheckIn(
        body=(BodyMark("chest", ("tight",), intensity=7),),
        feelings=(FeelingPick("disappointed", "strong"),),
        needs=("rest",),
    )
    return [Record("stored-by-id", CHECKIN, us(20), us(20), checkin.to_payload())]


ENGLISH_WORDS = ("What I'd like to bring", "What I noticed in my body", "Feelings", "Page 1 of", "Front view")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "de",
            (
                "Was ich mitbringen möchte",
                "Was ich in meinem Körper bemerkt habe",
                "enttäuscht",
                "Seite 1 von 1",
                "Vorderseite",
                "ein bisschen",
                "Von mir geschrieben",
            ),
        ),
        (
            "es",
            (
                "Lo que me gustaría llevar",
                "Lo que noté en mi cuerpo",
                "decepcionado",
                "Página 1 de 1",
                "De frente",
                "un poco",
                "Escrito por mí",
            ),
        ),
    ],
)
def test_the_pdf_speaks_the_sessions_language(speaks, language, expected):
    import asyncio

    records = _checkin_by_id()
    with speaks.use(language):
        summary = build_summary(records, default_selection(records), START, None, NOW, tz=UTC)
        # as the Summary screen renders it: in a worker thread, which copies the session's context
        data = asyncio.run(asyncio.to_thread(lambda: render_pdf(summary, tz=UTC)))
    text = squash(text_of(data))
    for words in expected:
        assert squash(words) in text, words
    for english in ENGLISH_WORDS:
        assert squash(english) not in text, english
