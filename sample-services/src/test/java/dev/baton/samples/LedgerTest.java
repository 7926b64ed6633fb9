package dev.baton.samples;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

    @Test
    void countsAndFindsDuplicates() {
        Ledger l = new Ledger();
        l.record(new Ledger.Delivery("a", "wf1", "t1", 0));
        l.record(new Ledger.Delivery("a", "wf1", "t1", 1));
        l.record(new Ledger.Delivery("a", "wf1", "t1", 1));
        l.record(new Ledger.Delivery("b", "wf2", "t2", 0));
        assertThat(l.total()).isEqualTo(4);
        assertThat(l.count("a")).isEqualTo(3);
        assertThat(l.distinct("a")).isEqualTo(2);
        assertThat(l.count("a", "wf1")).isEqualTo(3);
        assertThat(l.count("b", "wf1")).isZero();
        assertThat(l.hasDuplicates()).isTrue();
        assertThat(l.duplicates()).containsExactly(java.util.Map.entry(new Ledger.Delivery("a", "wf1", "t1", 1), 2));
        assertThat(l.duplicates("b")).isEmpty();
        assertThat(l.deliveries("b")).hasSize(1);
        l.clear();
        assertThat(l.total()).isZero();
        assertThat(l.hasDuplicates()).isFalse();
    }

    @Test
    void isThreadSafe() throws Exception {
        Ledger l = new Ledger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                for (int i = 0; i < 2500; i++) {
                    l.record(new Ledger.Delivery("s", "wf-" + id, "t" + i, 0));
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) {
            th.join();
        }
        assertThat(l.count("s")).isEqualTo(10_000);
        assertThat(l.distinct("s")).isEqualTo(10_000);
        assertThat(l.hasDuplicates()).isFalse();
    }
}
