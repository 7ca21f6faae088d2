-- The five read models now run in one processor ('read-models') with one token, the two time-series
-- writers in another ('time-series'). The old per-group tokens cannot be merged exactly (each group may
-- stand at another position), so the read models are emptied and the new processors rebuild everything
-- from the event log on their first start (QuestDB's dedup keys make the rewritten rows replace the old).
-- Stop every instance before upgrading a shared database.
DELETE FROM token_entry WHERE processor_name IN ('questdb-games', 'questdb-learning');
DELETE FROM ts_game_context;
DELETE FROM token_entry WHERE processor_name IN ('game-summaries', 'synergies', 'strategies', 'winning', 'ante-stats');
DELETE FROM game_summary;
DELETE FROM synergy_game_key;
DELETE FROM synergy;
DELETE FROM strategy_game;
DELETE FROM strategy_revision;
DELETE FROM strategy_evaluation;
DELETE FROM strategy_stats;
DELETE FROM winning_progress;
DELETE FROM winning_game;
DELETE FROM winning_build;
DELETE FROM ante_outcome;
