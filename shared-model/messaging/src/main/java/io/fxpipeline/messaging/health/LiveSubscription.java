package io.fxpipeline.messaging.health;

/** A channel subscription a service holds while it serves; readiness reports whether it is established. */
public interface LiveSubscription {

    /** The channel subscribed to (prefix included). */
    String channel();

    /** Whether the subscription is currently established. */
    boolean alive();
}
