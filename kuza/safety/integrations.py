"""What the safety app contributes to the site's shared mechanisms (see kuza/core/home.py)."""

from kuza.core import home
from kuza.safety import selectors

home.register(home.WAITING, "safety.new-reports", selectors.home_new_reports)
