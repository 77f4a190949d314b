package io.fxpipeline.messaging.config;

/**
 * A configuration mapping that checks its own values: the bounds of each setting, next to the setting. SmallRye calls
 * {@link #check} (through {@link SettingsChecker}) once the mapping is built, so a bad value stops start-up naming the
 * setting and, through {@link VariableNames}, the variable it came from. A mapping that extends another calls the
 * other's check first ({@code ServiceConfig.super.check(rules)}).
 */
public interface CheckedSettings {

    /**
     * Adds one problem to {@code rules} for each value out of its bounds. A default method, as every method of a
     * mapping that is not a setting must be (SmallRye maps each abstract one).
     */
    default void check(SettingRules rules) {
    }
}
