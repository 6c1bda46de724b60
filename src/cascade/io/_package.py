"""Safety checks on an xlsx package before any of its XML is parsed.

Vocabulary
----------
package (paket)
    An xlsx file is a zip archive of parts: XML documents (``xl/workbook.xml``, one
    ``xl/worksheets/sheetN.xml`` per sheet, ``xl/sharedStrings.xml``, relationship files
    ``*.rels``) and sometimes pictures.
zip bomb
    An archive whose parts inflate to far more than any real workbook holds (gigabytes from
    a few megabytes), to exhaust memory or time. The sizes each part declares bound what
    inflating it can produce (a part that inflates to more fails its checksum), so they are
    checked before anything is read.
DOCTYPE
    A document type declaration, ``<!DOCTYPE ...>``: the only place XML entities can be
    declared, which is what entity-expansion ("billion laughs") and external-entity attacks
    need. Excel never writes one, so a part that has one is refused outright.

The checks (:func:`check_package`) refuse, with a :class:`~cascade.errors.FileFormatError`:

- more than :data:`MAX_PARTS` parts;
- a part that inflates to more than :data:`MAX_PART_BYTES`, or all parts together to more
  than :data:`MAX_TOTAL_BYTES`; the parts openpyxl parses whole (the manifest, the
  relationships, the workbook part and the styles) to more than :data:`MAX_METADATA_BYTES`;
- a part larger than :data:`RATIO_FLOOR` bytes that inflates more than :data:`MAX_RATIO`
  times (worksheets of real workbooks, even a million formatted blank rows, stay near 10:1);
- an XML part with a DOCTYPE. Only the prolog of each part (what comes before its first
  element) is read for this, so the check costs little even for a large workbook.

openpyxl also parses through ``defusedxml``, which refuses entity declarations, unless the
environment variable ``OPENPYXL_DEFUSEDXML`` turns it off; these checks do not depend on it.
"""

from __future__ import annotations

import zipfile
from xml.parsers import expat

__all__ = [
    "MAX_METADATA_BYTES",
    "MAX_PARTS",
    "MAX_PART_BYTES",
    "MAX_RATIO",
    "MAX_TOTAL_BYTES",
    "RATIO_FLOOR",
    "PackageError",
    "check_package",
]

#: The most parts an xlsx package may have.
MAX_PARTS = 10_000
#: The most bytes one part may inflate to (a million-row sheet of real data is ~500 MB).
MAX_PART_BYTES = 1 << 30
#: The most bytes all parts together may inflate to.
MAX_TOTAL_BYTES = 2 << 30
#: The most bytes a part openpyxl parses whole may inflate to (real ones are kilobytes).
MAX_METADATA_BYTES = 64 << 20
#: The largest compression ratio of a part bigger than :data:`RATIO_FLOOR`.
MAX_RATIO = 200
#: Parts up to this many bytes may have any ratio (a small part of spaces compresses well).
RATIO_FLOOR = 1 << 20

_XML_SUFFIXES = (".xml", ".rels", ".vml")
_CHUNK = 1 << 16


class PackageError(Exception):
    """The package is refused; the message says why, in plain words."""


class _PrologEndError(Exception):
    """Raised from expat handlers: the prolog is over (``doctype`` says whether it had one)."""

    def __init__(self, *, doctype: bool) -> None:
        super().__init__()
        self.doctype = doctype


def check_package(archive: zipfile.ZipFile) -> None:
    """Refuse a package that is too large, a zip bomb, or has an XML part with a DOCTYPE.

    Raises
    ------
    PackageError
        Saying which part and why.

    Examples
    --------
    >>> import io, zipfile
    >>> buffer = io.BytesIO()
    >>> with zipfile.ZipFile(buffer, "w") as z:
    ...     z.writestr("xl/workbook.xml", '<!DOCTYPE x [<!ENTITY a "b">]><workbook/>')
    >>> check_package(zipfile.ZipFile(buffer))
    Traceback (most recent call last):
    ...
    cascade.io._package.PackageError: part xl/workbook.xml has a DOCTYPE (XML entity \
declarations), which no workbook written by a spreadsheet has
    """
    parts = archive.infolist()
    if len(parts) > MAX_PARTS:
        msg = f"it has {len(parts)} parts, more than the {MAX_PARTS} an xlsx file may have"
        raise PackageError(msg)
    total = 0
    for part in parts:
        size = part.file_size
        total += size
        if size > MAX_PART_BYTES:
            msg = (
                f"part {part.filename} would inflate to {size:,} bytes, more than "
                f"{MAX_PART_BYTES:,}: too large to read (or a zip bomb)"
            )
            raise PackageError(msg)
        if size > MAX_METADATA_BYTES and _is_metadata(part.filename):
            msg = (
                f"part {part.filename} would inflate to {size:,} bytes, more than the "
                f"{MAX_METADATA_BYTES:,} such a part ever needs"
            )
            raise PackageError(msg)
        if size > RATIO_FLOOR and size > MAX_RATIO * max(part.compress_size, 1):
            msg = (
                f"part {part.filename} would inflate {size // max(part.compress_size, 1)} "
                f"times (to {size:,} bytes), more than any workbook: a zip bomb"
            )
            raise PackageError(msg)
    if total > MAX_TOTAL_BYTES:
        msg = f"its parts would inflate to {total:,} bytes, more than {MAX_TOTAL_BYTES:,}"
        raise PackageError(msg)
    for part in parts:
        if part.filename.lower().endswith(_XML_SUFFIXES) and _has_doctype(archive, part):
            msg = (
                f"part {part.filename} has a DOCTYPE (XML entity declarations), which no "
                "workbook written by a spreadsheet has"
            )
            raise PackageError(msg)


def _is_metadata(name: str) -> bool:
    """Whether openpyxl parses the part whole, with a slow pure-Python parser."""
    lower = name.lower()
    return lower.endswith(".rels") or lower in _METADATA


_METADATA = {"[content_types].xml", "xl/workbook.xml", "xl/styles.xml"}


def _has_doctype(archive: zipfile.ZipFile, part: zipfile.ZipInfo) -> bool:
    """Whether the prolog of an XML part declares a document type (reads only the prolog)."""
    parser = expat.ParserCreate()

    def doctype(*_: object) -> None:
        raise _PrologEndError(doctype=True)

    def element(*_: object) -> None:
        raise _PrologEndError(doctype=False)

    parser.StartDoctypeDeclHandler = doctype
    parser.EntityDeclHandler = doctype
    parser.StartElementHandler = element
    with archive.open(part) as stream:
        try:
            while chunk := stream.read(_CHUNK):
                parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except _PrologEndError as end:
            return end.doctype
        except expat.ExpatError:
            return False  # not XML: whoever reads the part says so
    return False
