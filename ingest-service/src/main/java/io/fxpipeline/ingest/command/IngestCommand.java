package io.fxpipeline.ingest.command;

import io.fxpipeline.messaging.command.PurgeCommand;
import picocli.CommandLine.Command;

/** The commands of the ingest jar; without one, the jar serves. */
@Command(name = "ingest-service", mixinStandardHelpOptions = true,
        description = "FX ingest service. Without a command it serves; with one it runs it once and exits.",
        subcommands = {BackfillCommand.class, HourlyCommand.class, PurgeCommand.class})
public class IngestCommand {
}
