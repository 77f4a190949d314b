package io.fxpipeline.messaging.config;

import io.smallrye.config.ConfigMappingInterface;
import io.smallrye.config.ConfigMappings;
import io.smallrye.config.ConfigSourceInterceptor;
import io.smallrye.config.ConfigSourceInterceptorContext;
import io.smallrye.config.ConfigSourceInterceptorFactory;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.Priorities;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.smallrye.config.common.utils.StringUtil;
import org.eclipse.microprofile.config.spi.Converter;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the environment variable behind a bad setting. The mappings hold every domain rule (conversion to
 * {@code int}, {@code Duration}, {@code Pair}…, and their own checks, {@link CheckedSettings}), and SmallRye
 * reports the property ({@code fx.retention-days}); operators set the documented variable
 * ({@code DATA_RETENTION_DAYS}). The table from one to the other is the properties files' expressions
 * ({@code fx.retention-days=${DATA_RETENTION_DAYS:365}}), read back here from each value's raw form, so a problem
 * reads {@code DATA_RETENTION_DAYS='0' is invalid: …}; a value set under the property's own environment name
 * ({@code FX_RETENTION_DAYS}) is named that way. Values of secret-looking variables are never echoed.
 */
public class VariableNames implements SmallRyeConfigBuilderCustomizer {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)");
    private static final Pattern SECRET = Pattern.compile(".*(PASSWORD|TOKEN|SECRET|KEY).*");
    /** Only our own mappings' properties are checked for conversion (Quarkus's are Quarkus's business). */
    private static final String OURS = "io.fxpipeline.";

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        Map<String, String> sources = new ConcurrentHashMap<>();
        builder.withInterceptorFactories(new Factory(builder, sources));
        builder.withValidator(new Naming(builder.getValidator(), sources));
    }

    /** After the validators are installed ({@link SettingsChecker}), which {@link Naming} wraps. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }

    /**
     * The variable a property's value came from, as {@code VAR='value'}: the first variable its expression refers
     * to that holds the value, else the property's own environment name when the environment set it, else none
     * (a default, a properties file).
     */
    static Optional<String> variable(ConfigSourceInterceptorContext context, ConfigValue value) {
        if (value == null || value.getRawValue() == null || value.getValue() == null) {
            return Optional.empty();
        }
        Matcher m = VARIABLE.matcher(value.getRawValue());
        while (m.find()) {
            ConfigValue variable = context.proceed(m.group(1));
            if (variable != null && value.getValue().equals(variable.getValue())) {
                return Optional.of(m.group(1) + "='" + shown(m.group(1), value.getValue()) + "'");
            }
        }
        // set under the property's own environment name (FX_PAIRS, FX_RETENTION_DAYS): SmallRye's mapping of names
        if (value.getConfigSourceName() != null && value.getConfigSourceName().startsWith("EnvConfigSource")) {
            String variable = value.getName().replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
            return Optional.of(variable + "='" + shown(variable, value.getValue()) + "'");
        }
        return Optional.empty();
    }

    private static String shown(String variable, String value) {
        if (SECRET.matcher(variable).matches()) {
            return "***";
        }
        return value.length() > 40 ? value.substring(0, 40) + "…" : value;
    }

    /** Records where each value came from; converts a variable's value as the mapping will, to name it if it fails. */
    private static final class Factory implements ConfigSourceInterceptorFactory {

        private final SmallRyeConfigBuilder builder;
        private final Map<String, String> sources;

        Factory(SmallRyeConfigBuilder builder, Map<String, String> sources) {
            this.builder = builder;
            this.sources = sources;
        }

        @Override
        public ConfigSourceInterceptor getInterceptor(ConfigSourceInterceptorContext context) {
            Conversions conversions = new Conversions(builder);
            return (ctx, name) -> {
                ConfigValue value = ctx.proceed(name);
                Optional<String> variable = variable(ctx, value);
                if (variable.isPresent()) {
                    sources.put(name, variable.get());
                    conversions.check(name, value.getValue(), variable.get());
                }
                return value;
            };
        }

        /** Above expression expansion: sees both the raw expression and its value. */
        @Override
        public OptionalInt getPriority() {
            return OptionalInt.of(Priorities.LIBRARY + 1000);
        }
    }

    /**
     * The converter each of our mapped properties is converted with, found as SmallRye finds it (the discovered
     * converters: Quarkus's durations, the contract's pairs…). A failure is thrown here, naming the variable;
     * SmallRye reports it as the property's problem.
     */
    private static final class Conversions {

        private final SmallRyeConfigBuilder builder;
        private Map<String, Converter<?>> byProperty;

        Conversions(SmallRyeConfigBuilder builder) {
            this.builder = builder;
        }

        void check(String name, String value, String variable) {
            Converter<?> converter = converters().get(name);
            if (converter == null || value.isBlank()) {
                return;
            }
            try {
                converter.convert(value);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(variable + " is invalid: " + name + ": " + e.getMessage());
            }
        }

        private synchronized Map<String, Converter<?>> converters() {
            if (byProperty == null) {
                byProperty = new HashMap<>();
                SmallRyeConfig plain = new SmallRyeConfigBuilder().forClassLoader(Thread.currentThread().getContextClassLoader())
                        .addDiscoveredConverters().build();
                for (ConfigMappings.ConfigClass mapping : builder.getMappingsBuilder().getMappings()) {
                    if (mapping.getType().getName().startsWith(OURS)) {
                        try {
                            ConfigMappings.getProperties(mapping).forEach((path, property) -> converter(plain, property)
                                    .ifPresent(c -> byProperty.put(path, c)));
                        } catch (RuntimeException unreadable) {
                            // only the naming is lost: SmallRye still converts and reports the property
                        }
                    }
                }
            }
            return byProperty;
        }

        private static Optional<Converter<?>> converter(SmallRyeConfig plain, ConfigMappingInterface.Property property) {
            boolean list = isList(property.getMethod().getGenericReturnType());
            if (property.isOptional()) {
                property = property.asOptional().getNestedProperty();
            }
            if (property.isPrimitive()) {
                return plain.getConverter(property.asPrimitive().getBoxType()).map(c -> c);
            }
            if (!property.isLeaf() || property.asLeaf().hasConvertWith()) {
                return Optional.empty();
            }
            Optional<? extends Converter<?>> each = plain.getConverter(property.asLeaf().getValueRawType());
            if (!list) {
                return each.map(c -> c);
            }
            // a list is one comma-separated value (SmallRye's split), converted item by item
            return each.map(c -> v -> {
                for (String item : StringUtil.split(v)) {
                    c.convert(item);
                }
                return v;
            });
        }

        private static boolean isList(Type type) {
            if (type instanceof ParameterizedType p && p.getRawType() == Optional.class) {
                type = p.getActualTypeArguments()[0];
            }
            Type raw = type instanceof ParameterizedType p ? p.getRawType() : type;
            return raw instanceof Class<?> c && Collection.class.isAssignableFrom(c);
        }
    }

    /** Puts the variable's name in front of a validation problem ({@code fx.window must be …}). */
    private record Naming(ConfigValidator delegate, Map<String, String> sources) implements ConfigValidator {

        private static final Pattern PROPERTY = Pattern.compile("^([^\\s\\[]+)(\\[\\d+])?\\s");

        @Override
        public void validateMapping(Class<?> mappingClass, String prefix, Object mappingObject) {
            try {
                delegate.validateMapping(mappingClass, prefix, mappingObject);
            } catch (ConfigValidationException e) {
                ConfigValidationException.Problem[] named = new ConfigValidationException.Problem[e.getProblemCount()];
                for (int i = 0; i < named.length; i++) {
                    String message = e.getProblem(i).getMessage();
                    Matcher m = PROPERTY.matcher(message);
                    String variable = m.find() ? sources.get(m.group(1)) : null;
                    named[i] = new ConfigValidationException.Problem(
                            variable == null ? message : variable + " is invalid: " + message);
                }
                throw new ConfigValidationException(named);
            }
        }
    }
}
