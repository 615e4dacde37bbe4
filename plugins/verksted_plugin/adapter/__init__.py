"""The MkDocs adapter: the plugin's events, the glue to MkDocs' files and config."""
