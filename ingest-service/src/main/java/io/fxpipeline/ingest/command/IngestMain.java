package io.fxpipeline.ingest.command;

import io.fxpipeline.messaging.command.CommandMode;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * One jar, two uses: without arguments it serves (HTTP API, feed, schedules, subscriptions); with a command
 * ({@code backfill}, {@code hourly}, {@code purge}) it runs that once against the same database and exits.
 */
@QuarkusMain
public class IngestMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        CommandMode.prepare(args);
        Quarkus.run(IngestMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (!CommandMode.isCommand(args)) {
            Quarkus.waitForExit();
            return 0;
        }
        return new CommandLine(new IngestCommand(), factory).execute(args);
    }

}
