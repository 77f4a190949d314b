package io.fxpipeline.messaging;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InFlightLimitTest {

    @Test
    void atMostTheLimitRunsAndTheRestStartInArrivalOrderAsOthersEnd() {
        InFlightLimit limit = new InFlightLimit(2);
        List<CompletableFuture<String>> works = new ArrayList<>();
        List<Integer> started = new CopyOnWriteArrayList<>();
        List<String> done = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            CompletableFuture<String> work = new CompletableFuture<>();
            works.add(work);
            limit.run(() -> {
                started.add(n);
                return Uni.createFrom().completionStage(work);
            }).subscribe().with(done::add);
        }
        assertThat(started).containsExactly(0, 1);
        assertThat(limit.running()).isEqualTo(2);

        works.get(1).complete("w1");
        assertThat(started).containsExactly(0, 1, 2);
        works.get(0).completeExceptionally(new IllegalStateException("a failure frees its place too"));
        assertThat(started).containsExactly(0, 1, 2, 3);
        works.get(2).complete("w2");
        works.get(3).complete("w3");
        assertThat(started).containsExactly(0, 1, 2, 3, 4);
        works.get(4).complete("w4");

        assertThat(done).containsExactly("w1", "w2", "w3", "w4");
        assertThat(limit.running()).isZero();
    }

    @Test
    void aWaiterCancelledBeforeItsTurnNeverRunsNorHoldsAPlace() {
        InFlightLimit limit = new InFlightLimit(1);
        CompletableFuture<String> first = new CompletableFuture<>();
        List<String> started = new CopyOnWriteArrayList<>();
        limit.run(() -> {
            started.add("first");
            return Uni.createFrom().completionStage(first);
        }).subscribe().with(x -> { });
        Cancellable second = limit.run(() -> {
            started.add("second");
            return Uni.createFrom().item("never");
        }).subscribe().with(x -> { });
        second.cancel();
        first.complete("done");

        assertThat(started).containsExactly("first");
        assertThat(limit.running()).isZero();
        // the place is free again
        assertThat(limit.run(() -> Uni.createFrom().item("third")).await().indefinitely()).isEqualTo("third");
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThatThrownBy(() -> new InFlightLimit(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 1");
    }
}
