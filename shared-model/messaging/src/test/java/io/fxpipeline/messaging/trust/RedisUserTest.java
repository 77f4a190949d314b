package io.fxpipeline.messaging.trust;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where REDIS_USERNAME goes in the connection strings (the login itself is tested in deploy's RedisAclTest). */
class RedisUserTest {

    @Test
    void theUserBecomesTheConnectionStringsUserParameter() {
        assertThat(RedisUser.withUser(List.of("redis://127.0.0.1:6379/0", "rediss://redis.example.internal:6379/0?foo=1",
                "redis://:secret@host:6379/0", "redis://host:6379/0?user=ops", "redis://h:1/0?xuser=1"), "fx ingest"))
                .containsExactly("redis://127.0.0.1:6379/0?user=fx+ingest",
                        "rediss://redis.example.internal:6379/0?foo=1&user=fx+ingest",
                        "redis://:secret@host:6379/0", "redis://host:6379/0?user=ops", "redis://h:1/0?xuser=1&user=fx+ingest");
    }
}
