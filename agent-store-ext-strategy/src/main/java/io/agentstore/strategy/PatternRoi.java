package io.agentstore.strategy;

/**
 * The return of a pattern ({@code v_pattern_roi}).
 *
 * @param patternName   the pattern
 * @param uses          times used
 * @param hoursSaved    hours saved in total
 * @param avgConfidence average confidence, or null
 */
public record PatternRoi(String patternName, long uses, double hoursSaved, Double avgConfidence) {}
