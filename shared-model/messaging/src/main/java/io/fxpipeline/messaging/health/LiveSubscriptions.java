package io.fxpipeline.messaging.health;

import java.util.Collection;

/** A bean holding several subscriptions at once (one per channel it relays); readiness reports each of them. */
public interface LiveSubscriptions {

    /** The subscriptions held now. */
    Collection<? extends LiveSubscription> subscriptions();
}
