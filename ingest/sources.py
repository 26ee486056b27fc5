"""Where documents come from: files, folders and zip archives, read one unit at a time.

A zip is never loaded whole: members are opened one by one, and refused (reported, the rest
going on) when their name could escape a folder, when they are archives themselves, when they
are larger than a bound or compress suspiciously well (a zip bomb).
"""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ingest.office_text import is_office_file

MAX_ARCHIVE_MEMBERS = 2_000_000  # the ClinicalTrials.gov bulk download holds about 550,000
MAX_MEMBER_BYTES = 256 * 1024 * 1024
MAX_COMPRESSION_RATIO = 200  # text compresses 5-20x; a bomb, thousands of times
ZIP_SIGNATURES = (b"PK\x03\x04", b"PK\x05\x06")


@dataclass
class Unit:
    """One file, or one member of an archive."""

    name: str
    open: Callable[[], BinaryIO]
    size: int
    error: str = ""


class SourceError(Exception):
    pass


def iter_files(paths: list[str]) -> Iterator[Path]:
    """Files named, and files inside folders named (recursively, sorted, hidden ones skipped)."""
    for name in paths:
        path = Path(name)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                relative = child.relative_to(path)
                if child.is_file() and not any(part.startswith(".") for part in relative.parts):
                    yield child
        elif path.is_file():
            yield path
        else:
            raise SourceError(f"{name}: no such file or folder")


def _is_zip(path: Path) -> bool:
    """An archive of documents: a zip that is no office file (a Word document is a zip too, and one
    document: ingest/office_text.py reads it)."""
    with path.open("rb") as handle:
        if handle.read(4) not in ZIP_SIGNATURES:
            return False
    try:
        with zipfile.ZipFile(path) as archive:
            return not is_office_file(archive.namelist())
    except (zipfile.BadZipFile, ValueError):
        return True  # a damaged archive: reported as one


def iter_units(paths: list[str]) -> Iterator[Unit]:
    for path in iter_files(paths):
        try:
            is_zip = _is_zip(path)
        except OSError as exc:
            yield Unit(str(path), lambda: None, 0, f"cannot read the file ({exc.strerror})")
            continue
        if is_zip:
            yield from _zip_units(path)
        else:
            yield Unit(str(path), lambda path=path: path.open("rb"), path.stat().st_size)


def _member_problem(info: zipfile.ZipInfo) -> str:
    name = info.filename
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if name.startswith(("/", "\\")) or ".." in parts or "\x00" in name or (len(name) > 1 and name[1] == ":"):
        return "unsafe member name (it points outside the archive); member not read"
    if info.file_size > MAX_MEMBER_BYTES:
        return f"member too large ({info.file_size:,} bytes uncompressed; the limit is {MAX_MEMBER_BYTES:,})"
    if info.file_size > 1024 * 1024 and info.file_size > MAX_COMPRESSION_RATIO * max(info.compress_size, 1):
        return "member compresses more than any document does: refused as a possible zip bomb"
    if name.lower().endswith((".zip", ".gz", ".tar", ".7z", ".rar")):
        return "nested archives are not read; unpack it first"
    return ""


def _zip_units(path: Path) -> Iterator[Unit]:
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        yield Unit(str(path), lambda: path.open("rb"), path.stat().st_size, f"not a readable zip archive ({exc})")
        return
    with archive:
        count = 0
        for info in archive.infolist():
            if info.is_dir():
                continue
            count += 1
            name = f"{path}/{info.filename}"
            if count > MAX_ARCHIVE_MEMBERS:
                yield Unit(str(path), lambda: None, 0, f"more than {MAX_ARCHIVE_MEMBERS:,} members; the rest not read")
                return
            problem = _member_problem(info)
            if problem:
                # Refused, never extracted: quarantine keeps a bounded prefix of its bytes, read in memory.
                yield Unit(name, lambda info=info: archive.open(info), info.file_size, problem)
                continue
            yield Unit(name, lambda info=info: archive.open(info), info.file_size)
