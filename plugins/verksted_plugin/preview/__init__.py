"""What exists only to make `mkdocs serve` fast: dirty pages and search, the page memo."""
