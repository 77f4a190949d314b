package io.fxpipeline.messaging.config;

import io.smallrye.config.ConfigMapping;

import java.nio.file.Path;
import java.util.Optional;

/** Where the retention purge archives what it deletes ({@link io.fxpipeline.messaging.job.RetentionArchive}). */
@ConfigMapping(prefix = "fx.archive")
public interface ArchiveConfig {

    /**
     * {@code DATA_ARCHIVE_DIR}: the folder the retention purge writes its archive files to before it deletes the
     * rows they hold; unset, purged rows are not archived. Created when missing; checked writable at start-up.
     */
    Optional<Path> dir();
}
