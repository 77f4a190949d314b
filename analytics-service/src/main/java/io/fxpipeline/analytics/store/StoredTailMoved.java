package io.fxpipeline.analytics.store;

/**
 * The one-statement write was refused as a whole: the stored series or alert state was not what the in-memory window
 * continued (another writer, a row changed by hand). Nothing of it was stored; the caller takes the transactional path.
 */
public final class StoredTailMoved extends RuntimeException {

    StoredTailMoved(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
