"""Small OLX exports written into a test's tmp_path: one file per rule under test."""

from __future__ import annotations

import textwrap
from pathlib import Path

COURSE_XML = '<course url_name="run1" org="KuzaOrg" course="K101"/>'


def write_export(root: Path, files: dict[str, str]) -> Path:
    """Write {relative path: XML or HTML text} under root and return root."""
    for relative, text in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    return root


def one_vertical_export(
    root: Path, vertical_children: str, files: dict[str, str] | None = None
) -> Path:
    """A course with one chapter, one sequential and one vertical holding the given XML."""
    return write_export(
        root,
        {
            "course.xml": COURSE_XML,
            "course/run1.xml": f"""
                <course display_name="Test course">
                  <chapter url_name="ch1" display_name="Chapter one">
                    <sequential url_name="seq1" display_name="Lesson one">
                      <vertical url_name="unit1" display_name="Unit one">
                        {vertical_children}
                      </vertical>
                    </sequential>
                  </chapter>
                </course>
            """,
            **(files or {}),
        },
    )
