package dev.ante.api.support;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds every event, the API keys and QuestDB's credentials: it and the secrets in
 * it are the owner's alone (0700 for directories, 0600 for files) on file systems with POSIX
 * permissions. Elsewhere these calls do nothing.
 */
public final class OwnerOnlyFiles {

    private static final Logger log = LoggerFactory.getLogger(OwnerOnlyFiles.class);

    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

    private OwnerOnlyFiles() {
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    /** Creates {@code dir} (and parents) if needed and makes it the owner's alone. */
    public static void directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        if (posix()) {
            Files.setPosixFilePermissions(dir, DIRECTORY);
        }
    }

    /**
     * Takes group and other permissions away from {@code dir} and the files directly in it (not deeper:
     * the directory's own mode already keeps everyone else out of its subdirectories).
     */
    public static void restrict(Path dir) throws IOException {
        directory(dir);
        if (!posix()) {
            return;
        }
        try (Stream<Path> children = Files.list(dir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                try {
                    Files.setPosixFilePermissions(child, Files.isDirectory(child) ? DIRECTORY : FILE);
                } catch (IOException e) {
                    log.warn("cannot make {} owner-only: {}", child, e.getMessage());
                }
            }
        }
    }

    /** Writes {@code text} to {@code file} through a temporary owner-only file renamed into place. */
    public static void writeAtomically(Path file, String text) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path tmp = parent.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (posix()) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(FILE));
        }
        try (Writer writer = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writer.write(text);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }
}
