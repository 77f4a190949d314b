package io.fxpipeline.messaging.command;

import java.util.Arrays;
import java.util.Set;

/**
 * One jar, two uses: without arguments a service serves; with a command it runs that once and exits. This is
 * decided before Quarkus starts, because a one-off command must not bind the HTTP port (a server may be running
 * beside it), play a feed, subscribe, or fire schedules.
 */
public final class CommandMode {

    /** picocli's standard help options: with one of them a command only prints its usage or version. */
    private static final Set<String> HELP = Set.of("-h", "--help", "-V", "--version");

    private CommandMode() {
    }

    /** Whether {@code args} only ask for usage or the version (of the jar or of one command). */
    public static boolean asksForHelp(String... args) {
        return Arrays.stream(args).anyMatch(HELP::contains);
    }

    /** Whether {@code args} name a command (anything at all: picocli reports unknown ones). */
    public static boolean isCommand(String... args) {
        return args.length > 0;
    }

    /** Called first thing in {@code main}: for a command, turns serving off and quiets start-up logging. */
    public static void prepare(String... args) {
        if (!isCommand(args)) {
            return;
        }
        System.setProperty("fx.serve", "false");
        System.setProperty("quarkus.http.host-enabled", "false");
        System.setProperty("quarkus.scheduler.enabled", "false");
        System.setProperty("quarkus.banner.enabled", "false");
        // The command's own output is the report; start-up chatter would bury it. Warnings still show.
        System.setProperty("quarkus.log.level", "WARN");
        if (asksForHelp(args)) {
            // Reading the usage needs no database: leave the schema alone (no connection at all) and the
            // configuration warnings unsaid, so `--help` answers on a laptop with nothing running.
            System.setProperty("quarkus.flyway.migrate-at-start", "false");
            System.setProperty("quarkus.log.level", "ERROR");
        }
    }
}
