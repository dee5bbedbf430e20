"""Run one swap round now, e.g. from a scheduler: `kuza mentorship_swap_round`."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from kuza.mentorship import swapping
from kuza.mentorship.models import SwapRound


class Command(BaseCommand):
    help = "Plan exchanges among everyone waiting in the swap pool and notify them."

    def handle(self, *args, **options) -> None:
        swap_round = SwapRound.objects.create()
        try:
            swap_round = swapping.swap_round_run(round_id=swap_round.pk)
        except Exception:
            swapping.swap_round_fail(round_id=swap_round.pk)
            raise
        self.stdout.write(
            f"swap round {swap_round.pk}: {swap_round.people_served} of {swap_round.pool_size}"
            f" people served ({swap_round.method}, proven optimal: {swap_round.proven_optimal})"
        )
