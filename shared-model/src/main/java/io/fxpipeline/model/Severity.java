package io.fxpipeline.model;

/** Alert severity; CRITICAL outranks WARNING. */
public enum Severity {
    WARNING, CRITICAL
}
