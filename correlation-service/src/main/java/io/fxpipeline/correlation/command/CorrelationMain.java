package io.fxpipeline.correlation.command;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * One jar, two uses: without arguments it serves (HTTP API, subscription, schedules); with a command
 * ({@code run}, {@code purge}) it runs that once against the same database, Redis and channels, and exits.
 */
@QuarkusMain
public class CorrelationMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        if (args.length > 0) {
            // Decided before start-up: a one-off command must not bind the HTTP port (a server may be running
            // beside it), subscribe, or fire the schedules.
            System.setProperty("fx.serve", "false");
            System.setProperty("quarkus.http.host-enabled", "false");
            System.setProperty("quarkus.scheduler.enabled", "false");
            System.setProperty("quarkus.banner.enabled", "false");
            // The command's own output is the report; start-up chatter would bury it. Warnings still show.
            System.setProperty("quarkus.log.level", "WARN");
            System.setProperty("quarkus.log.category.\"io.micrometer.core.instrument.MeterRegistry\".level", "ERROR");
        }
        Quarkus.run(CorrelationMain.class, args);
    }

    @Override
    public int run(String... args) {
        if (args.length == 0) {
            Quarkus.waitForExit();
            return 0;
        }
        return new CommandLine(new CorrelationCommand(), factory).execute(args);
    }
}
