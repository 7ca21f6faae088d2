-- The five read models now run in one processor ('read-models') with one token. Their old per-model
-- tokens cannot be merged exactly (each model may stand at another position), so the read models are
-- emptied and the new processor rebuilds them all from the event log on its first start.
-- Stop every instance before upgrading a shared database.
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
