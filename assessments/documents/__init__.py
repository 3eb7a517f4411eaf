"""Official documents of the five-step procedure as PDF (WeasyPrint) and DOCX, in the Decree 30 format.

- ``render``: the PDF engine (one font configuration and stylesheet per process,
  static-only URL fetcher) and the text helpers (``vn_date_line``, ``vn_number``).
- ``numbering``: the register of document numbers.
- ``registry``: the table of document kinds and ``render_document(key, obj)``.
- ``ward_side``: context builders of the ward's four documents.
- ``docx``: the DOCX export.
"""
