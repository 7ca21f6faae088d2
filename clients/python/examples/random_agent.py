"""Plays random Balatro games and posts them to Ante (the package's ``ante-random-agent``).

    python3 examples/random_agent.py --url http://localhost:8080 --key "$AGENT_KEY" --games 3
"""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src"))

from ante_client.random_agent import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
