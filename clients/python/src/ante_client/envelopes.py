"""Event envelopes: ``{eventId, type, occurredAt, data}``."""
from __future__ import annotations

import uuid
from datetime import datetime, timezone
from typing import Any, Dict, Mapping, Optional

Envelope = Dict[str, Any]


def iso_instant(moment: Optional[datetime] = None) -> str:
    """An ISO-8601 UTC instant to the microsecond, as the platform keeps it (``2026-11-23T10:15:30.123456Z``)."""
    moment = moment or datetime.now(timezone.utc)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def envelope(event_type: str, data: Mapping[str, Any], occurred_at: Optional[datetime] = None,
             event_id: Optional[str] = None) -> Envelope:
    """An envelope with a fresh UUID (the idempotency key: keep it when you retry) and the time now."""
    return {
        "eventId": event_id or str(uuid.uuid4()),
        "type": event_type,
        "occurredAt": iso_instant(occurred_at),
        "data": dict(data),
    }
