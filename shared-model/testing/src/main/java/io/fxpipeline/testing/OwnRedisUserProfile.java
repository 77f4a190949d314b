package io.fxpipeline.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.Map;

/**
 * The application logs in to Redis as a {@link RedisTestUser} of its own ({@link #USER}, for the test to take commands
 * from and give back), and looks for stored alerts not yet announced every second, two seconds after deciding them.
 * The test class deletes the user when it is done.
 */
public class OwnRedisUserProfile implements QuarkusTestProfile {

    public static final RedisTestUser USER = RedisTestUser.ofThisJvm();

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>(USER.config());
        config.put("fx.alert-redelivery.every", "1s");
        config.put("fx.alert-redelivery.after", "2s");
        return config;
    }
}
