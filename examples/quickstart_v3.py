"""The main job on the Devin API v3 (recommended for new code), end to end.

1. start a session whose prompt comes with ``data/sales.csv`` (``attachments=``: the file is
   uploaded first and its URL sent in ``attachment_urls``), in ``fast`` mode, tagged;
2. wait for it to settle, printing each status change (``status``/``status_detail``);
3. read its messages (every page), send one more, and add a tag;
4. find it again by its tag, and check its attachment downloads back byte for byte.

Configuration comes from the environment: ``DEVIN_API_KEY`` (a service user's ``cog_`` key),
``DEVIN_ORG_ID`` (optional: else learned from the key) and ``DEVIN_BASE_URL`` (default: the
real API). ``make demo`` runs this against the bundled mock, after ``quickstart.py`` (v1).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from devin_api_v3.models import SessionResponse
from devin_client import DevinError
from devin_client.v3 import Devin

CSV = Path(__file__).parent / "data" / "sales.csv"
PROMPT = "Compute the revenue (units * unit_price) per region from the attached CSV."

# Devin's docs recommend polling every 10-30 s; the demo's mock settles in a few polls.
POLL_INTERVAL = float(os.environ.get("QUICKSTART_POLL_INTERVAL", "10"))
WAIT_TIMEOUT = 30 * 60.0


def main() -> int:
    """Run the example; return the process exit status."""
    with Devin() as client:  # DEVIN_API_KEY (cog_...), DEVIN_ORG_ID, DEVIN_BASE_URL
        created = client.sessions.create(
            PROMPT,
            attachments=[CSV],  # uploaded first; the URL goes in attachment_urls
            devin_mode="fast",
            title="quickstart v3: revenue per region",
            tags=["quickstart-v3"],
        )
        print(f"organisation {client.org_id}: session {created.session_id}: {created.url}")

        seen: list[str] = []

        def show(session: SessionResponse) -> None:  # called after every poll
            status = f"{session.status}/{session.status_detail or '-'}"
            if seen[-1:] != [status]:
                seen.append(status)
                print(f"  status: {status}", flush=True)

        session = client.sessions.wait(
            created.session_id, timeout=WAIT_TIMEOUT, poll_interval=POLL_INTERVAL, on_progress=show
        )
        print(f"settled: {session.status}/{session.status_detail}")

        client.sessions.messages.send(created.session_id, "Thanks! Round to whole dollars.")
        print("messages:")
        for message in client.sessions.messages.list(created.session_id):  # every page
            print(f"  {message.source}: {message.message}")

        tags = client.sessions.tags.append(created.session_id, ["reviewed"]).tags
        print(f"tags: {', '.join(tags)}")
        found = [s.session_id for s in client.sessions.list(tags=["quickstart-v3"])]
        print(f"listed by tag: {found.count(created.session_id)} of {len(found)} session(s)")

        (attachment,) = client.sessions.attachments(created.session_id)
        data = client.attachments.download(attachment.url)
        if data != CSV.read_bytes():
            print("error: the downloaded attachment differs from the upload", file=sys.stderr)
            return 1
        print(f"attachment {attachment.name}: {len(data)} bytes back, identical")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DevinError as exc:  # one readable line, not a traceback
        sys.exit(f"error: {exc}")
