"""Shared test support, not tests: helpers and constants used by several test
modules (the repository root and the fixed day the example catalogue is checked
on, case folders, a fake GitHub, a Git repository, FHIR examples, the browser
harness, shipped diagnostics and helpers for parsing the built site)."""
