-- The Ante instances sharing this database, each with the last time (epoch milliseconds, its own clock) it
-- said it was alive. Instances split the event processors between them by how many are alive
-- (ProcessorBalancer); a row not refreshed within the token claim timeout is an instance that has gone.
-- Written for both H2 and PostgreSQL.

CREATE TABLE ante_instance (
    instance_id VARCHAR(255) NOT NULL PRIMARY KEY,
    seen_at     BIGINT       NOT NULL
);
