package io.fxpipeline.messaging.config;

import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.ConfigValidator;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the {@link CheckedSettings#check} of each mapping SmallRye builds, after any validator installed before it.
 * The bounds are plain code in the mappings rather than Bean Validation: Quarkus builds a Hibernate Validator over
 * every configuration class of the application (180 in analytics) at static init to check our few bounds, 0.39 s of a
 * 1.6 s start (issue 14).
 */
public class SettingsChecker implements SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withValidator(new Checking(builder.getValidator()));
    }

    /** Before {@link VariableNames}, which names the variables in the problems found here. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE - 1;
    }

    private record Checking(ConfigValidator before) implements ConfigValidator {

        @Override
        public void validateMapping(Class<?> mappingClass, String prefix, Object mappingObject) {
            List<ConfigValidationException.Problem> problems = new ArrayList<>();
            try {
                before.validateMapping(mappingClass, prefix, mappingObject);
            } catch (ConfigValidationException e) {
                for (int i = 0; i < e.getProblemCount(); i++) {
                    problems.add(e.getProblem(i));
                }
            }
            if (mappingObject instanceof CheckedSettings settings) {
                SettingRules rules = new SettingRules(prefix);
                settings.check(rules);
                rules.problems().forEach(p -> problems.add(new ConfigValidationException.Problem(p)));
            }
            if (!problems.isEmpty()) {
                throw new ConfigValidationException(problems.toArray(ConfigValidationException.Problem[]::new));
            }
        }
    }
}
