/**
 * Test support for agent-store and its schema modules, for use at test scope: the schema-module contract kit
 * ({@link io.agentstore.testing.SchemaModuleContract}), a JUnit 5 extension that opens a store per test
 * ({@link io.agentstore.testing.StoreExtension}), a mutable test clock ({@link io.agentstore.testing.MutableClock}),
 * a child-JVM helper ({@link io.agentstore.testing.ChildJvm}) and the shared fixtures
 * ({@link io.agentstore.testing.SharedFixtures}).
 */
package io.agentstore.testing;
