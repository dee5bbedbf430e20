"""Background work of mentorship: a task takes ids and calls a service."""

from __future__ import annotations

from django_tasks import task

from kuza.mentorship import swapping


@task()
def run_swap_round(round_id: int) -> dict:
    """Plan one swap round (queued by `swapping.swap_round_start`); returns its figures."""
    try:
        swap_round = swapping.swap_round_run(round_id=round_id)
    except Exception:
        swapping.swap_round_fail(round_id=round_id)
        raise
    return {
        "round": swap_round.pk,
        "status": swap_round.status,
        "pool_size": swap_round.pool_size,
        "people_served": swap_round.people_served,
        "method": swap_round.method,
        "proven_optimal": swap_round.proven_optimal,
    }
