/** Retention: completed games older than a limit move from the embedded event store to Parquet files. */
package dev.ante.api.retention;
