"""The main job, end to end: give Devin a CSV, get a structured answer back.

1. upload ``data/sales.csv``;
2. start a session whose prompt attaches it (an ``ATTACHMENT:"url"`` line), in ``fast`` mode,
   with a ``structured_output_schema`` for the answer;
3. wait for the session to settle, printing each status change;
4. download the attachment back and check it is byte for byte what was uploaded;
5. print the structured output.

Configuration comes from the environment: ``DEVIN_API_KEY`` (required) and ``DEVIN_BASE_URL``
(default: the real API). ``make demo`` runs this against the bundled mock; with your own key
and no ``DEVIN_BASE_URL`` it starts a real (billed) Devin session.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from devin_api.models import GetSessionResponse
from devin_client import Devin, DevinError

CSV = Path(__file__).parent / "data" / "sales.csv"

# The answer we want back, as a Draft 7 JSON Schema; Devin fills it in when done.
SCHEMA = {
    "type": "object",
    "properties": {
        "total_revenue": {"type": "number"},
        "revenue_by_region": {
            "type": "array",
            "items": {
                "type": "object",
                "properties": {
                    "region": {"type": "string"},
                    "revenue": {"type": "number"},
                },
                "required": ["region", "revenue"],
            },
        },
    },
    "required": ["total_revenue", "revenue_by_region"],
}

PROMPT = (
    "Compute the revenue (units * unit_price) per region and in total from the attached CSV. "
    "Report it as structured output."
)

# Devin's docs recommend polling every 10-30 s; the demo's mock settles in a few polls.
POLL_INTERVAL = float(os.environ.get("QUICKSTART_POLL_INTERVAL", "10"))
WAIT_TIMEOUT = 30 * 60.0


def main() -> int:
    """Run the example; return the process exit status."""
    with Devin() as client:  # DEVIN_API_KEY, DEVIN_BASE_URL
        url = client.attachments.upload(CSV)
        print(f"uploaded {CSV.name}: {url}")

        created = client.sessions.create(
            PROMPT,
            attachments=[url],  # appended to the prompt as ATTACHMENT:"<url>"
            devin_mode="fast",
            structured_output_schema=SCHEMA,
            title="quickstart: revenue per region",
            tags=["quickstart"],
        )
        print(f"session {created.session_id}: {created.url}")

        seen: list[str] = []

        def show(session: GetSessionResponse) -> None:  # called after every poll
            status = str(session.status_enum or session.status)
            if seen[-1:] != [status]:
                seen.append(status)
                print(f"  status: {status}", flush=True)

        session = client.sessions.wait(
            created.session_id,
            timeout=WAIT_TIMEOUT,
            poll_interval=POLL_INTERVAL,
            on_progress=show,
        )
        print(f"settled: {session.status_enum or session.status}")
        if session.messages:  # the first one is the prompt, with its ATTACHMENT:"..." line
            print("the prompt as Devin received it:")
            print("  " + session.messages[0].message.replace("\n", "\n  "))

        data = client.attachments.download(url)
        if data != CSV.read_bytes():
            print("error: the downloaded attachment differs from the upload", file=sys.stderr)
            return 1
        print(f"downloaded the attachment back: {len(data)} bytes, identical")

    if session.structured_output is None:
        print("no structured output (yet): Devin may still be answering; see the session URL")
    else:
        print("structured output:")
        print(json.dumps(session.structured_output, indent=2))
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except DevinError as exc:  # one readable line, not a traceback
        sys.exit(f"error: {exc}")
