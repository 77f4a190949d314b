package io.fxpipeline.messaging.guard;

import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that came from outside (an upstream error body, an exception message) before it is
 * logged, stored (job_runs) or served: every registered secret (the OANDA token, the admin token), and any
 * {@code Authorization} header value or bearer token, whoever's, in case a proxy echoes request headers back.
 */
public final class Secrets {

    public static final String REDACTED = "[redacted]";
    /** A secret this short would blank ordinary words; tokens are far longer. */
    private static final int MIN_SECRET = 6;
    private static final Pattern AUTHORIZATION = Pattern.compile(
            "(?i)(\"?(?:proxy-)?authorization\"?\\s*[:=]\\s*\"?)(?:(?:bearer|basic|token)\\s+)?[^\\s\",;}\\]]+");
    private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic)\\s+[A-Za-z0-9._~+/=-]{4,}");
    private static final Set<String> KNOWN = new CopyOnWriteArraySet<>();

    private Secrets() {
    }

    /** Registers a secret this process holds (from the environment), so it is never repeated in text. */
    public static void register(String secret) {
        if (secret != null && secret.strip().length() >= MIN_SECRET) {
            KNOWN.add(secret.strip());
        }
    }

    /** The text without any registered secret, {@code Authorization} value or bearer token; null stays null. */
    public static String scrub(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String clean = text;
        for (String secret : KNOWN) {
            clean = clean.replace(secret, REDACTED);
        }
        clean = AUTHORIZATION.matcher(clean).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + REDACTED));
        return BEARER.matcher(clean).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + " " + REDACTED));
    }
}
