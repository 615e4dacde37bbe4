"""The portal: views over the records (series, themes, participation, deadlines, drafts)."""
