"""Shortcuts into Material's and MkDocs' internals, behind the `speedups` switch."""
