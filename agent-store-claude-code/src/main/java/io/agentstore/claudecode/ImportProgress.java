package io.agentstore.claudecode;

import java.time.Duration;
import java.util.Optional;

/**
 * How far an import has come, reported to a progress listener about twice a second.
 *
 * @param filesDone  files finished
 * @param filesTotal files to import
 * @param bytesDone  bytes read so far
 * @param bytesTotal bytes to read in all
 * @param lines      lines read so far
 * @param elapsed    time since the import started
 */
public record ImportProgress(
        long filesDone, long filesTotal, long bytesDone, long bytesTotal, long lines, Duration elapsed) {

    /** Lines per second so far. */
    public double linesPerSecond() {
        return lines / Math.max(elapsed.toMillis() / 1000.0, 0.001);
    }

    /** The share of bytes done, 0..1. */
    public double fraction() {
        return bytesTotal == 0 ? 1.0 : Math.min(1.0, (double) bytesDone / bytesTotal);
    }

    /** The estimated time left, once there is enough to estimate from. */
    public Optional<Duration> eta() {
        if (bytesDone == 0 || elapsed.toMillis() < 200) {
            return Optional.empty();
        }
        double perByte = (double) elapsed.toMillis() / bytesDone;
        return Optional.of(Duration.ofMillis((long) (perByte * (bytesTotal - bytesDone))));
    }
}
