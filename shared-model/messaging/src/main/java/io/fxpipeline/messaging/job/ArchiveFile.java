package io.fxpipeline.messaging.job;

import java.util.List;

/**
 * One archive file's share of a purge: its name in {@code DATA_ARCHIVE_DIR} (a plain file name, e.g.
 * {@code EUR_USD.H1.2025-01.csv.gz}), its header line, and its rows as lines. A line's key is its first
 * comma-separated field, which sorts as text in row order (an ISO-8601 UTC time): rows already in the file are
 * kept, and a row archived again replaces the one with the same key.
 */
public record ArchiveFile(String name, String header, List<String> lines) {

    public ArchiveFile {
        if (!name.matches("[A-Za-z0-9_][A-Za-z0-9_.-]*")) {
            throw new IllegalArgumentException("archive file name '" + name + "' is not a plain file name");
        }
        lines = List.copyOf(lines);
    }
}
