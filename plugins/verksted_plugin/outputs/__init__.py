"""Calendars, feeds, structured data and open data: the portal's records for other programs.

Plain Python over the portal's views: nothing here knows about MkDocs, so every output can
be produced and parsed in a test. `site.py` adds the results to the built site.
"""
