package dev.baton.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code baton def}: workflow and task definitions (register, list). */
@Command(
        name = "def",
        description = "Workflow and task definitions.",
        subcommands = {DefRegisterCommand.class, DefListCommand.class})
final class DefCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: register or list");
    }
}
