package dev.baton.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * The {@code baton} command: common operations on a Baton server through its Conductor-compatible
 * REST API. Exit codes: 0 ok, 1 API error (or server unreachable), 2 usage error, 3 the followed
 * workflow ended FAILED, TERMINATED or TIMED_OUT.
 */
@Command(
        name = "baton",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT,
        version = "baton 0.1.0",
        description = "Baton's command-line client (Conductor-compatible REST API).",
        subcommands = {
            StartCommand.class,
            GetCommand.class,
            SearchCommand.class,
            PauseCommand.class,
            ResumeCommand.class,
            TerminateCommand.class,
            RetryCommand.class,
            DefCommand.class,
            FollowCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:ok",
            "1:API error (status and message printed) or server unreachable",
            "2:usage error",
            "3:the followed workflow ended FAILED, TERMINATED or TIMED_OUT"
        })
public final class Baton implements Runnable {
    /** Exit code when an API call fails or the server cannot be reached. */
    public static final int API_ERROR = 1;
    /** Exit code for bad arguments or unreadable input files. */
    public static final int USAGE = 2;
    /** Exit code of {@code follow} when the workflow ends unsuccessfully. */
    public static final int WORKFLOW_FAILED = 3;

    static final String DEFAULT_SERVER = "http://127.0.0.1:8080/api";

    @Spec
    CommandSpec spec;

    @Option(
            names = "--server",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "API base URL, ending in /api (default: $BATON_SERVER or " + DEFAULT_SERVER + ")")
    String server;

    @Option(
            names = "--token",
            scope = ScopeType.INHERIT,
            paramLabel = "TOKEN",
            description = "Bearer token sent as Authorization (default: $BATON_TOKEN)")
    String token;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "Print raw JSON instead of tables")
    boolean json;

    private final Map<String, String> env;
    private final Path workingDir;

    Baton(Map<String, String> env, Path workingDir) {
        this.env = env;
        this.workingDir = workingDir;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), Path.of("").toAbsolutePath(), out, err));
    }

    /** Runs one command line; returns the exit code. {@code env} supplies BATON_SERVER and BATON_TOKEN. */
    static int run(String[] args, Map<String, String> env, Path workingDir, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Baton(env, workingDir));
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof ApiFailure f) {
                f.print(line.getErr());
                return API_ERROR;
            }
            if (e instanceof UsageFailure u) {
                line.getErr().println("error: " + u.getMessage());
                line.getErr().println("Try '" + line.getCommandSpec().qualifiedName() + " --help' for usage.");
                return USAGE;
            }
            line.getErr().println("error: " + e);
            return API_ERROR;
        });
        try {
            return cl.execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** Without a subcommand: a usage error (picocli prints the message and the usage). */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
    }

    /** The root command object, from any (sub)command's spec. */
    static Baton root(CommandSpec spec) {
        return (Baton) spec.root().userObject();
    }

    /** The API client for the effective server and token. */
    BatonApi api() {
        String url = firstNonBlank(server, env.get("BATON_SERVER"), DEFAULT_SERVER);
        String bearer = firstNonBlank(token, env.get("BATON_TOKEN"), null);
        return new BatonApi(url, bearer);
    }

    boolean json() {
        return json;
    }

    /** A path given on the command line, relative to the working directory. */
    Path resolve(String file) {
        return workingDir.resolve(file);
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    private static String firstNonBlank(String a, String b, String fallback) {
        if (a != null && !a.isBlank()) {
            return a.trim();
        }
        if (b != null && !b.isBlank()) {
            return b.trim();
        }
        return fallback;
    }
}
