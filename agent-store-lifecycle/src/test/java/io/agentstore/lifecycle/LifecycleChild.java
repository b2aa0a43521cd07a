package io.agentstore.lifecycle;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.function.Consumer;

/**
 * The child process of the crash tests: runs one lifecycle operation on a database and, when it reaches the step
 * named {@code stopAt}, prints {@code AT <step>} and waits to be killed.
 *
 * <p>Arguments: {@code retention DB STOP_AT CLOCK}, {@code erase DB STOP_AT SESSION_ID} or
 * {@code merge DB STOP_AT OTHER}.
 */
public final class LifecycleChild {
    private LifecycleChild() {}

    public static void main(String[] args) throws Exception {
        Path db = Path.of(args[1]);
        String stopAt = args[2];
        Consumer<String> steps = step -> {
            if (step.equals(stopAt)) {
                System.out.println("AT " + step);
                System.out.flush();
                while (true) {
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        };
        switch (args[0]) {
            case "retention" ->
                Retention.of(db, Clock.fixed(Instant.parse(args[3]), ZoneOffset.UTC), steps)
                        .run();
            case "erase" -> StoreEraser.builder(db).steps(steps).build().erase(EraseScope.session(args[3]));
            case "merge" -> StoreMerger.builder(db).steps(steps).build().merge(Path.of(args[3]));
            default -> throw new IllegalArgumentException("unknown operation " + args[0]);
        }
        System.out.println("DONE");
    }
}
