"""Kuza's date and number formats per interface language (settings.FORMAT_MODULE_PATH).

One date format per language, with the month in words, so no date is ambiguous (12/06/2026 is
June in one country and December in the next): the SHORT_ formats are the long ones, and times
use the 24-hour clock. Each language module sets the same names; numbers use the language's
own separators. Languages Django has no formats for (sw, ha, yo, am) get them here.
"""
