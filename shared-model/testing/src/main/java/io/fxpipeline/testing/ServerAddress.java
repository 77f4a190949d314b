package io.fxpipeline.testing;

/** Where a test server listens. */
public record ServerAddress(String host, int port) {
}
