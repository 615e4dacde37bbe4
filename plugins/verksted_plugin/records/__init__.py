"""Records in: reading YAML and front matter, the model, validation, problems and messages."""
