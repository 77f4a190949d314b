package io.fxpipeline.ingest.job;

import io.fxpipeline.ingest.service.CandleSync.PairSync;
import io.fxpipeline.messaging.job.JobRuns;
import io.fxpipeline.messaging.job.JobRuns.Status;

import java.util.List;
import java.util.stream.Collectors;

/** The result of fetching a set of pairs: failed pairs are reported, the others count as done. */
public record PairsFetch(List<PairSync> pairs) {

    public int stored() {
        return pairs.stream().mapToInt(PairSync::stored).sum();
    }

    public int received() {
        return pairs.stream().mapToInt(PairSync::received).sum();
    }

    public int rejected() {
        return pairs.stream().mapToInt(PairSync::rejected).sum();
    }

    /** Still-forming candles seen: expected, not rejections. */
    public int pending() {
        return pairs.stream().mapToInt(PairSync::pending).sum();
    }

    public List<PairSync> failed() {
        return pairs.stream().filter(PairSync::failed).toList();
    }

    /** SUCCEEDED, PARTIAL when some pairs failed, FAILED when all did; the error names each failed pair. */
    public JobRuns.Outcome outcome() {
        List<PairSync> failed = failed();
        Status status = failed.isEmpty() ? Status.SUCCEEDED : failed.size() == pairs.size() ? Status.FAILED : Status.PARTIAL;
        String error = failed.isEmpty() ? null
                : failed.stream().map(p -> p.pair() + ": " + p.error()).collect(Collectors.joining("; "));
        return new JobRuns.Outcome(status, stored(), error);
    }
}
