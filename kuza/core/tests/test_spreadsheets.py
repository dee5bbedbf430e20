import pytest

from kuza.core.spreadsheets import spreadsheet_safe


@pytest.mark.parametrize("text", ["=HYPERLINK(1)", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx"])
def test_text_that_would_run_as_a_formula_is_neutralised(text):
    assert spreadsheet_safe(text) == "'" + text


@pytest.mark.parametrize("value", ["Amina", "", "a=b", 42, -5, None])
def test_other_cells_are_kept(value):
    assert spreadsheet_safe(value) == value
