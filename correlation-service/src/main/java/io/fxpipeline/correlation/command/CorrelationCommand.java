package io.fxpipeline.correlation.command;

import io.fxpipeline.messaging.command.PurgeCommand;
import picocli.CommandLine.Command;

/** The commands of the correlation jar; without one, the jar serves. */
@Command(name = "correlation-service", mixinStandardHelpOptions = true,
        description = "FX correlation service. Without a command it serves; with one it runs it once and exits.",
        subcommands = {RunCommand.class, HistoryCommand.class, PurgeCommand.class})
public class CorrelationCommand {
}
