/**
 * The pluggable checkers of the cdc module: HTTP with conditional requests, local files and folders by hash, and
 * git repositories by commit. Each answers a {@link io.agentstore.cdc.check.CheckResult}, whether or not anything
 * changed and whether or not the source answered.
 */
package io.agentstore.cdc.check;
