"""The forms of the assessment pages, one module per group of pages (as ``views/``)."""
