package io.fxpipeline.testing;

import io.vertx.redis.client.Command;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An ACL user of one test class on the shared Redis, with every right at first. The application under test logs in
 * as it ({@link #config()}: the kit's {@code REDIS_USERNAME} path), so a test can take commands away from that
 * application alone and give them back: Redis checks a user's rights at every command, on connections already open,
 * which makes a real "Redis refuses this service" without touching any other client of the server.
 */
public final class RedisTestUser {

    /** System properties, shared by every class loader of the test JVM (Quarkus loads a test profile in several). */
    private static final String NAME = "fx-test.redis-user";
    private static final String PASSWORD = "fx-test.redis-password";

    private final String name;
    private final String password;

    private RedisTestUser(String name, String password) {
        this.name = name;
        this.password = password;
    }

    /**
     * The user of this test JVM, created with every command, key and channel on first use. One per JVM, not per class
     * loader: a profile loaded twice would otherwise make a second user that nobody deletes.
     */
    public static RedisTestUser ofThisJvm() {
        synchronized (System.getProperties()) {
            String name = System.getProperty(NAME);
            if (name != null) {
                return new RedisTestUser(name, System.getProperty(PASSWORD));
            }
            RedisTestUser user = new RedisTestUser("fxtest-" + UUID.randomUUID().toString().substring(0, 8),
                    UUID.randomUUID().toString());
            user.acl("SETUSER", "reset", "on", ">" + user.password, "~*", "&*", "+@all");
            System.setProperty(NAME, user.name);
            System.setProperty(PASSWORD, user.password);
            return user;
        }
    }

    /** The settings that log the application in as this user. */
    public Map<String, String> config() {
        return Map.of("fx.trust.redis-username", name, "quarkus.redis.password", password);
    }

    /** Takes {@code commands} (e.g. {@code publish}) from the user. */
    public void deny(String... commands) {
        acl("SETUSER", rules("-", commands));
    }

    /** Gives {@code commands} back. */
    public void allow(String... commands) {
        acl("SETUSER", rules("+", commands));
    }

    /** Deletes the user (Redis closes its connections); the next {@link #ofThisJvm} makes a new one. */
    public void delete() {
        synchronized (System.getProperties()) {
            acl("DELUSER");
            System.clearProperty(NAME);
            System.clearProperty(PASSWORD);
        }
    }

    private static String[] rules(String sign, String... commands) {
        return List.of(commands).stream().map(c -> sign + c).toArray(String[]::new);
    }

    private void acl(String subcommand, String... args) {
        List<String> all = new ArrayList<>(List.of(subcommand, name));
        all.addAll(List.of(args));
        AdminRedis.send(Command.ACL, all.toArray(String[]::new));
    }
}
