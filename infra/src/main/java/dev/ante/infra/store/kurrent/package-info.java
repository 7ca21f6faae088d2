/**
 * The production {@link dev.ante.infra.store.StreamStore} backend: KurrentDB (EventStoreDB) over gRPC through
 * {@code io.kurrent:kurrentdb-client}, built with {@link dev.ante.infra.store.kurrent.KurrentStreamStore#connect}.
 */
package dev.ante.infra.store.kurrent;
