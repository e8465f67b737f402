"""Expressions shared by normalizers that clean registry free text."""

from __future__ import annotations

import polars as pl

# CommonMark lets any ASCII punctuation be backslash-escaped, and the registry's markdown
# does so ("\<", "\>=", "\*", "1\."). Text columns are stored with those escapes undone.
MARKDOWN_ESCAPE = r"\\([!-/:-@\[-`{-~])"


def unescape(expr: pl.Expr) -> pl.Expr:
    """Undo markdown backslash escapes in a string expression (nulls stay null)."""
    return expr.str.replace_all(MARKDOWN_ESCAPE, "$1")
