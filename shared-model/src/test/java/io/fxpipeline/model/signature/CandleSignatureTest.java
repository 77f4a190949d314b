package io.fxpipeline.model.signature;

import io.fxpipeline.model.Granularity;
import io.fxpipeline.model.Pair;
import io.fxpipeline.model.codec.MessageCodec;
import io.fxpipeline.model.message.Candle;
import io.fxpipeline.model.message.CandlesReady;
import io.fxpipeline.model.signature.CandleVerifier.Verdict;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ed25519 signatures of candles messages: what verifies after the wire, and what does not. */
class CandleSignatureTest {

    private static final SigningKeys.Text KEYS = SigningKeys.generate();
    private static final CandleSigner SIGNER = CandleSigner.of(KEYS.privateKey());
    private static final CandleVerifier VERIFIER = CandleVerifier.of(KEYS.publicKey());
    private final MessageCodec codec = new MessageCodec();

    static CandlesReady message() {
        return CandlesReady.live(Instant.parse("2024-11-15T20:00:05Z"), Pair.of("EUR_USD"), Granularity.H1, 42, List.of(
                new Candle(Instant.parse("2024-11-15T18:00:00Z"), new BigDecimal("1.05350"), new BigDecimal("1.05500"),
                        new BigDecimal("1.05300"), new BigDecimal("1.05420"), 1830L),
                new Candle(Instant.parse("2024-11-15T19:00:00Z"), new BigDecimal("1.05420"), new BigDecimal("1.05600"),
                        new BigDecimal("1.05400"), new BigDecimal("1.05550"), 1710L)));
    }

    private CandlesReady wire(CandlesReady message) {
        return codec.decode(codec.encode(message), CandlesReady.class);
    }

    @Test
    void aSignedMessageVerifiesAfterEncodingAndDecoding() {
        CandlesReady signed = SIGNER.sign(message());
        assertThat(signed.sig()).isNotBlank();
        assertThat(codec.encode(signed)).contains("\"sig\":\"" + signed.sig() + "\"").contains("\"v\":1");
        assertThat(VERIFIER.verify(wire(signed))).isEqualTo(Verdict.VALID);
    }

    @Test
    void replayPagesAreCoveredWithTheirReplayFields() {
        CandlesReady page = SIGNER.sign(CandlesReady.replayPage(Instant.parse("2024-11-15T20:00:05Z"), Pair.of("EUR_USD"),
                Granularity.H1, 50, 42, "analytics-service", true, message().candles()));
        assertThat(VERIFIER.verify(wire(page))).isEqualTo(Verdict.VALID);
        // the same candles and signature, but pretending to be the last page or a later series number
        CandlesReady notLast = new CandlesReady(page.ts(), page.pair(), page.granularity(), page.seq(), page.replayFor(),
                null, page.throughSeq(), page.candles(), page.count(), page.sig());
        CandlesReady laterSeq = new CandlesReady(page.ts(), page.pair(), page.granularity(), 999_999_999L, page.replayFor(),
                page.more(), page.throughSeq(), page.candles(), page.count(), page.sig());
        assertThat(VERIFIER.verify(notLast)).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(VERIFIER.verify(laterSeq)).isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void theJsonSpellingDoesNotMatterOnlyTheValues() {
        String json = codec.encode(SIGNER.sign(message()));
        // the same values respelt: trailing zeros dropped, spaces added
        String respelt = json.replace("\"1.05350\"", "\"1.0535\"").replace(",\"pair\"", ", \"pair\"");
        assertThat(respelt).isNotEqualTo(json);
        assertThat(VERIFIER.verify(codec.decode(respelt, CandlesReady.class))).isEqualTo(Verdict.VALID);
    }

    @Test
    void aTamperedPriceAWrongKeyAndAMissingSignatureAreRefused() {
        String json = codec.encode(SIGNER.sign(message()));
        String tampered = json.replace("\"1.05420\"}", "\"5.0\"}").replace("\"c\":\"1.05420\"", "\"c\":\"1.05430\"");
        assertThat(tampered).isNotEqualTo(json);
        assertThat(VERIFIER.verify(codec.decode(tampered, CandlesReady.class))).isEqualTo(Verdict.BAD_SIGNATURE);

        CandlesReady otherKey = CandleSigner.of(SigningKeys.generate().privateKey()).sign(message());
        assertThat(VERIFIER.verify(wire(otherKey))).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(VERIFIER.verify(wire(message()))).isEqualTo(Verdict.UNSIGNED);
        assertThat(VERIFIER.verify(message().withSig("not base64!"))).isEqualTo(Verdict.BAD_SIGNATURE);
        assertThat(VERIFIER.verify(message().withSig(Base64.getEncoder().encodeToString(new byte[7]))))
                .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    @Test
    void withoutAKeyNothingIsSignedOrChecked() {
        assertThat(CandleSigner.none().sign(message()).sig()).isNull();
        assertThat(CandleVerifier.none().verify(message())).isEqualTo(Verdict.UNCHECKED);
        assertThat(Verdict.UNCHECKED.accepted()).isTrue();
        assertThat(Verdict.UNSIGNED.accepted()).isFalse();
    }

    @Test
    void badKeysFailWithoutShowingThem() {
        assertThatThrownBy(() -> CandleSigner.of("c2VjcmV0LXZhbHVl")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ed25519 private key").hasMessageNotContaining("c2VjcmV0LXZhbHVl");
        assertThatThrownBy(() -> CandleVerifier.of(KEYS.privateKey())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Ed25519 public key");
    }

    /** The documented one-liners: openssl's keys work as FX_CANDLE_SIGNING_KEY and FX_CANDLE_PUBLIC_KEY. */
    @Test
    void opensslKeysWork() throws Exception {
        Path dir = Files.createTempDirectory("fx-keys");
        Path pem = dir.resolve("candles.pem");
        try {
            run("openssl", "genpkey", "-algorithm", "ed25519", "-out", pem.toString());
            String privateKey = run("sh", "-c", "openssl pkey -in " + pem + " -outform DER | base64 -w0");
            String publicKey = run("sh", "-c", "openssl pkey -in " + pem + " -pubout -outform DER | base64 -w0");
            assertThat(CandleVerifier.of(publicKey).verify(wire(CandleSigner.of(privateKey).sign(message()))))
                    .isEqualTo(Verdict.VALID);
        } finally {
            Files.deleteIfExists(pem);
            Files.deleteIfExists(dir);
        }
    }

    private static String run(String... command) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (java.io.IOException missing) {
            Assumptions.abort("openssl is not installed");
            throw missing;
        }
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command)).isZero();
        return out;
    }
}
