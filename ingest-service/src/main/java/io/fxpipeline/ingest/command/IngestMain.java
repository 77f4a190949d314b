package io.fxpipeline.ingest.command;

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
        if (isCommand(args)) {
            // Decided before start-up: a one-off command must not bind the HTTP port (a server may be running
            // beside it), play the replay feed, subscribe, or fire the schedules.
            System.setProperty("fx.serve", "false");
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.scheduler.enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            // The command's own output is the report; start-up chatter would bury it. Warnings still show.
            System.setProperty("quarkus.log.level", "WARN");
            System.setProperty("quarkus.log.category.\"io.micrometer.core.instrument.MeterRegistry\".level", "ERROR");
        }
        Quarkus.run(IngestMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (!isCommand(args)) {
            Quarkus.waitForExit();
            return 0;
        }
        return new CommandLine(new IngestCommand(), factory).execute(args);
    }

    static boolean isCommand(String... args) {
        return args.length > 0;
    }
}
