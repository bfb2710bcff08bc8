"""The gathered catalogue: every record file of every kind, loaded and validated
(`gather`), the marketplace's own settings (`config`), and the checks that look
across records (`checks/`)."""
