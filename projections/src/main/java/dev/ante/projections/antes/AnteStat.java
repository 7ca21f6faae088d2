package dev.ante.projections.antes;

/** Per ante: completed (WIN/LOSS) games that reached it, and LOSS games that ended at it. */
public record AnteStat(int ante, long reached, long lostAt) {
}
