-- The deck and stake of each game, so that every time-series row of the game carries them.
ALTER TABLE ts_game_context ADD COLUMN deck VARCHAR(256);
ALTER TABLE ts_game_context ADD COLUMN stake VARCHAR(256);
