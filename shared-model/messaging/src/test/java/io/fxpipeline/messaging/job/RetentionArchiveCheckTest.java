package io.fxpipeline.messaging.job;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** DATA_ARCHIVE_DIR at start-up: created when missing, refused with the variable's name when it cannot be used. */
class RetentionArchiveCheckTest {

    @TempDir
    Path temp;

    @Test
    void aMissingFolderIsCreated() {
        Path folder = temp.resolve("archive/fx");
        RetentionArchive.check(folder);
        assertThat(folder).isDirectory().isEmptyDirectory();
    }

    @Test
    void aFolderThatCannotBeCreatedStopsStartUpNamingTheVariable() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        assertThatThrownBy(() -> RetentionArchive.check(file.resolve("archive")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DATA_ARCHIVE_DIR=" + file.resolve("archive"))
                .hasMessageContaining("cannot be created");
    }

    @Test
    void aFileInsteadOfAFolderIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("archive"), "x");
        assertThatThrownBy(() -> RetentionArchive.check(file))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("DATA_ARCHIVE_DIR=" + file);
    }
}
