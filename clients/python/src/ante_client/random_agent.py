"""An example agent: plays a toy Balatro run with random legal moves and posts every event to Ante.

Run it against a platform with an agent key::

    ante-random-agent --url http://localhost:8080 --key "$AGENT_KEY" --games 3

It is a stand-in for a learning agent: what matters is the shape of its loop — record what happened as it
happens, let the recorder batch and post it, read the results back from the read models.
"""
from __future__ import annotations

import argparse
import os
import random
import sys
from typing import Dict, List, Optional, Sequence

from .client import AnteClient
from .recorder import GameRecorder

JOKERS = ["Joker", "Greedy Joker", "Lusty Joker", "Blueprint", "Brainstorm", "Mime", "Baron", "Cavendish",
          "Gros Michel", "Fibonacci", "Scholar", "Walkie Talkie", "Hack", "Photograph", "Bloodstone"]
HANDS = {"High Card": (5, 1), "Pair": (10, 2), "Two Pair": (20, 2), "Three of a Kind": (30, 3),
         "Straight": (30, 4), "Flush": (35, 4), "Full House": (40, 4), "Four of a Kind": (60, 7)}
RANKS = ["2", "3", "4", "5", "6", "7", "8", "9", "T", "J", "Q", "K", "A"]
SUITS = ["S", "H", "D", "C"]
BLINDS = [("SMALL", "Small Blind", 1.0), ("BIG", "Big Blind", 1.5), ("BOSS", "The Wall", 2.0)]


def play_game(client: AnteClient, game_id: str, rng: random.Random, *, agent_id: str = "random-agent",
              strategy_id: Optional[str] = None, batch_size: int = 50) -> Dict[str, object]:
    """Plays one game with random legal moves, posting its events; returns its final state from the API."""
    money = 4
    jokers: List[str] = []
    best = 0
    outcome = "WIN"
    ante = 1
    with GameRecorder(client, game_id, batch_size=batch_size) as game:
        started = {"agentId": agent_id, "seed": f"SEED-{rng.randrange(10**6):06d}", "deck": "Red Deck",
                   "stake": "White Stake", "startingMoney": money}
        if strategy_id:
            started["strategyId"] = strategy_id
        game.record("GameStarted", started)
        for ante in range(1, 9):
            for blind_type, blind_name, factor in BLINDS:
                required = int(300 * ante * ante * factor)
                decide(game, rng, ante, "BLIND_SELECT", "select_blind", ["play", "skip"], "play")
                game.record("BlindSelected", {"ante": ante, "blindType": blind_type, "blindName": blind_name,
                                              "chipsRequired": required})
                score, hand_number = 0, 0
                for hands_left in range(4, 0, -1):
                    hand_number += 1
                    hand_type = rng.choice(list(HANDS))
                    chips, mult = HANDS[hand_type]
                    cards = [rng.choice(RANKS) + rng.choice(SUITS) for _ in range(rng.randint(1, 5))]
                    final_mult = float(mult + 2 * len(jokers) + rng.randint(0, 3 * ante))
                    final_chips = chips + 10 * len(cards) + rng.randint(0, 40 * ante)
                    final_score = int(final_chips * final_mult)
                    best = max(best, final_score)
                    score += final_score
                    decide(game, rng, ante, "PLAYING", "play_hand", ["play", "discard"], "play")
                    game.record("HandPlayed", {
                        "ante": ante, "blindType": blind_type, "handNumber": hand_number, "cards": cards,
                        "handType": hand_type, "jokers": list(jokers), "baseChips": chips, "baseMult": float(mult),
                        "finalChips": final_chips, "finalMult": final_mult, "finalScore": final_score,
                        "timeToDecisionMs": rng.randint(5, 400)})
                    if score >= required:
                        break
                    if rng.random() < 0.3:
                        game.record("CardsDiscarded", {"ante": ante, "blindType": blind_type,
                                                       "cards": [rng.choice(RANKS) + rng.choice(SUITS)],
                                                       "discardsLeft": rng.randint(0, 2)})
                if score < required:
                    outcome = "LOSS"
                    break
                reward = 3 + (blind_type == "BOSS") * 2
                money += reward
                game.record("BlindDefeated", {"ante": ante, "blindType": blind_type, "score": score,
                                              "reward": reward, "moneyAfter": money})
                money = shop(game, rng, ante, money, jokers)
            if outcome == "LOSS":
                break
        game.record("GameCompleted", {"outcome": outcome, "finalAnte": ante, "finalMoney": money,
                                      "bestHandScore": best, "jokers": list(jokers)})
    return client.game_state(game_id, min_position=game.position)


def shop(game: GameRecorder, rng: random.Random, ante: int, money: int, jokers: List[str]) -> int:
    """A shop: random items; buys one joker it can afford and has room for, half the time; may sell one."""
    items = [{"slot": slot, "itemType": "JOKER", "name": rng.choice(JOKERS), "cost": rng.randint(3, 8)}
             for slot in range(2)]
    game.record("ShopEntered", {"ante": ante, "money": money, "items": items, "rerollCost": 5})
    affordable = [item for item in items if item["cost"] <= money and len(jokers) < 5]
    options = ["leave"] + [f"buy:{item['name']}" for item in affordable]
    choice = rng.choice(options)
    decide(game, rng, ante, "SHOP", "shop", options, choice)
    if choice != "leave":
        item = next(i for i in affordable if f"buy:{i['name']}" == choice)
        money -= int(item["cost"])
        jokers.append(str(item["name"]))
        game.record("ItemPurchased", {"ante": ante, "itemType": "JOKER", "name": item["name"],
                                      "cost": item["cost"], "moneyAfter": money})
    elif jokers and rng.random() < 0.1:
        sold = jokers.pop(rng.randrange(len(jokers)))
        money += 2
        game.record("JokerSold", {"ante": ante, "name": sold, "sellValue": 2, "moneyAfter": money})
    return money


def decide(game: GameRecorder, rng: random.Random, ante: int, phase: str, kind: str, options: Sequence[str],
           chosen: str) -> None:
    game.record("DecisionMade", {"ante": ante, "phase": phase, "decisionType": kind,
                                 "optionsAvailable": list(options), "optionSelected": chosen,
                                 "confidence": round(1 / len(options), 3), "usedLlm": False,
                                 "timeToDecisionMs": rng.randint(1, 50)})


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description="Plays random Balatro games and posts them to Ante.")
    parser.add_argument("--url", default=os.environ.get("ANTE_URL", "http://localhost:8080"))
    parser.add_argument("--key", default=os.environ.get("ANTE_API_KEY"),
                        help="an AGENT key (default: $ANTE_API_KEY)")
    parser.add_argument("--games", type=int, default=1)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--prefix", default="random")
    parser.add_argument("--agent", default="random-agent")
    args = parser.parse_args(argv)
    if not args.key:
        parser.error("an API key is needed: --key or ANTE_API_KEY")
    rng = random.Random(args.seed)
    client = AnteClient(args.url, args.key)
    for n in range(args.games):
        game_id = f"{args.prefix}-{rng.randrange(16**8):08x}-{n}"
        state = play_game(client, game_id, rng, agent_id=args.agent)
        print(f"{game_id}: {state['status']} at ante {state['ante']}, revision {state['revision']}, "
              f"best hand {state['bestHandScore']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
