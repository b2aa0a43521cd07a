/**
 * The tokens schema module: model prices with effective dates and the cost derived from them, token
 * budgets, context windows and overflows, token usage and measurements per component, cost allocation,
 * 5-hour usage windows and model-routing statistics. Install {@link io.agentstore.tokens.TokensModule}; use
 * {@link io.agentstore.tokens.TokensFacade}.
 */
package io.agentstore.tokens;
