"""Browser (end-to-end) tests; a package so helpers import as `.harness`."""
