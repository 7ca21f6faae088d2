/**
 * Axon Framework over the {@link dev.ante.infra.store.StreamStore} port: an event storage engine whose
 * aggregate identifiers are stream names, whose sequence numbers are stream revisions and whose tracking
 * tokens are global positions.
 */
package dev.ante.infra.axon;
