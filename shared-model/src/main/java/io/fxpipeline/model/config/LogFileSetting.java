package io.fxpipeline.model.config;

import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigValue;

/**
 * {@code LOG_FILE} alone turns the rotating file log on: a set, non-blank path answers
 * {@code quarkus.log.file.enabled=true} (the path itself is mapped in application.properties), so a deployment sets
 * one variable, not two. An explicit {@code quarkus.log.file.enabled} still wins.
 */
public class LogFileSetting implements ConfigSourceInterceptor {

    static final String ENABLED = "quarkus.log.file.enabled";

    @Override
    public ConfigValue getValue(ConfigSourceInterceptorContext context, String name) {
        ConfigValue value = context.proceed(name);
        // Quarkus's own default ("false") comes from a defaults source of negative ordinal: only a value someone
        // set (application.properties, environment, system property) takes precedence over LOG_FILE.
        if (!ENABLED.equals(name) || value != null && value.getConfigSourceOrdinal() >= 0) {
            return value;
        }
        ConfigValue file = context.proceed("LOG_FILE");
        if (file == null || file.getValue() == null || file.getValue().isBlank()) {
            return value;
        }
        return ConfigValue.builder().withName(ENABLED).withValue("true").withConfigSourceName("LOG_FILE").build();
    }
}
