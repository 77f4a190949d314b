package io.fxpipeline.messaging.job;

import java.util.List;

/** The jobs a service records in its job_runs: what {@code GET /jobs?job=} accepts. One bean per service. */
public interface JobNames {

    List<String> all();
}
