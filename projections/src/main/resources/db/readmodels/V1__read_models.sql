-- Read models and the processors' tokens share this database, so each batch of a processor commits
-- its rows and its token in one transaction. Written for both H2 and PostgreSQL.
-- Instants are epoch microseconds (BIGINT), the precision events carry.

CREATE TABLE token_entry (
    processor_name  VARCHAR(255) NOT NULL,
    segment         INTEGER      NOT NULL,
    token           BYTEA,
    token_type      VARCHAR(255),
    token_timestamp VARCHAR(255),
    token_owner     VARCHAR(255),
    PRIMARY KEY (processor_name, segment)
);

CREATE TABLE game_summary (
    game_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    agent_id        VARCHAR(256),
    strategy_id     VARCHAR(256),
    deck            VARCHAR(256),
    stake           VARCHAR(256),
    seed            VARCHAR(256),
    status          VARCHAR(16)  NOT NULL,
    ante            INTEGER,
    blind_type      VARCHAR(8),
    phase           VARCHAR(16),
    money           INTEGER,
    hands_played    INTEGER      NOT NULL,
    best_hand_score BIGINT       NOT NULL,
    started_at      BIGINT,
    completed_at    BIGINT,
    revision        BIGINT       NOT NULL
);
CREATE INDEX game_summary_by_status ON game_summary (status, game_id);
CREATE INDEX game_summary_by_strategy ON game_summary (strategy_id, game_id);
CREATE INDEX game_summary_by_agent ON game_summary (agent_id, game_id);

-- Joker synergies: one row per (size, key); key_hash keeps the primary key short whatever the names.
CREATE TABLE synergy (
    size             VARCHAR(8)       NOT NULL,
    key_hash         CHAR(64)         NOT NULL,
    joker_key        VARCHAR(10000)   NOT NULL,
    jokers           TEXT             NOT NULL,
    hands            BIGINT           NOT NULL,
    score_sum        NUMERIC(38, 0)   NOT NULL,
    avg_score        DOUBLE PRECISION NOT NULL,
    high_score_hands BIGINT           NOT NULL,
    games            BIGINT           NOT NULL,
    wins             BIGINT           NOT NULL,
    losses           BIGINT           NOT NULL,
    win_rate         DOUBLE PRECISION,
    wilson           DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (size, key_hash)
);
CREATE INDEX synergy_by_wilson ON synergy (size, wilson);
CREATE INDEX synergy_by_games ON synergy (size, games);
CREATE INDEX synergy_by_hands ON synergy (size, hands);

-- Which synergy keys each unfinished game has played, so its outcome can be credited to them.
CREATE TABLE synergy_game_key (
    game_id  VARCHAR(64) NOT NULL,
    size     VARCHAR(8)  NOT NULL,
    key_hash CHAR(64)    NOT NULL,
    PRIMARY KEY (game_id, size, key_hash)
);

-- Strategies: registration and history from strategy streams, game statistics from game streams.
CREATE TABLE strategy_stats (
    strategy_id     VARCHAR(256)     NOT NULL PRIMARY KEY,
    name            VARCHAR(256),
    agent_id        VARCHAR(256),
    model_version   VARCHAR(256),
    registered_model_version VARCHAR(256),
    parameters      TEXT,
    registered_at   BIGINT,
    retired_at      BIGINT,
    retired_reason  VARCHAR(256),
    games           BIGINT           NOT NULL,
    completed       BIGINT           NOT NULL,
    wins            BIGINT           NOT NULL,
    losses          BIGINT           NOT NULL,
    final_ante_sum  BIGINT           NOT NULL,
    best_hand_score BIGINT           NOT NULL,
    win_rate        DOUBLE PRECISION,
    wilson          DOUBLE PRECISION NOT NULL
);
CREATE INDEX strategy_stats_by_wilson ON strategy_stats (wilson);

CREATE TABLE strategy_game (
    game_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    strategy_id VARCHAR(256) NOT NULL
);

CREATE TABLE strategy_revision (
    strategy_id   VARCHAR(256) NOT NULL,
    revision      BIGINT       NOT NULL,
    model_version VARCHAR(256),
    parameters    TEXT,
    reason        VARCHAR(256),
    occurred_at   BIGINT       NOT NULL,
    PRIMARY KEY (strategy_id, revision)
);

CREATE TABLE strategy_evaluation (
    strategy_id    VARCHAR(256)     NOT NULL,
    revision       BIGINT           NOT NULL,
    games_played   INTEGER          NOT NULL,
    wins           INTEGER          NOT NULL,
    avg_final_ante DOUBLE PRECISION NOT NULL,
    occurred_at    BIGINT           NOT NULL,
    PRIMARY KEY (strategy_id, revision)
);

-- Winning games and builds.
CREATE TABLE winning_progress (
    game_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    agent_id        VARCHAR(256),
    strategy_id     VARCHAR(256),
    deck            VARCHAR(256),
    stake           VARCHAR(256),
    best_hand_score BIGINT       NOT NULL
);

CREATE TABLE winning_game (
    game_id         VARCHAR(64)  NOT NULL PRIMARY KEY,
    agent_id        VARCHAR(256),
    strategy_id     VARCHAR(256),
    deck            VARCHAR(256),
    stake           VARCHAR(256),
    final_ante      INTEGER      NOT NULL,
    best_hand_score BIGINT       NOT NULL,
    jokers          TEXT         NOT NULL,
    completed_at    BIGINT       NOT NULL
);
CREATE INDEX winning_game_by_ante ON winning_game (final_ante, best_hand_score);

CREATE TABLE winning_build (
    key_hash       CHAR(64)         NOT NULL PRIMARY KEY,
    build_key      VARCHAR(10000)   NOT NULL,
    jokers         TEXT             NOT NULL,
    wins           BIGINT           NOT NULL,
    final_ante_sum BIGINT           NOT NULL,
    avg_final_ante DOUBLE PRECISION NOT NULL
);
CREATE INDEX winning_build_by_wins ON winning_build (wins);

-- Ante stats: completed (WIN/LOSS) games by final ante.
CREATE TABLE ante_outcome (
    final_ante INTEGER NOT NULL PRIMARY KEY,
    completed  BIGINT  NOT NULL,
    lost       BIGINT  NOT NULL
);
