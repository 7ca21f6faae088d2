/**
 * Read models for strategy researchers. One package per read model; each owns its tables, the SQL that
 * writes them (its projection) and the SQL that reads them (its queries).
 */
package dev.ante.projections;
