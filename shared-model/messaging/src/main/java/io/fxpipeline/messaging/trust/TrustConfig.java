package io.fxpipeline.messaging.trust;

import io.smallrye.config.ConfigMapping;

import java.util.Optional;

/**
 * Who a service is to Redis and how candle messages are authenticated, the same keys in every service. Secrets:
 * read from the environment only, never logged.
 */
@ConfigMapping(prefix = "fx.trust")
public interface TrustConfig {

    /**
     * {@code REDIS_USERNAME}: the service's Redis ACL user (with {@code REDIS_PASSWORD}); empty logs in as Redis's
     * {@code default} user, as a Redis without ACLs expects.
     */
    Optional<String> redisUsername();

    /** {@code FX_CANDLE_SIGNING_KEY} (ingest): base64 of the Ed25519 private key (PKCS#8 DER) that signs candles. */
    Optional<String> candleSigningKey();

    /**
     * {@code FX_CANDLE_PUBLIC_KEY} (analytics, correlation): base64 of ingest's Ed25519 public key (X.509 DER); when
     * set, candle messages without ingest's valid signature are rejected.
     */
    Optional<String> candlePublicKey();
}
