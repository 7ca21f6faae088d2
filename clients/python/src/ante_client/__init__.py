"""Client for Ante: post Balatro games as events, read the read models and the time series, follow the stream.

>>> from ante_client import AnteClient, GameRecorder
>>> client = AnteClient("http://localhost:8080", "<agent key>")
>>> with GameRecorder(client, "g-1") as game:
...     game.record("GameStarted", {"agentId": "a1", "seed": "S", "deck": "Red Deck", "stake": "White",
...                                 "startingMoney": 4})
"""
from .client import AnteClient, AppendResult, StreamEvent
from .envelopes import envelope, iso_instant
from .errors import (AnteError, AnteHTTPError, AnteUnavailableError, EventIdConflictError,
                     WrongExpectedRevisionError)
from .recorder import GameRecorder

__all__ = [
    "AnteClient", "AppendResult", "StreamEvent", "GameRecorder", "envelope", "iso_instant", "AnteError",
    "AnteHTTPError", "AnteUnavailableError", "EventIdConflictError", "WrongExpectedRevisionError",
]
__version__ = "0.1.0"
