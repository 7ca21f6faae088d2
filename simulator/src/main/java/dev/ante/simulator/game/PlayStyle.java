package dev.ante.simulator.game;

/**
 * How an agent plays, as its strategy's parameters set it.
 *
 * @param focus             the hand the agent builds towards
 * @param temperature       decision noise: near 0 almost always takes its best estimate, 1 often does not
 * @param interestTarget    money the agent tries to keep for interest ($5 earns $1, up to the cap)
 * @param rerollBudget      rerolls it allows itself per shop
 * @param skipAggression    0..1: how readily it skips small and big blinds for their tags
 * @param preferredKind     the kind of joker it values most
 * @param llmRate           0..1: share of decisions it asks a language model about (slower, a little better)
 * @param discardEagerness  0..1: how readily it discards to chase its focus instead of playing what it holds
 * @param abandonPropensity 0..1: how readily it gives up a hopeless blind instead of playing it out
 */
public record PlayStyle(
        Focus focus,
        double temperature,
        int interestTarget,
        int rerollBudget,
        double skipAggression,
        Joker.Kind preferredKind,
        double llmRate,
        double discardEagerness,
        double abandonPropensity) {

    public PlayStyle withTemperature(double value) {
        return new PlayStyle(focus, value, interestTarget, rerollBudget, skipAggression, preferredKind, llmRate,
                discardEagerness, abandonPropensity);
    }
}
