package io.fxpipeline.model.signature;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 keys as the environment carries them: base64 of the DER forms {@code openssl} and the JDK both write
 * (PKCS#8 for the private key, X.509 SubjectPublicKeyInfo for the public one).
 */
public final class SigningKeys {

    /** A new key pair, both halves base64. */
    public record Text(String privateKey, String publicKey) {
    }

    private SigningKeys() {
    }

    public static Text generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(CandleSignature.ALGORITHM).generateKeyPair();
            return new Text(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()),
                    Base64.getEncoder().encodeToString(pair.getPublic().getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(CandleSignature.ALGORITHM + " is part of every JDK 15+", e);
        }
    }

    /** @throws IllegalArgumentException when the text is not base64 of an Ed25519 PKCS#8 key (the key is never shown) */
    public static PrivateKey privateKey(String base64Pkcs8) {
        try {
            return KeyFactory.getInstance(CandleSignature.ALGORITHM)
                    .generatePrivate(new PKCS8EncodedKeySpec(decode(base64Pkcs8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 private key (base64 of PKCS#8 DER): "
                    + e.getClass().getSimpleName());
        }
    }

    /** @throws IllegalArgumentException when the text is not base64 of an Ed25519 X.509 public key */
    public static PublicKey publicKey(String base64X509) {
        try {
            return KeyFactory.getInstance(CandleSignature.ALGORITHM)
                    .generatePublic(new X509EncodedKeySpec(decode(base64X509)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an Ed25519 public key (base64 of X.509 DER): "
                    + e.getClass().getSimpleName());
        }
    }

    private static byte[] decode(String base64) {
        return Base64.getMimeDecoder().decode(base64.strip());
    }
}
