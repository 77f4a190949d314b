package io.fxpipeline.messaging.job;

import io.fxpipeline.messaging.alert.SystemAlerts;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sends the system alerts Redis did not take, oldest first, every {@code fx.alert-redelivery.every}. In this package
 * because it needs the scheduler, which the dashboard (it announces nothing) leaves out.
 */
@ApplicationScoped
public class SystemAlertResend {

    private final SystemAlerts alerts;

    public SystemAlertResend(SystemAlerts alerts) {
        this.alerts = alerts;
    }

    @Scheduled(identity = "system-alert-redelivery", every = "${fx.alert-redelivery.every}",
            delayed = "${fx.alert-redelivery.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> resend() {
        return alerts.resend();
    }
}
