-- Who played each game, for the time-series rows of its later events. Kept beside the QuestDB
-- processor's token so that the context and the token move together.
CREATE TABLE ts_game_context (
    game_id     VARCHAR(64) NOT NULL PRIMARY KEY,
    agent_id    VARCHAR(256),
    strategy_id VARCHAR(256)
);
