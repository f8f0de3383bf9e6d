"""Symbolic links under an input folder: which are followed, and why the others are not.

A link whose target stays inside the input folder is read like the file it points at (the
walk never descends into a linked folder, so a loop of folders cannot trap it). A link
that leaves the input folder, points at itself in a loop, or points at nothing is not
followed: its ``documents`` row says so, and nothing outside the inputs is ever opened.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

NOT_FOLLOWED = "skipped"  # documents.status of a link that is not followed


def link_problem(path: Path, root: Path) -> str | None:
    """Why the link ``path`` (under the input folder ``root``) is not followed; None when
    ``path`` is no link or a link that stays inside ``root``."""
    if not path.is_symlink():
        return None
    try:
        os.stat(path)  # follows the link
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop (the link leads back to itself): not followed"
        return "broken symbolic link (its target does not exist): not followed"
    target = Path(os.path.realpath(path))
    inside = Path(os.path.realpath(root))
    if target != inside and inside not in target.parents:
        return "symbolic link to a path outside the input folder: not followed"
    return None


def is_linked_folder(path: Path) -> bool:
    """A link to a folder (the walk lists it, never enters it)."""
    return path.is_symlink() and path.is_dir()
