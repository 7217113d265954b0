"""The main job, end to end: give Devin a CSV, follow it working, get a typed answer back.

1. upload ``data/sales.csv``;
2. start a session whose prompt attaches it (an ``ATTACHMENT:"url"`` line), in ``fast`` mode,
   and follow it live (``sessions.follow``): each message as it arrives, each status change;
3. on the mock, show the file Devin received, as the mock recorded it (name, size, sha256),
   and check it is the file uploaded;
4. download the attachment back and check it is byte for byte what was uploaded;
5. ask for the revenue as a typed value: ``sessions.run(output_type=Revenue)`` derives the
   JSON Schema from the dataclass, waits, and returns a ``Revenue``.

Configuration comes from the environment: ``DEVIN_API_KEY`` (required) and ``DEVIN_BASE_URL``
(default: the real API); ``QUICKSTART_MOCK_ADMIN`` (the mock's ``/_mock`` URL, set by
``make demo``) enables step 3. ``make demo`` runs this against the bundled mock; with your own
key and no ``DEVIN_BASE_URL`` it starts two real (billed) Devin sessions.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import httpx
from devin_client import Devin, DevinError, MessageEvent, StatusEvent

CSV = Path(__file__).parent / "data" / "sales.csv"
PROMPT = "Compute the revenue (units * unit_price) per region and in total from the attached CSV."


@dataclass
class RegionRevenue:
    region: str
    revenue: float


@dataclass
class Revenue:
    """The answer we want back; ``sessions.run`` sends its JSON Schema and checks the output."""

    total_revenue: float
    revenue_by_region: list[RegionRevenue]


# Devin's docs recommend polling every 10-30 s; the demo's mock settles in a few polls.
POLL_INTERVAL = float(os.environ.get("QUICKSTART_POLL_INTERVAL", "10"))
WAIT_TIMEOUT = 30 * 60.0
MOCK_ADMIN = os.environ.get("QUICKSTART_MOCK_ADMIN")


def show_received(session_id: str) -> bool:
    """Print the files the mock recorded the session as receiving; whether ours is there."""
    assert MOCK_ADMIN is not None
    received = httpx.get(f"{MOCK_ADMIN}/sessions/{session_id}/attachments").json()
    ours = hashlib.sha256(CSV.read_bytes()).hexdigest()
    for file in received:
        same = "the file uploaded" if file["sha256"] == ours else "NOT the file uploaded"
        print(f"Devin received {file['name']}: {file['size']} bytes, sha256 {file['sha256'][:16]}"
              f"... ({same})")  # fmt: skip
    return any(file["sha256"] == ours for file in received)


def main() -> int:
    """Run the example; return the process exit status."""
    with Devin() as client:  # DEVIN_API_KEY, DEVIN_BASE_URL
        url = client.attachments.upload(CSV)
        print(f"uploaded {CSV.name}: {url}")

        created = client.sessions.create(
            PROMPT,
            attachments=[url],  # appended to the prompt as ATTACHMENT:"<url>"
            devin_mode="fast",
            title="quickstart: revenue per region",
            tags=["quickstart"],
        )
        print(f"session {created.session_id}: {created.url}")

        # Follow it live: each message once, in order, and each status change, until it settles.
        events = client.sessions.follow(
            created.session_id, timeout=WAIT_TIMEOUT, poll_interval=POLL_INTERVAL
        )
        for event in events:
            if isinstance(event, MessageEvent):
                said = event.message.message.replace("\n", "\n    ")
                print(f"  {event.message.type_}: {said}", flush=True)
            elif isinstance(event, StatusEvent):
                print(f"  status: {event.status}", flush=True)

        if MOCK_ADMIN and not show_received(created.session_id):
            print("error: Devin did not receive the uploaded file", file=sys.stderr)
            return 1

        data = client.attachments.download(url)
        if data != CSV.read_bytes():
            print("error: the downloaded attachment differs from the upload", file=sys.stderr)
            return 1
        print(f"downloaded the attachment back: {len(data)} bytes, identical")

        # The same job as a typed value: the schema comes from Revenue, the output is checked.
        revenue = client.sessions.run(
            PROMPT,
            output_type=Revenue,
            attachments=[url],
            devin_mode="fast",
            tags=["quickstart"],
            timeout=WAIT_TIMEOUT,
            poll_interval=POLL_INTERVAL,
        )
    regions = len(revenue.revenue_by_region)
    print(f"typed structured output: {revenue!r}")
    print(f"total revenue: {revenue.total_revenue:.2f} over {regions} region(s)")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DevinError as exc:  # one readable line, not a traceback
        sys.exit(f"error: {exc}")
