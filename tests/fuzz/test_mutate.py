"""The mutation strategies themselves: edits may grow an input, but never past the cap."""

from hypothesis import find, settings
from hypothesis.errors import NoSuchExample

from . import mutate


def test_compounded_edits_never_grow_an_input_past_the_cap(monkeypatch):
    monkeypatch.setattr(mutate, "MAX_MUTATED_BYTES", 50_000)
    seed = b"\n".join([b"x" * 100] * 17)  # 1.7 KB: two edits repeating its lines reach 4 MB
    try:
        found = find(
            mutate.mutated(seed, text=True),
            lambda data: len(data) > 50_000,
            settings=settings(max_examples=3000, database=None, derandomize=True),
        )
    except NoSuchExample:
        return
    raise AssertionError(f"an input of {len(found):,} bytes was generated")
