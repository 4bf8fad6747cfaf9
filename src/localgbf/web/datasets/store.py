"""A content-addressed file store: a file is kept once, under the SHA-256 of its bytes.

Layout: `<root>/<first two hex digits>/<sha256><.ext>`. Writing goes to a temporary file in the
same file system and is renamed into place only when complete, so a crash or a failed upload
never leaves a half-written file under a real name.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20


@dataclass(frozen=True)
class StoredFile:
    sha256: str
    size: int
    path: Path
    created: bool


class UploadTooLarge(ValueError):
    pass


def _suffix(filename: str) -> str:
    name = filename.lower()
    for double in (".tar.gz", ".shp.zip"):
        if name.endswith(double):
            return double
    suffix = Path(name).suffix
    return suffix if suffix.isascii() and suffix[1:].isalnum() and len(suffix) <= 8 else ""


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str, filename: str = "") -> Path:
        return self.root / sha256[:2] / f"{sha256}{_suffix(filename)}"

    def put(self, source: BinaryIO, filename: str, max_bytes: int | None = None) -> StoredFile:
        """Copy `source` into the store; the same bytes are stored once."""
        (self.root / "tmp").mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        fd, tmp_name = tempfile.mkstemp(dir=self.root / "tmp")
        try:
            with os.fdopen(fd, "wb") as out:
                while chunk := source.read(CHUNK):
                    size += len(chunk)
                    if max_bytes is not None and size > max_bytes:
                        raise UploadTooLarge(
                            f"{filename} is larger than the limit of {max_bytes // 2**20} MiB"
                        )
                    digest.update(chunk)
                    out.write(chunk)
            target = self.path_for(digest.hexdigest(), filename)
            if target.exists():
                os.unlink(tmp_name)
                return StoredFile(digest.hexdigest(), size, target, created=False)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp_name, target)
            return StoredFile(digest.hexdigest(), size, target, created=True)
        except BaseException:
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
            raise
