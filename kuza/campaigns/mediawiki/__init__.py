"""MediaWiki Action API client for campaign syncs (no Django imports here).

Public entry point: `MediaWikiClient`; see `client.py` for the fetch methods and
`transport.py` for the retry and etiquette rules.
"""

from kuza.campaigns.mediawiki.client import (
    MAX_VALUES_PER_REQUEST,
    REMOVAL_LOG_TYPES,
    MediaWikiClient,
    normalize_username,
)
from kuza.campaigns.mediawiki.models import (
    ContributionsCursor,
    ContributionsPage,
    LogEvent,
    LogEventsCursor,
    LogEventsPage,
    RecentChange,
    RecentChangesCursor,
    RecentChangesPage,
    Revision,
    RevisionStub,
    UserInfo,
)
from kuza.campaigns.mediawiki.transport import (
    ApiError,
    ApiTransport,
    BadResponseError,
    MediaWikiError,
    RetriesExhaustedError,
    RetryPolicy,
    build_user_agent,
)

__all__ = [
    "MAX_VALUES_PER_REQUEST",
    "REMOVAL_LOG_TYPES",
    "ApiError",
    "ApiTransport",
    "BadResponseError",
    "ContributionsCursor",
    "ContributionsPage",
    "LogEvent",
    "LogEventsCursor",
    "LogEventsPage",
    "MediaWikiClient",
    "MediaWikiError",
    "RecentChange",
    "RecentChangesCursor",
    "RecentChangesPage",
    "RetriesExhaustedError",
    "RetryPolicy",
    "Revision",
    "RevisionStub",
    "UserInfo",
    "build_user_agent",
    "normalize_username",
]
