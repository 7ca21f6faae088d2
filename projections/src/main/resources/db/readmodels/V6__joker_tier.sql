-- The joker tier list: per joker name, how often shops offered it, agents bought and sold it, and the
-- won and lost games that ended holding it. The name's SHA-256 keeps the primary key short.
CREATE TABLE joker_tier (
    joker_hash CHAR(64)       NOT NULL PRIMARY KEY,
    joker      VARCHAR(10000) NOT NULL,
    offered    BIGINT         NOT NULL,
    bought     BIGINT         NOT NULL,
    sold       BIGINT         NOT NULL,
    games      BIGINT         NOT NULL,
    wins       BIGINT         NOT NULL
);
