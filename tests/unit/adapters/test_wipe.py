"""Delete everything: the journal goes, and nothing outside Companion's own files is touched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from companion.adapters import wipe
from companion.adapters.paths import VAULT_FILENAME, vault_path
from companion.vault import crypto
from companion.vault.vault import Vault, vault_exists

FAST_KDF = crypto.KdfParams(memory_kib=19 * 1024, iterations=2, lanes=1)


@pytest.fixture
def own_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Point the platform's app-data folder into tmp_path, as on a normal install."""
    folder = tmp_path / "appdata" / "Companion"
    monkeypatch.setattr(wipe.platformdirs, "user_data_dir", lambda *_a, **_k: str(folder))
    monkeypatch.delenv("FLET_APP_STORAGE_DATA", raising=False)
    return folder


def make_journal(folder: Path) -> None:
    vault, _ = Vault.create(vault_path(folder), "a long enough passphrase", kdf=FAST_KDF)
    vault.add("journal", {"title": "private", "body": "words"})
    vault.lock()


def test_own_data_folder_goes_completely(own_dir: Path) -> None:
    make_journal(own_dir)
    (own_dir / "journal.sqlite-wal").write_bytes(b"wal")
    (own_dir / "demo").mkdir()
    make_journal(own_dir / "demo")
    (own_dir / "stray.txt").write_text("left by an older version")
    result = wipe.delete_everything(own_dir)
    assert not own_dir.exists()
    assert result.left == ()
    assert result.removed >= 5
    assert "Everything" in result.message
    assert own_dir.parent.exists()  # only the app's folder, never its parent


def test_demo_folder_inside_own_folder_counts_as_own(own_dir: Path) -> None:
    demo = own_dir / "demo"
    make_journal(demo)
    (demo / "notes.txt").write_text("x")
    assert wipe.is_own_data_dir(demo)
    wipe.delete_everything(demo)
    assert not demo.exists()
    assert own_dir.exists()


def test_chosen_folder_keeps_other_peoples_files(own_dir: Path, tmp_path: Path) -> None:
    """--data-dir can point at any folder: only Companion's own files may go."""
    chosen = tmp_path / "Documents"
    make_journal(chosen)
    for suffix in ("-wal", "-shm", "-journal"):
        (chosen / (VAULT_FILENAME + suffix)).write_bytes(b"x")
    (chosen / f".{VAULT_FILENAME}.abc.tmp").write_bytes(b"x")
    (chosen / "thesis.docx").write_text("precious")
    (chosen / "photos").mkdir()
    (chosen / "photos" / "cat.jpg").write_bytes(b"jpg")
    assert not wipe.is_own_data_dir(chosen)

    result = wipe.delete_everything(chosen)
    assert not vault_exists(vault_path(chosen))
    assert sorted(p.name for p in chosen.iterdir()) == ["photos", "thesis.docx"]
    assert (chosen / "photos" / "cat.jpg").read_bytes() == b"jpg"
    assert set(result.left) == {chosen / "photos", chosen / "thesis.docx"}
    assert "left where they are" in result.message


def test_chosen_folder_with_only_our_files_is_removed(tmp_path: Path, own_dir: Path) -> None:
    chosen = tmp_path / "journal-here"
    make_journal(chosen)
    make_journal(chosen / "demo")
    result = wipe.delete_everything(chosen)
    assert not chosen.exists()
    assert result.left == ()


def test_missing_folder_is_fine(tmp_path: Path) -> None:
    assert wipe.delete_everything(tmp_path / "never-made").removed == 0


def test_a_link_is_never_followed(tmp_path: Path, own_dir: Path) -> None:
    make_journal(own_dir)
    link = tmp_path / "link"
    link.symlink_to(own_dir, target_is_directory=True)
    with pytest.raises(OSError):
        wipe.delete_everything(link)
    assert vault_exists(vault_path(own_dir))


def test_a_linked_journal_file_is_left(tmp_path: Path, own_dir: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    make_journal(elsewhere)
    chosen = tmp_path / "chosen"
    chosen.mkdir()
    (chosen / VAULT_FILENAME).symlink_to(vault_path(elsewhere))
    wipe.delete_everything(chosen)
    assert vault_exists(vault_path(elsewhere))


def test_mobile_storage_counts_as_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, own_dir: Path) -> None:
    monkeypatch.setenv("FLET_APP_STORAGE_DATA", str(tmp_path / "app-storage"))
    folder = tmp_path / "app-storage" / "companion"
    make_journal(folder)
    assert wipe.is_own_data_dir(folder)
    wipe.delete_everything(folder)
    assert not folder.exists()
    assert (tmp_path / "app-storage").exists()


def test_env_override_is_not_own(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, own_dir: Path) -> None:
    """COMPANION_DATA_DIR is a person's choice, like --data-dir: careful mode."""
    monkeypatch.setenv("COMPANION_DATA_DIR", str(tmp_path / "mine"))
    assert not wipe.is_own_data_dir(tmp_path / "mine")


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_read_only_files_in_own_folder_go_too(own_dir: Path) -> None:
    make_journal(own_dir)
    stubborn = own_dir / "old" / "readonly.bin"
    stubborn.parent.mkdir()
    stubborn.write_bytes(b"x")
    stubborn.chmod(0o400)
    wipe.delete_everything(own_dir)
    assert not own_dir.exists()


def test_the_look_file_goes_with_the_journal(tmp_path: Path, own_dir: Path) -> None:
    from companion.adapters import appearance

    chosen = tmp_path / "journal-with-look"
    make_journal(chosen)
    appearance.save(chosen, appearance.Appearance(theme="dark"))
    wipe.delete_everything(chosen)
    assert not chosen.exists()
