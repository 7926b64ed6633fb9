package dev.baton.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * State folders for test nodes in the system's temp folder. A folder that outlives the node that made it (a test
 * that restarts a node on the same data) is deleted when the test JVM exits; {@link #delete} removes one at once.
 */
public final class TempDirs {
    private static final Set<Path> AT_EXIT = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> AT_EXIT.forEach(TempDirs::delete), "temp-dirs"));
    }

    private TempDirs() {}

    /** A new empty folder named after {@code prefix}, deleted with its contents when this JVM exits. */
    public static Path deletedAtExit(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            AT_EXIT.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the folder and its contents, best effort: a folder left behind is litter, not a failure. */
    public static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // already gone, or in use
        }
        AT_EXIT.remove(dir);
    }
}
