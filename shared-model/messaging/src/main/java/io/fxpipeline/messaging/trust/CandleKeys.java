package io.fxpipeline.messaging.trust;

import io.fxpipeline.model.signature.CandleSigner;
import io.fxpipeline.model.signature.CandleVerifier;
import io.quarkus.logging.Log;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * Ingest's candle signer and the consumers' verifier, made once from {@link TrustConfig}. A key that does not
 * decode stops start-up with the variable's name (never its value). Without a key both still work, for local
 * runs: the signer leaves messages unsigned and the verifier accepts everything, and each says so once at start.
 */
public class CandleKeys {

    @Produces
    @Singleton
    CandleSigner signer(TrustConfig config) {
        String key = config.candleSigningKey().map(String::strip).orElse("");
        if (key.isEmpty()) {
            Log.warn("FX_CANDLE_SIGNING_KEY is not set: candle messages go out unsigned, and consumers holding "
                    + "FX_CANDLE_PUBLIC_KEY will reject them");
            return CandleSigner.none();
        }
        try {
            return CandleSigner.of(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FX_CANDLE_SIGNING_KEY: " + e.getMessage());
        }
    }

    @Produces
    @Singleton
    CandleVerifier verifier(TrustConfig config) {
        String key = config.candlePublicKey().map(String::strip).orElse("");
        if (key.isEmpty()) {
            Log.warn("FX_CANDLE_PUBLIC_KEY is not set: candle signatures are not checked, so anyone who may publish on "
                    + "data_ready can feed this service candles (set it outside local runs)");
            return CandleVerifier.none();
        }
        try {
            CandleVerifier verifier = CandleVerifier.of(key);
            Log.info("candle messages must carry ingest's signature (FX_CANDLE_PUBLIC_KEY)");
            return verifier;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("FX_CANDLE_PUBLIC_KEY: " + e.getMessage());
        }
    }
}
