"""Events other features can react to.

`mentorship_completed` is sent (sender=Mentorship, mentorship=the completed mentorship) inside
the transaction that completes it; connect with `dispatch_uid` and keep receivers quick.
"""

from django.dispatch import Signal

mentorship_completed = Signal()
