package io.fxpipeline.messaging.trust;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Singleton;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Logs the service in as its own Redis ACL user ({@code REDIS_USERNAME}): Quarkus's Redis client has a password
 * setting but no user name, and Vert.x reads the user from the connection string's {@code user} parameter
 * ({@code redis://host:port/db?user=ingest}, {@code rediss://} alike). The password stays in
 * {@code quarkus.redis.password}, out of the connection string (and out of any log of it). An endpoint that already
 * names its user ({@code REDIS_URL} with user info or a {@code user} parameter) is left as it is.
 */
@Singleton
public class RedisUser implements RedisOptionsCustomizer {

    private final TrustConfig config;

    public RedisUser(TrustConfig config) {
        this.config = config;
    }

    @Override
    public void customize(String clientName, RedisOptions options) {
        config.redisUsername().map(String::strip).filter(u -> !u.isEmpty()).ifPresent(user ->
                options.setEndpoints(withUser(options.getEndpoints(), user)));
    }

    static List<String> withUser(List<String> endpoints, String user) {
        String parameter = "user=" + URLEncoder.encode(user, StandardCharsets.UTF_8);
        return endpoints.stream().map(endpoint -> {
            URI uri = URI.create(endpoint);
            if (uri.getRawUserInfo() != null || (uri.getRawQuery() != null
                    && ("&" + uri.getRawQuery()).contains("&user="))) {
                return endpoint;
            }
            return endpoint + (uri.getRawQuery() == null ? "?" : "&") + parameter;
        }).toList();
    }
}
