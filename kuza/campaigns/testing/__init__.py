"""Test harness for the campaigns app: real local MediaWiki wikis and a fault injector.

Needs Debian's `mediawiki` package and PHP (see `wikifarm.INSTALL_HINT`); nothing here
imports Django, so it also serves benchmarks and manual experiments.
"""

from kuza.campaigns.testing.faulty_proxy import Fault, FaultKind, FaultyProxy, ReceivedRequest
from kuza.campaigns.testing.ground_truth import TruthChange, TruthRevision, TruthUser
from kuza.campaigns.testing.wiki_session import (
    EditResult,
    UploadResult,
    WikiActionError,
    WikiSession,
    tiny_png,
)
from kuza.campaigns.testing.wikifarm import (
    INSTALL_HINT,
    LocalWiki,
    MediaWikiUnavailableError,
    WikiFarm,
    WikiSpec,
    WikiStartError,
    mediawiki_missing_reason,
)

__all__ = [
    "INSTALL_HINT",
    "EditResult",
    "Fault",
    "FaultKind",
    "FaultyProxy",
    "LocalWiki",
    "MediaWikiUnavailableError",
    "ReceivedRequest",
    "TruthChange",
    "TruthRevision",
    "TruthUser",
    "UploadResult",
    "WikiActionError",
    "WikiFarm",
    "WikiSession",
    "WikiSpec",
    "WikiStartError",
    "mediawiki_missing_reason",
    "tiny_png",
]
