/**
 * The embedded {@link dev.ante.infra.store.StreamStore} backend: a single SQLite file in WAL mode, needing
 * no server and readable by other processes while the application writes.
 */
package dev.ante.infra.store.sqlite;
