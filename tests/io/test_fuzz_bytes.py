"""Bytes fuzzing of every reader: random bytes, truncation at any byte, and byte flips.

Whatever the bytes, ``read`` returns a Cascade or raises a CascadeError naming the file; if
it returns one, writing it in the same format and reading that back gives the same cascade.
"""

from __future__ import annotations

import functools
import io
import tempfile
import zipfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from tests.io._hostile import FUZZ, outcome, same_format_round_trip, tiny, zip_parts

from cascade import Cascade
from cascade.io import write
from cascade.schema import TABLE_NAMES


def fresh(tmp_path: Path) -> Path:
    """A new folder for one Hypothesis example."""
    return Path(tempfile.mkdtemp(dir=tmp_path))


def unzipped(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def stored(parts: dict[str, bytes]) -> bytes:
    """A zip archive of the parts, not compressed."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@functools.cache
def valid(kind: str) -> bytes:
    """The tiny cascade as the bytes of one file: ``xlsx``, ``stored`` (an uncompressed
    xlsx, so flips land in XML), ``json``, or ``<table>.csv`` of a CSV folder.
    """
    with tempfile.TemporaryDirectory() as folder:
        if kind == "xlsx":
            return write(tiny(), Path(folder) / "k.xlsx").read_bytes()
        if kind == "stored":
            return stored(unzipped(valid("xlsx")))
        if kind == "json":
            return write(tiny(), Path(folder) / "k.json").read_bytes()
        return (write(tiny(), Path(folder) / "k") / kind).read_bytes()


def check(folder: Path, name: str, data: bytes) -> None:
    """Write ``data`` as ``name`` in ``folder`` (beside the valid CSV tables when it is
    one of them), read it, and hold the contract.
    """
    if name.endswith(".csv"):
        path, suffix = folder / "kota", ""
        path.mkdir()
        for table in TABLE_NAMES:
            (path / f"{table}.csv").write_bytes(valid(f"{table}.csv"))
        (path / name).write_bytes(data)
    else:
        path = folder / name
        path.write_bytes(data)
        suffix = path.suffix
    result = outcome(path)
    if isinstance(result, Cascade):
        same_format_round_trip(result, folder, suffix)


FILES = st.sampled_from(["kota.xlsx", "kota.json", *(f"{t}.csv" for t in TABLE_NAMES)])


@settings(FUZZ, max_examples=80)
@given(data=st.binary(max_size=3000), name=FILES)
def test_random_bytes(data: bytes, name: str, tmp_path: Path) -> None:
    check(fresh(tmp_path), name, data)


@FUZZ
@given(
    data=st.one_of(
        st.binary(max_size=2000).map(lambda b: b"PK\x03\x04" + b),
        st.binary(max_size=2000).map(lambda b: zip_parts({"xl/workbook.xml": b})),
        st.binary(max_size=600).map(
            lambda b: zip_parts({"[Content_Types].xml": b, "xl/worksheets/sheet1.xml": b})
        ),
    )
)
def test_random_bytes_that_look_like_a_zip(data: bytes, tmp_path: Path) -> None:
    check(fresh(tmp_path), "kota.xlsx", data)


@FUZZ
@given(
    text=st.text(max_size=300).map(lambda t: '{"units": [{"unit_id": ' + t),
)
def test_random_text_that_starts_like_json(text: str, tmp_path: Path) -> None:
    check(fresh(tmp_path), "kota.json", text.encode("utf-8", "surrogatepass"))


#: A byte flip: where (a fraction of the length) and which bits.
FLIP = st.tuples(st.floats(0, 1, exclude_max=True), st.integers(1, 255))
KINDS = st.sampled_from(["xlsx", "stored", "json", "units.csv", "targets.csv"])


def _name(kind: str) -> str:
    return {"xlsx": "kota.xlsx", "stored": "kota.xlsx", "json": "kota.json"}.get(kind, kind)


@settings(FUZZ, max_examples=50)
@given(kind=KINDS, cut=st.floats(0, 1, exclude_max=True))
def test_truncated_at_any_byte(kind: str, cut: float, tmp_path: Path) -> None:
    data = valid(kind)
    check(fresh(tmp_path), _name(kind), data[: int(cut * len(data))])


@settings(FUZZ, max_examples=50)
@given(
    kind=KINDS,
    flips=st.lists(FLIP, min_size=1, max_size=6),
)
def test_bytes_flipped(kind: str, flips: list[tuple[float, int]], tmp_path: Path) -> None:
    data = bytearray(valid(kind))
    for where, mask in flips:
        data[int(where * len(data))] ^= mask
    check(fresh(tmp_path), _name(kind), bytes(data))


@settings(FUZZ, max_examples=40)
@given(
    part=st.sampled_from(
        [
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet4.xml",
            "xl/workbook.xml",
            "xl/styles.xml",
        ]
    ),
    flips=st.lists(FLIP, min_size=1, max_size=4),
)
def test_bytes_flipped_inside_a_part(
    part: str, flips: list[tuple[float, int]], tmp_path: Path
) -> None:
    # the archive stays valid (checksums match): the flips reach the XML parsers
    parts = unzipped(valid("xlsx"))
    xml = bytearray(parts[part])
    for where, mask in flips:
        xml[int(where * len(xml))] ^= mask
    parts[part] = bytes(xml)
    check(fresh(tmp_path), "kota.xlsx", zip_parts(parts))
