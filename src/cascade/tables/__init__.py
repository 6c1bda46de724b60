"""Report tables: the LKjIP achievement table, the cascading matrix, the PK annex, budgets.

The tables planning offices put in their documents, as DataFrames with Indonesian headers
(English on request, ``language="en"``) and as formatted Excel sheets:

- :func:`lkjip_table`: an owner's achievement table for the LKjIP (Bab III, *capaian
  kinerja*): Sasaran | Indikator | Satuan | Target | Realisasi | Capaian (%) | Kategori;
- :func:`cascading_matrix`: the *matriks cascading* Bappeda and the OPD exchange, one row per
  path from a pemda goal down to a lowest goal, each kind of goal in its own columns with its
  indicators and owner;
- :func:`pk_annex`: the annex of an owner's *perjanjian kinerja*: Sasaran | Indikator |
  Target | Program / Kegiatan / Sub Kegiatan | Anggaran (Rp);
- :func:`budget_table`: pagu, realisasi anggaran, serapan and efisiensi per owner or goal;
- :func:`to_excel`: any of these (or any frame) to an xlsx workbook, one sheet each, with
  number formats and category colours.

Every header comes from one mapping (:data:`HEADERS`, in ``cascade.tables._headers``).
Numbers stay full-precision floats in the frames (Excel shows two decimals); a missing figure
is NaN, never 0. ``ids=True`` adds the id columns a join needs.

Vocabulary
----------
=====================  =================================  ====================================
English                Indonesian                         in the tables
=====================  =================================  ====================================
goal                   sasaran                            ``Sasaran`` / ``Goal``
indicator              indikator kinerja                  ``Indikator`` / ``Indicator``
unit of measure        satuan                             ``Satuan`` / ``Unit of measure``
target                 target                             ``Target`` (a range as ``80–90``)
realisation            realisasi                          ``Realisasi`` / ``Realisation``
achievement            capaian                            ``Capaian (%)`` / ``Achievement (%)``
category               kategori, predikat                 ``Kategori`` / ``Category``
owner                  unit kerja, penanggung jawab       ``Unit Kerja``, ``Penanggung Jawab``
performance agreement  perjanjian kinerja (PK)            :func:`pk_annex`
performance report     LKjIP                              :func:`lkjip_table`
cascading matrix       matriks cascading, pohon kinerja   :func:`cascading_matrix`
programme, activity    program, kegiatan, sub kegiatan    ``Program / Kegiatan / Sub Kegiatan``
budget allocated       pagu, anggaran                     ``Pagu (Rp)``, ``Anggaran (Rp)``
budget spent           realisasi anggaran                 ``Realisasi Anggaran (Rp)``
absorption             serapan anggaran                   ``Serapan (%)`` / ``Absorption (%)``
efficiency             efisiensi                          ``Efisiensi (%)`` / ``Efficiency (%)``
=====================  =================================  ====================================

>>> import cascade
>>> from cascade import tables
>>> results = cascade.propagate(cascade.load_example(), as_of="2024")
>>> tables.lkjip_table(results, "PEMKO", language="en").columns.tolist()
['Goal', 'Indicator', 'Unit of measure', 'Target', 'Realisation', 'Achievement (%)', 'Category']
"""

from __future__ import annotations

from cascade.tables._budget import budget_table
from cascade.tables._excel import CATEGORY_COLOURS, NUMBER_FORMATS, to_excel
from cascade.tables._headers import HEADERS, KIND_LABELS, LANGUAGES, Language, header
from cascade.tables._matrix import cascading_matrix
from cascade.tables._owner import lkjip_table, pk_annex

__all__ = [
    "CATEGORY_COLOURS",
    "HEADERS",
    "KIND_LABELS",
    "LANGUAGES",
    "NUMBER_FORMATS",
    "Language",
    "budget_table",
    "cascading_matrix",
    "header",
    "lkjip_table",
    "pk_annex",
    "to_excel",
]
