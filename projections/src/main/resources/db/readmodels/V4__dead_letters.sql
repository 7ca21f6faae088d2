-- Events a processor could not handle, parked per processor and per stream (Axon's sequenced dead-letter
-- queue): later events of the same stream wait behind the first one, other streams go on. Rows are written
-- in the processor's own transaction, beside its token. Written for both H2 and PostgreSQL.

CREATE TABLE dead_letter_entry (
    dead_letter_id       VARCHAR(255)  NOT NULL PRIMARY KEY,
    processing_group     VARCHAR(255)  NOT NULL,
    sequence_identifier  VARCHAR(255)  NOT NULL,
    sequence_index       BIGINT        NOT NULL,
    message_type         VARCHAR(255)  NOT NULL,
    event_identifier     VARCHAR(255)  NOT NULL,
    event_timestamp      VARCHAR(255)  NOT NULL,
    payload_type         VARCHAR(255)  NOT NULL,
    payload_revision     VARCHAR(255),
    payload              BYTEA         NOT NULL,
    meta_data            BYTEA,
    aggregate_type       VARCHAR(255),
    aggregate_identifier VARCHAR(255),
    sequence_number      BIGINT,
    token_type           VARCHAR(255),
    token                BYTEA,
    enqueued_at          VARCHAR(255)  NOT NULL,
    last_touched         VARCHAR(255),
    processing_started   VARCHAR(255),
    cause_type           VARCHAR(1024),
    cause_message        VARCHAR(2048),
    diagnostics          BYTEA,
    CONSTRAINT dead_letter_sequence UNIQUE (processing_group, sequence_identifier, sequence_index)
);

CREATE INDEX dead_letter_by_group ON dead_letter_entry (processing_group);
CREATE INDEX dead_letter_by_sequence ON dead_letter_entry (processing_group, sequence_identifier);
