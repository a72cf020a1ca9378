package dev.zmq4j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class SlowRoundTripsTest {
    @Test
    void keepsOnlyRoundTripsAtOrOverTheThresholdAndListsThemWithTheirNumber() {
        SlowRoundTrips slow = SlowRoundTrips.parse("500");
        slow.record(0, 0, 499_999);
        slow.record(1, 1_000_000, 1_500_000);
        slow.record(2, 2_000_000, 4_000_000);
        assertThat(slow.count()).isEqualTo(2);
        StringWriter out = new StringWriter();
        slow.print(new PrintWriter(out));
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        assertThat(lines[0]).isEqualTo("slow round trips (>= 500 us): 2");
        assertThat(lines[1]).startsWith("slow round trip 1 ended ").endsWith(" took 500 us");
        assertThat(lines[2]).startsWith("slow round trip 2 ended ").endsWith(" took 2000 us");
    }

    @Test
    void countsBeyondWhatItKeeps() {
        SlowRoundTrips slow = SlowRoundTrips.parse("1");
        for (int i = 0; i < SlowRoundTrips.MAX + 5; i++) {
            slow.record(i, 0, 2_000);
        }
        assertThat(slow.count()).isEqualTo(SlowRoundTrips.MAX + 5);
        StringWriter out = new StringWriter();
        slow.print(new PrintWriter(out));
        assertThat(out.toString()).startsWith("slow round trips (>= 1 us): 10005 (the first 10000 listed)");
    }

    @Test
    void unsetOrZeroMeansOffAndGarbageIsAnError() {
        assertThat(SlowRoundTrips.parse(null)).isNull();
        assertThat(SlowRoundTrips.parse(" ")).isNull();
        assertThat(SlowRoundTrips.parse("0")).isNull();
        assertThatThrownBy(() -> SlowRoundTrips.parse("fast")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PERF_SLOW_US");
    }
}
