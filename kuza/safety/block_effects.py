"""What a new block does in other features: they register an effect from integrations.py.

A block hides two people from each other everywhere from then on (`selectors.blocked_user_ids`);
an effect ends what already links them, e.g. mentorship ends an open mentorship between them
and withdraws swap proposals that include both:

    from kuza.safety import block_effects
    block_effects.register("mentorship", end_mentorships_on_block)

Each effect is called as `effect(blocker=..., blocked=...)` inside the block's transaction
(so a failing effect leaves no half-applied block) and must be idempotent. Effects should
look, to the blocked person, like the blocker ending things themself: a block is never
announced.
"""

from __future__ import annotations

from collections.abc import Callable

BlockEffect = Callable[..., None]

_effects: dict[str, BlockEffect] = {}


def register(key: str, effect: BlockEffect) -> None:
    _effects[key] = effect


def unregister(key: str) -> None:
    _effects.pop(key, None)


def run(*, blocker, blocked) -> None:
    for key in sorted(_effects):
        _effects[key](blocker=blocker, blocked=blocked)
