package io.fxpipeline.testing.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * CPU seconds spent by this JVM and by the PostgreSQL backends serving one database, between {@link #start} and
 * {@link #stop}: on a shared machine the wall time of a run depends on the neighbours, the CPU it cost does not.
 */
public final class CpuMeter {

    private static final double TICKS_PER_SECOND = 100.0; // USER_HZ on Linux

    private final String jdbcUrl;
    private final String user;
    private final String password;
    private final String database;
    private long jvmStartNanos;
    private Map<Long, Long> backendTicks = Map.of();

    public CpuMeter(String jdbcUrl, String user, String password, String database) {
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.database = database;
    }

    public void start() {
        jvmStartNanos = jvmNanos();
        backendTicks = backendTicks();
    }

    /** JVM and PostgreSQL CPU seconds since {@link #start}. */
    public Used stop() {
        double jvm = (jvmNanos() - jvmStartNanos) / 1e9;
        long ticks = 0;
        for (Map.Entry<Long, Long> now : backendTicks().entrySet()) {
            ticks += now.getValue() - backendTicks.getOrDefault(now.getKey(), 0L);
        }
        return new Used(jvm, ticks / TICKS_PER_SECOND);
    }

    /** CPU seconds of the JVM and of PostgreSQL. */
    public record Used(double jvm, double postgres) {
        @Override
        public String toString() {
            return String.format("CPU: JVM %.2f s, PostgreSQL %.2f s", jvm, postgres);
        }
    }

    private static long jvmNanos() {
        return cpuNanos(ProcessHandle.current());
    }

    /** CPU time a process has used so far, user and system (0 where the platform does not say). */
    public static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toNanos).orElse(0L);
    }

    private Map<Long, Long> backendTicks() {
        Map<Long, Long> ticks = new HashMap<>();
        try (Connection c = DriverManager.getConnection(jdbcUrl, user, password);
                PreparedStatement s = c.prepareStatement(
                        "SELECT pid FROM pg_stat_activity WHERE datname = ? AND pid <> pg_backend_pid()")) {
            s.setString(1, database);
            try (ResultSet rows = s.executeQuery()) {
                while (rows.next()) {
                    long pid = rows.getLong(1);
                    processTicks(pid).ifPresent(t -> ticks.put(pid, t));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list PostgreSQL backends: " + e.getMessage(), e);
        }
        return ticks;
    }

    /** utime + stime of a local process, from /proc (empty when it is gone or not local). */
    private static java.util.Optional<Long> processTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return java.util.Optional.of(Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }
}
