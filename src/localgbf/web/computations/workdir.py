"""A job's private folder: uploaded files linked under the names officers gave them.

Uploaded files live in the content-addressed store under their checksum. A job links each one
into a private folder under the name it was uploaded with, so that provenance and every error
message name the file as the officer knows it; `without_folder` takes the folder out of
messages again.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

SAFE_NAME = re.compile(r"[^\w.\-]+")


def link_file(source: Path, folder: Path, filename: str, role: str) -> Path:
    """`source` made visible as `folder/<role>/<filename>` (a link; a copy where links fail)."""
    name = SAFE_NAME.sub("_", Path(filename).name).strip("._") or role
    target = folder / role / name
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.symlink(source, target)
    except OSError:
        shutil.copyfile(source, target)
    return target


def without_folder(message: str, folder: Path) -> str:
    """An error message with the job's private folder taken out of the paths it names."""
    for prefix in {str(folder), str(folder.resolve())}:
        message = re.sub(re.escape(prefix) + r"/[^/\s:,]+/", "", message)
        message = message.replace(prefix + "/", "")
    return message
