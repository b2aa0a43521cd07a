package io.agentstore.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

/** Runs the command line in this JVM and captures what it printed. */
record Cli(int code, String out, String err) {

    static Cli run(String... args) {
        return withStdin(null, args);
    }

    static Cli withStdin(String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        InputStream saved = System.in;
        try {
            if (stdin != null) {
                System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
            }
            int code = Main.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
                    .execute(args);
            return new Cli(code, out.toString(), err.toString());
        } finally {
            System.setIn(saved);
        }
    }
}
