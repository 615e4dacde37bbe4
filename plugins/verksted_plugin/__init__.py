"""verksted: publish Norwegian municipal plan-process portals with MkDocs."""

__version__ = "0.1.0"
