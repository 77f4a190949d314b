package io.fxpipeline.ingest;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * A local WireMock server standing in for OANDA v20; every ingest test points the OANDA client at it (through a
 * {@link ConnectionCounter} relay), so no test can ever reach a real OANDA host. Inject either with {@link Inject}.
 */
public class OandaStub implements QuarkusTestResourceLifecycleManager {

    /** The token tests configure; asserting it never shows up in errors or logs. */
    public static final String TOKEN = "stub-token-7f3a9c";
    public static final String ACCOUNT = "101-004-1234567-001";

    /** Marks a {@code WireMockServer} field to receive the stub, or a {@link ConnectionCounter} field its relay. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface Inject {
    }

    private WireMockServer server;
    private ConnectionCounter connections;

    @Override
    public Map<String, String> start() {
        // No request log: WireMock would render each matched stub, its whole body included, into a log line that
        // nobody reads (for a 5,000-candle page that was most of the stub's CPU).
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").stubRequestLoggingDisabled(true));
        server.start();
        try {
            connections = ConnectionCounter.relayTo(server.port());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return Map.of(
                // through the relay, so tests can count the TCP connections the client opens
                "fx.oanda.base-url", connections.baseUrl().toString(),
                "fx.oanda.api-key", TOKEN,
                "fx.oanda.account-id", ACCOUNT);
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(server, new TestInjector.AnnotatedAndMatchesType(Inject.class, WireMockServer.class));
        injector.injectIntoFields(connections,
                new TestInjector.AnnotatedAndMatchesType(Inject.class, ConnectionCounter.class));
    }

    @Override
    public void stop() {
        if (connections != null) {
            connections.close();
        }
        if (server != null) {
            server.stop();
        }
    }
}
