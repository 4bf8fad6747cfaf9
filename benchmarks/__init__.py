"""Speed and memory targets of localgbf, run by `make bench` (never by the test suite)."""
