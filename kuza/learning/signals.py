"""Signals other features connect to (e.g. credentials awards a badge on completion).

    from kuza.learning.signals import course_completed

    @receiver(course_completed)
    def award(sender, enrolment, **kwargs): ...

Both are sent once per enrolment, after the transaction that completed it commits, by
`kuza.learning.services.course_complete`.
"""

from django.dispatch import Signal

# sender: Enrolment; keyword arguments: enrolment
course_completed = Signal()
# sender: Enrolment; keyword arguments: enrolment, cohort (sent after course_completed)
cohort_completed = Signal()
