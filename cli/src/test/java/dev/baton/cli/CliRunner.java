package dev.baton.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a given environment and working directory, capturing its output. */
final class CliRunner {
    /** What one run printed and returned. */
    record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final Map<String, String> env = new HashMap<>();
    private final Path workingDir;

    CliRunner(String server, Path workingDir) {
        if (server != null) {
            env.put("BATON_SERVER", server);
        }
        this.workingDir = workingDir;
    }

    CliRunner env(String key, String value) {
        env.put(key, value);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Baton.run(args, Map.copyOf(env), workingDir, new PrintWriter(out), new PrintWriter(err));
        return new Result(exit, out.toString(), err.toString());
    }
}
