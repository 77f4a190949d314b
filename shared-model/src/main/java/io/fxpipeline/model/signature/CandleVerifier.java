package io.fxpipeline.model.signature;

import io.fxpipeline.model.message.CandlesReady;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/** A consumer's side: whether a candles message carries ingest's valid signature. */
public final class CandleVerifier {

    /** What the check found. */
    public enum Verdict {
        /** Signed by the holder of the private key, unchanged since. */
        VALID,
        /** No key configured: nothing is checked (local runs). */
        UNCHECKED,
        /** No {@code sig} field. */
        UNSIGNED,
        /** A {@code sig} that is not the key's signature of this message (forged, tampered or another key). */
        BAD_SIGNATURE;

        public boolean accepted() {
            return this == VALID || this == UNCHECKED;
        }

        /** The metric tag of a rejection. */
        public String tag() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private static final CandleVerifier NONE = new CandleVerifier(null);

    private final PublicKey key;

    private CandleVerifier(PublicKey key) {
        this.key = key;
    }

    /** A verifier with ingest's public key {@code base64X509} (base64 of the X.509 DER form); a bad key fails here. */
    public static CandleVerifier of(String base64X509) {
        return new CandleVerifier(SigningKeys.publicKey(base64X509));
    }

    /** No key configured: every message is {@link Verdict#UNCHECKED}. */
    public static CandleVerifier none() {
        return NONE;
    }

    public boolean checks() {
        return key != null;
    }

    public Verdict verify(CandlesReady message) {
        if (key == null) {
            return Verdict.UNCHECKED;
        }
        if (message.sig() == null) {
            return Verdict.UNSIGNED;
        }
        byte[] sig;
        try {
            sig = Base64.getDecoder().decode(message.sig());
        } catch (IllegalArgumentException notBase64) {
            return Verdict.BAD_SIGNATURE;
        }
        try {
            Signature signature = Signature.getInstance(CandleSignature.ALGORITHM);
            signature.initVerify(key);
            signature.update(CandleSignature.canonical(message));
            return signature.verify(sig) ? Verdict.VALID : Verdict.BAD_SIGNATURE;
        } catch (java.security.SignatureException malformed) {
            return Verdict.BAD_SIGNATURE; // e.g. a signature of the wrong length
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot verify with " + CandleSignature.ALGORITHM, e);
        }
    }
}
