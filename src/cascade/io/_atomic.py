"""Write files so that a failure never leaves half a file behind.

Vocabulary
----------
temporary file (berkas sementara)
    A hidden file beside the target (``.kota.xlsx.k3j2.tmp``) that the writer fills; it is
    renamed onto the target only when the whole file is written, and removed on any failure.
commit
    The rename(s) that put the new file(s) in place. One rename is atomic: a reader sees the
    old file or the new one, never a mix. :func:`atomic_paths` commits several files (the
    tables of a CSV folder) and undoes the renames already made if a later one fails, so the
    folder ends all old or all new.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import IO

__all__ = ["atomic_path", "atomic_paths", "atomic_text"]


def _temporary(target: Path, suffix: str = ".tmp") -> Path:
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    os.close(fd)
    return Path(name)


@contextlib.contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; rename it into place if the block succeeds.

    On an exception the temporary file is removed and ``target`` is untouched. The file gets
    the permissions a plainly created file would (``0o666`` less the umask, or the mode of the
    file it replaces), not the owner-only mode of a temporary file.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_path(folder / "a.txt") as tmp:
    ...     _ = tmp.write_text("complete")
    >>> (folder / "a.txt").read_text(), len(list(folder.iterdir()))
    ('complete', 1)
    """
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(target)
    try:
        yield tmp
        os.chmod(tmp, _mode(target))
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextlib.contextmanager
def atomic_paths(targets: Sequence[Path]) -> Iterator[list[Path]]:
    """Yield a temporary path beside each target; if the block succeeds, commit them all.

    Every file is written before any target is replaced, so a failure while writing leaves
    every target as it was and removes every temporary file. The renames then come one after
    another; should one fail (a target that is a folder, a full directory table), the ones
    already made are undone from hard links (or copies) of the old files kept until the end.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> (folder / "a.csv").write_text("old")
    3
    >>> try:
    ...     with atomic_paths([folder / "a.csv", folder / "b.csv"]) as (a, b):
    ...         _ = a.write_text("new")
    ...         raise OSError("disk full")
    ... except OSError:
    ...     pass
    >>> (folder / "a.csv").read_text(), sorted(p.name for p in folder.iterdir())
    ('old', ['a.csv'])
    """
    temporaries: list[Path] = []
    try:
        for target in targets:
            target.parent.mkdir(parents=True, exist_ok=True)
            temporaries.append(_temporary(target))
        yield list(temporaries)
        _commit(list(zip(temporaries, targets, strict=True)))
    finally:
        for tmp in temporaries:
            tmp.unlink(missing_ok=True)


def _commit(pairs: list[tuple[Path, Path]]) -> None:
    """Rename each temporary file onto its target; on a failure put the old files back."""
    done: list[tuple[Path, Path | None]] = []
    kept: list[Path] = []
    try:
        for tmp, target in pairs:
            os.chmod(tmp, _mode(target))
            backup = _keep(target)
            if backup is not None:
                kept.append(backup)
            os.replace(tmp, target)
            done.append((target, backup))
    except BaseException:
        for target, backup in reversed(done):
            with contextlib.suppress(OSError):
                if backup is None:
                    target.unlink()
                else:
                    os.replace(backup, target)
        raise
    finally:
        for backup in kept:
            backup.unlink(missing_ok=True)


def _keep(target: Path) -> Path | None:
    """A second name for the current ``target`` file (a hard link, else a copy), or None."""
    if not target.is_file():
        return None
    backup = target.parent / f".{target.name}.{secrets.token_hex(4)}.old"
    try:
        os.link(target, backup)
    except OSError:  # a file system without hard links
        shutil.copy2(target, backup)
    return backup


def _mode(target: Path) -> int:
    """The permission bits ``target`` should have: its current ones, else 0o666 & ~umask."""
    try:
        return target.stat().st_mode & 0o777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


@contextlib.contextmanager
def atomic_text(target: Path, *, newline: str | None = None) -> Iterator[IO[str]]:
    """Open a temporary UTF-8 text file beside ``target``; rename it into place on success."""
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline=newline) as handle:
        yield handle
