"""Run the official Open Badges validator (the `openbadges` package) on one badge.

A standalone script for the validator's own virtual environment (see validator_env.py): the
validator pins old libraries that Kuza's environment must not get. It prints the validator's
report as JSON.

There is no internet in tests, and the validator fetches the Open Badges JSON-LD context from
https://w3id.org/openbadges/v2. Every HTTP session the validator opens gets a transport adapter
for https://w3id.org/openbadges/ that answers with the copy of that context bundled inside the
openbadges package itself; every other URL (the badge under test) goes over the network as
usual.

    python run_validator.py URL [--email ADDRESS]
"""

from __future__ import annotations

import argparse
import json
import sys

import requests
from requests.adapters import BaseAdapter
from requests.structures import CaseInsensitiveDict

CONTEXT_PREFIX = "https://w3id.org/openbadges/"


class BundledContextAdapter(BaseAdapter):
    """Answers requests for the Open Badges contexts from the validator's bundled copy."""

    def __init__(self) -> None:
        super().__init__()
        from openbadges.verifier.openbadges_context import (
            OPENBADGES_CONTEXT_V2_DICT,
            OPENBADGES_CONTEXT_V2_URI,
        )

        self.documents = {OPENBADGES_CONTEXT_V2_URI: json.dumps(OPENBADGES_CONTEXT_V2_DICT)}

    def send(self, request, **kwargs):
        response = requests.Response()
        response.url = request.url
        response.request = request
        body = self.documents.get(request.url.rstrip("/"))
        response.status_code = 200 if body is not None else 404
        response._content = (body or "").encode("utf-8")
        response.headers = CaseInsensitiveDict({"Content-Type": "application/ld+json"})
        response.encoding = "utf-8"
        return response

    def close(self) -> None:
        pass


def install_bundled_contexts() -> None:
    original_init = requests.Session.__init__

    def init_with_contexts(self, *args, **kwargs):
        original_init(self, *args, **kwargs)
        self.mount(CONTEXT_PREFIX, BundledContextAdapter())

    requests.Session.__init__ = init_with_contexts


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("badge", help="assertion URL, or a path to a baked PNG/SVG with --file")
    parser.add_argument("--email", help="the recipient email the badge should match")
    parser.add_argument("--file", action="store_true", help="the badge is a baked image file")
    arguments = parser.parse_args(argv)

    install_bundled_contexts()
    from openbadges import verify

    profile = {"email": arguments.email} if arguments.email else None
    if arguments.file:
        with open(arguments.badge, "rb") as image:
            result = verify(image, recipient_profile=profile, use_cache=False)
    else:
        result = verify(arguments.badge, recipient_profile=profile, use_cache=False)
    json.dump(result, sys.stdout, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
