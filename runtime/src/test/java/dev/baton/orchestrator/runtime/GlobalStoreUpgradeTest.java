package dev.baton.orchestrator.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A global store written before the definitions store kept timestamps is dropped once, to be read again. */
class GlobalStoreUpgradeTest {

    @Test
    void dropsTheGlobalStoresOfAnOlderNodeOnce(@TempDir Path data) throws Exception {
        Path global = data.resolve("streams").resolve("app").resolve("global");
        Path store = global.resolve("rocksdb").resolve("baton-definitions");
        Files.createDirectories(store);
        Files.writeString(global.resolve(".checkpoint"), "0\n1\nbaton.definitions 0 42\n");
        Path task = data.resolve("streams").resolve("app").resolve("0_1");
        Files.createDirectories(task);

        StreamsRuntime.upgradeGlobalStores(data, "app");
        assertThat(global).doesNotExist();
        assertThat(task).exists();

        // Written since: kept.
        Files.createDirectories(store);
        StreamsRuntime.upgradeGlobalStores(data, "app");
        assertThat(store).exists();
    }

    @Test
    void aNewNodeHasNothingToDrop(@TempDir Path data) {
        StreamsRuntime.upgradeGlobalStores(data, "app");
        assertThat(data.resolve("definitions-store-timestamped")).exists();
    }
}
