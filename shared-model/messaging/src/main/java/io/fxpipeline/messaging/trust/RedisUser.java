package io.fxpipeline.messaging.trust;

import io.quarkus.redis.client.RedisOptionsCustomizer;
import io.vertx.redis.client.RedisOptions;
import jakarta.inject.Singleton;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Logs the service in as its own Redis ACL user ({@code REDIS_USERNAME}): Quarkus's Redis client has a password
 * setting but no user name, and Vert.x reads the user from the connection URI, so the name goes into each
 * endpoint ({@code redis://user@host:port/db}, {@code rediss://} alike). The password stays in
 * {@code quarkus.redis.password}, out of the URI (and out of any log of it). An endpoint that already names a user
 * ({@code REDIS_URL} with user info) is left as it is.
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
        String encoded = URLEncoder.encode(user, StandardCharsets.UTF_8);
        return endpoints.stream().map(endpoint -> {
            int scheme = endpoint.indexOf("://");
            if (scheme < 0) {
                return endpoint; // unix sockets and the like carry no user
            }
            String rest = endpoint.substring(scheme + 3);
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains("@")) {
                return endpoint;
            }
            return endpoint.substring(0, scheme + 3) + encoded + "@" + rest;
        }).toList();
    }
}
