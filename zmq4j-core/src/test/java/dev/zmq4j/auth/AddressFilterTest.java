package dev.zmq4j.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AddressFilterTest {
    @Test
    void passesEverythingWithEmptyLists() {
        assertThat(new AddressFilter().refusal("10.0.0.1")).isNull();
        assertThat(new AddressFilter().refusal("")).isNull();
    }

    @Test
    void comparesIpLiteralsInCanonicalForm() {
        assertThat(AddressFilter.canonical("010.000.0.1")).isEqualTo("10.0.0.1");
        assertThat(AddressFilter.canonical("::1")).isEqualTo(AddressFilter.canonical("0:0:0:0:0:0:0:1"));
        assertThat(AddressFilter.canonical("::FFFF:10.0.0.1")).isEqualTo("10.0.0.1");
        assertThat(AddressFilter.canonical("2001:DB8::1")).isEqualTo(AddressFilter.canonical("2001:db8:0:0:0:0:0:1"));
    }

    @Test
    void leavesOtherTextAloneAndNeverResolvesNames() {
        assertThat(AddressFilter.canonical("localhost")).isEqualTo("localhost");
        assertThat(AddressFilter.canonical("300.1.1.1")).isEqualTo("300.1.1.1");
        assertThat(AddressFilter.canonical("1.2.3")).isEqualTo("1.2.3");
        assertThat(AddressFilter.canonical("not:an:address:zz")).isEqualTo("not:an:address:zz");
    }

    @Test
    void denyWinsOverAllowAndAllowRestricts() {
        AddressFilter f = new AddressFilter();
        f.allow("10.0.0.1", "10.0.0.2");
        f.deny("10.0.0.2");
        assertThat(f.refusal("10.0.0.1")).isNull();
        assertThat(f.refusal("10.0.0.2")).isEqualTo("address denied");
        assertThat(f.refusal("10.0.0.3")).isEqualTo("address not allowed");
        assertThat(f.refusal("::ffff:10.0.0.1")).as("the mapped form of an allowed address").isNull();
    }

    @Test
    void onceLogRemembersUntilClearedOrEvicted() {
        OnceLog once = new OnceLog();
        assertThat(once.first("a")).isTrue();
        assertThat(once.first("a")).isFalse();
        once.clear();
        assertThat(once.first("a")).isTrue();
        for (int i = 0; i < OnceLog.CAPACITY; i++) {
            once.first("k" + i);
        }
        assertThat(once.first("a")).as("the oldest is forgotten past the capacity").isTrue();
        assertThat(once.first("k" + (OnceLog.CAPACITY - 1))).isFalse();
    }
}
