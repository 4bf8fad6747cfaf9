import hashlib
import io

import pytest

from localgbf.web.datasets.store import FileStore, UploadTooLarge


def test_the_same_bytes_are_stored_once_under_their_checksum(tmp_path):
    store = FileStore(tmp_path)
    data = b"land cover" * 1000
    first = store.put(io.BytesIO(data), "a.tif")
    second = store.put(io.BytesIO(data), "copy.TIF")
    assert first.sha256 == second.sha256 == hashlib.sha256(data).hexdigest()
    assert (first.created, second.created) == (True, False)
    assert first.path.read_bytes() == data
    assert first.path == tmp_path / first.sha256[:2] / f"{first.sha256}.tif"


def test_a_file_over_the_limit_leaves_nothing_behind(tmp_path):
    store = FileStore(tmp_path)
    with pytest.raises(UploadTooLarge, match="big.tif is larger than the limit of 1 MiB"):
        store.put(io.BytesIO(b"x" * (2 * 2**20)), "big.tif", max_bytes=2**20)
    leftovers = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert leftovers == []
