"""The steering committee's dashboards: what the figures are and how they are computed.

Each module computes one view of the district from the database in a fixed
number of aggregate queries (never a Python loop over wards or scores that
queries), returns plain dataclasses the pages, the exports, the charts and the
annual report all read, and is cached through ``engines.figures_cache``.
"""
