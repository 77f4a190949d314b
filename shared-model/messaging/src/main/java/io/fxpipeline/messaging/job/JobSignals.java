package io.fxpipeline.messaging.job;

import io.fxpipeline.messaging.alert.SystemAlerts;
import io.fxpipeline.model.message.SystemAlert;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per job, from every finished run: Prometheus gauges {@code fx_job_last_success_seconds} (epoch seconds of the last
 * SUCCEEDED or PARTIAL run), {@code fx_job_last_duration_seconds} and {@code fx_job_consecutive_failures}; and a
 * {@code system_alerts} message when a job starts failing or recovers. SKIPPED runs (another replica held the lock)
 * change nothing. Gauges are per process: each replica reports the runs it made.
 */
@ApplicationScoped
public class JobSignals implements JobRuns.Listener {

    /** One job's figures. */
    private static final class Figures {
        volatile double lastSuccess = Double.NaN;
        volatile double lastDuration = Double.NaN;
        volatile double failures;
    }

    private final MeterRegistry meters;
    private final SystemAlerts alerts;
    private final Map<String, Figures> jobs = new ConcurrentHashMap<>();

    public JobSignals(MeterRegistry meters, SystemAlerts alerts) {
        this.meters = meters;
        this.alerts = alerts;
    }

    @Override
    public void finished(String job, JobRuns.Status status, Duration took, String error) {
        if (status == JobRuns.Status.SKIPPED || status == JobRuns.Status.RUNNING) {
            return;
        }
        Figures f = figures(job);
        // a listener, not a chain: the announcement goes its own way and logs its own failure (SystemAlerts)
        f.lastDuration = took.toMillis() / 1000.0;
        if (status == JobRuns.Status.FAILED) {
            f.failures++;
            alerts.changed(SystemAlert.Kind.JOB_FAILED, job, error == null ? "failed" : error).subscribe().with(x -> { });
        } else {
            f.failures = 0;
            f.lastSuccess = Instant.now().toEpochMilli() / 1000.0;
            alerts.changed(SystemAlert.Kind.JOB_RECOVERED, job, status.name()).subscribe().with(x -> { });
        }
    }

    private Figures figures(String job) {
        return jobs.computeIfAbsent(job, j -> {
            Figures f = new Figures();
            Tags tags = Tags.of("job", j);
            Gauge.builder("fx.job.last.success.seconds", f, x -> x.lastSuccess).tags(tags)
                    .description("epoch seconds of the job's last successful (or partial) run").register(meters);
            Gauge.builder("fx.job.last.duration.seconds", f, x -> x.lastDuration).tags(tags)
                    .description("duration of the job's last run").register(meters);
            Gauge.builder("fx.job.consecutive.failures", f, x -> x.failures).tags(tags)
                    .description("failed runs in a row (0 after a success)").register(meters);
            return f;
        });
    }
}
