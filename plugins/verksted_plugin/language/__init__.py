"""Words and dates in nb, nn and en: the catalogue, the labels, Norwegian date formats."""
