package io.fxpipeline.ingest.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValue;

import java.util.ArrayList;
import java.util.List;

/**
 * With {@code FX_FEED=oanda}, start-up stops unless {@code OANDA_API_KEY} is set and, when this process polls
 * prices (it serves rather than runs a command), {@code OANDA_ACCOUNT_ID} too: without them every job would fail
 * after the service reported ready. Checked while the configuration is built, before anything connects (like the
 * shared EnvironmentCheck); names the variables, never a value.
 */
public class OandaCredentials implements ConfigSourceInterceptorFactory {

    @Override
    public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
        List<String> missing = new ArrayList<>();
        if ("oanda".equals(value(context, "FX_FEED"))) {
            if (value(context, "OANDA_API_KEY") == null) {
                missing.add("OANDA_API_KEY is required with FX_FEED=oanda (the OANDA v20 personal access token)");
            }
            boolean serves = !"false".equals(value(context, "fx.serve"));
            if (serves && value(context, "OANDA_ACCOUNT_ID") == null) {
                missing.add("OANDA_ACCOUNT_ID is required with FX_FEED=oanda while prices are polled"
                        + " (the pricing endpoint is per account)");
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Invalid configuration: " + String.join("; ", missing));
        }
        return ConfigSourceInterceptorContext::proceed;
    }

    private static String value(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        return value == null || value.getValue() == null || value.getValue().isBlank() ? null : value.getValue().trim();
    }
}
