package io.fxpipeline.model.signature;

import io.fxpipeline.model.message.CandlesReady;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.util.Base64;

/** Ingest's side: signs each candles message once (one Ed25519 signature per message, whatever its size). */
public final class CandleSigner {

    private static final CandleSigner NONE = new CandleSigner(null);

    private final PrivateKey key;

    private CandleSigner(PrivateKey key) {
        this.key = key;
    }

    /** A signer with the private key {@code base64Pkcs8} (base64 of the PKCS#8 DER form); a bad key fails here. */
    public static CandleSigner of(String base64Pkcs8) {
        return new CandleSigner(SigningKeys.privateKey(base64Pkcs8));
    }

    /** No key configured: messages go out unsigned (local runs). */
    public static CandleSigner none() {
        return NONE;
    }

    public boolean signs() {
        return key != null;
    }

    /** {@code message} with its {@code sig}, or unchanged without a key. */
    public CandlesReady sign(CandlesReady message) {
        if (key == null) {
            return message;
        }
        try {
            // Signature objects are not thread-safe; a new one per message is cheap next to the signing itself.
            Signature signature = Signature.getInstance(CandleSignature.ALGORITHM);
            signature.initSign(key);
            signature.update(CandleSignature.canonical(message));
            return message.withSig(Base64.getEncoder().encodeToString(signature.sign()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a candles message with " + CandleSignature.ALGORITHM, e);
        }
    }
}
