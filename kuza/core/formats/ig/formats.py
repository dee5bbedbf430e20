# See kuza/core/formats/__init__.py and latin_numbers.py.
from kuza.core.formats.latin_numbers import *  # noqa: F403
