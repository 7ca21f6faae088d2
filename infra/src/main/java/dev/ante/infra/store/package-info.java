/**
 * The StreamStore port and the types it speaks in. Backends live in sub-packages.
 */
package dev.ante.infra.store;
