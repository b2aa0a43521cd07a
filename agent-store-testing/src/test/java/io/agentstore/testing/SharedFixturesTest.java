package io.agentstore.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

/** A missing shared fixture skips the test on a developer's machine and fails it under CI=true. */
class SharedFixturesTest {
    @Test
    void aMissingFixtureFailsUnderCi() {
        assertThatThrownBy(() -> SharedFixtures.require(false, "fixture x not found", "true"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixture x not found")
                .hasMessageContaining("CI=true");
    }

    @Test
    void aMissingFixtureSkipsElsewhere() {
        assertThatThrownBy(() -> SharedFixtures.require(false, "fixture x not found", null))
                .isInstanceOf(TestAbortedException.class)
                .hasMessageContaining("fixture x not found");
        assertThatThrownBy(() -> SharedFixtures.require(false, "fixture x not found", "false"))
                .isInstanceOf(TestAbortedException.class);
    }

    @Test
    void aPresentFixtureIsNeitherSkippedNorFailed() {
        assertThatCode(() -> SharedFixtures.require(true, "unused", "true")).doesNotThrowAnyException();
        assertThatCode(() -> SharedFixtures.require(true, "unused", null)).doesNotThrowAnyException();
    }

    @Test
    void aMissingPathIsNamed() {
        assertThatThrownBy(() -> SharedFixtures.directory("no/such/folder-" + System.nanoTime()))
                .satisfiesAnyOf(
                        e -> org.assertj.core.api.Assertions.assertThat(e).isInstanceOf(TestAbortedException.class),
                        e -> org.assertj.core.api.Assertions.assertThat(e).isInstanceOf(AssertionError.class))
                .hasMessageContaining("no/such/folder-");
    }
}
