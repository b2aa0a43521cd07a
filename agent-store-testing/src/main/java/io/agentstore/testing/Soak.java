package io.agentstore.testing;

/**
 * The soak switch of the reliability suite: {@code mvn verify -Dagentstore.soak=true} runs the crash, fuzz
 * and full-disk tests many more times than the normal build (for example 200 kills instead of 20).
 */
public final class Soak {
    /** The system property that turns the soak mode on. */
    public static final String PROPERTY = "agentstore.soak";

    private Soak() {}

    /** Whether this run is a soak run. */
    public static boolean on() {
        return Boolean.getBoolean(PROPERTY);
    }

    /** {@code normal} in a normal build, {@code soak} in a soak run. */
    public static int pick(int normal, int soak) {
        return on() ? soak : normal;
    }
}
