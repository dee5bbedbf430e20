# See kuza/core/formats/__init__.py: one unambiguous date format, 24-hour times.
DATE_FORMAT = "j \\d\\e F \\d\\e Y"
SHORT_DATE_FORMAT = DATE_FORMAT
DATETIME_FORMAT = "j \\d\\e F \\d\\e Y, H:i"
SHORT_DATETIME_FORMAT = DATETIME_FORMAT
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j F"
YEAR_MONTH_FORMAT = "F Y"
DECIMAL_SEPARATOR = ","
THOUSAND_SEPARATOR = "."
NUMBER_GROUPING = 3
