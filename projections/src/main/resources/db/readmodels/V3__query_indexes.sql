-- Indexes that let the synergy and game-summary queries read rows in the order they return them and stop
-- after LIMIT rows, on H2 and on PostgreSQL alike.
--
-- H2 only reads rows in index order when the ORDER BY lists the index's leading columns with the same
-- directions and null ordering, so the queries order by the equality-bound columns first (size; status,
-- strategy_id, agent_id) and the indexes spell out DESC and NULLS LAST exactly as the ORDER BY does.

-- Synergies: one index per sort key (Synergies.Sort), each ending with key_hash, the deterministic tiebreak
-- (joker_key is too long for a btree entry). games trails the sort keys so that the minGames filter is
-- checked on the index entry, without reading the row. synergy_by_games serves the games sort, the
-- minGames range and the count that picks between the two query forms. Five indexes in all: the table is
-- rewritten heavily during rebuilds, so there is none beyond what the sorts need.
DROP INDEX synergy_by_wilson;
DROP INDEX synergy_by_games;
DROP INDEX synergy_by_hands;
CREATE INDEX synergy_by_win_rate ON synergy (size, win_rate DESC NULLS LAST, wilson DESC, key_hash, games);
CREATE INDEX synergy_by_wilson ON synergy (size, wilson DESC, win_rate DESC NULLS LAST, key_hash, games);
CREATE INDEX synergy_by_avg_score ON synergy (size, avg_score DESC, key_hash, games);
CREATE INDEX synergy_by_games ON synergy (size, games DESC, key_hash);
CREATE INDEX synergy_by_hands ON synergy (size, hands DESC, key_hash, games);

-- Game summaries: combined filters get their own keyset index, so a rare status of one agent or strategy
-- no longer walks all of that agent's or strategy's games. The single-filter indexes of V1 stay: an
-- agent's or a strategy's games of every status still page through (agent_id, game_id) and
-- (strategy_id, game_id).
CREATE INDEX game_summary_by_agent_status ON game_summary (agent_id, status, game_id);
CREATE INDEX game_summary_by_strategy_status ON game_summary (strategy_id, status, game_id);

-- Key hashes as VARCHAR: a CHAR column makes both databases pad and convert every bound VARCHAR parameter it
-- is compared with: about 5% of a rebuild profile, in the multi-key lookups.
ALTER TABLE synergy ALTER COLUMN key_hash SET DATA TYPE VARCHAR(64);
ALTER TABLE synergy_game_key ALTER COLUMN key_hash SET DATA TYPE VARCHAR(64);
ALTER TABLE winning_build ALTER COLUMN key_hash SET DATA TYPE VARCHAR(64);
