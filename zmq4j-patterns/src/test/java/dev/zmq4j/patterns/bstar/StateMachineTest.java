package dev.zmq4j.patterns.bstar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateMachineTest {
    private static StateMachine in(State state) {
        StateMachine m;
        switch (state) {
            case PRIMARY, BACKUP -> m = new StateMachine(state);
            case ACTIVE -> {
                m = new StateMachine(State.PRIMARY);
                m.on(Event.PEER_BACKUP, false);
            }
            default -> {
                m = new StateMachine(State.PRIMARY);
                m.on(Event.PEER_ACTIVE, false);
            }
        }
        assertThat(m.state()).isEqualTo(state);
        return m;
    }

    private static StateMachine.Outcome step(State from, Event event, boolean peerExpired) {
        return in(from).on(event, peerExpired);
    }

    @Test
    void primaryBecomesActiveOnSeeingTheBackupAndPassiveOnSeeingItActive() {
        assertThat(step(State.PRIMARY, Event.PEER_BACKUP, false).to()).isEqualTo(State.ACTIVE);
        assertThat(step(State.PRIMARY, Event.PEER_ACTIVE, false).to()).isEqualTo(State.PASSIVE);
        assertThat(step(State.PRIMARY, Event.PEER_PASSIVE, false).to()).isEqualTo(State.PRIMARY);
    }

    @Test
    void primaryServesAClientOnlyOnceTheBackupExpired() {
        StateMachine.Outcome early = step(State.PRIMARY, Event.CLIENT_REQUEST, false);
        assertThat(early.accepted()).isFalse();
        assertThat(early.to()).isEqualTo(State.PRIMARY);
        StateMachine.Outcome late = step(State.PRIMARY, Event.CLIENT_REQUEST, true);
        assertThat(late.accepted()).isTrue();
        assertThat(late.to()).isEqualTo(State.ACTIVE);
    }

    @Test
    void backupNeverServesAndBecomesPassiveOnSeeingThePrimaryActive() {
        for (boolean expired : new boolean[] {false, true}) {
            StateMachine.Outcome o = step(State.BACKUP, Event.CLIENT_REQUEST, expired);
            assertThat(o.accepted()).isFalse();
            assertThat(o.to()).isEqualTo(State.BACKUP);
        }
        assertThat(step(State.BACKUP, Event.PEER_PRIMARY, false).to()).isEqualTo(State.BACKUP);
        assertThat(step(State.BACKUP, Event.PEER_ACTIVE, false).to()).isEqualTo(State.PASSIVE);
    }

    @Test
    void passiveTakesOverOnAClientVoteOnlyAfterThePeerExpired() {
        StateMachine.Outcome peerAlive = step(State.PASSIVE, Event.CLIENT_REQUEST, false);
        assertThat(peerAlive.accepted()).isFalse();
        assertThat(peerAlive.to()).isEqualTo(State.PASSIVE);
        StateMachine.Outcome vote = step(State.PASSIVE, Event.CLIENT_REQUEST, true);
        assertThat(vote.accepted()).isTrue();
        assertThat(vote.to()).isEqualTo(State.ACTIVE);
        assertThat(step(State.PASSIVE, Event.PEER_ACTIVE, false).to()).isEqualTo(State.PASSIVE);
    }

    @Test
    void passiveBecomesActiveWhenThePeerRestarts() {
        assertThat(step(State.PASSIVE, Event.PEER_PRIMARY, false).to()).isEqualTo(State.ACTIVE);
        assertThat(step(State.PASSIVE, Event.PEER_BACKUP, false).to()).isEqualTo(State.ACTIVE);
    }

    @Test
    void activeServesEveryClientAndIgnoresAPassiveOrStartingPeer() {
        assertThat(step(State.ACTIVE, Event.CLIENT_REQUEST, false).accepted()).isTrue();
        assertThat(step(State.ACTIVE, Event.PEER_PASSIVE, false).to()).isEqualTo(State.ACTIVE);
        assertThat(step(State.ACTIVE, Event.PEER_PRIMARY, false).to()).isEqualTo(State.ACTIVE);
        assertThat(step(State.ACTIVE, Event.PEER_BACKUP, false).to()).isEqualTo(State.ACTIVE);
    }

    @Test
    void twinStatesAreFatal() {
        assertThat(step(State.ACTIVE, Event.PEER_ACTIVE, false).fatal()).contains("dual active");
        assertThat(step(State.PASSIVE, Event.PEER_PASSIVE, false).fatal()).contains("dual passive");
        assertThat(step(State.PRIMARY, Event.PEER_PRIMARY, false).fatal()).contains("both servers are configured as primary");
        assertThat(step(State.BACKUP, Event.PEER_BACKUP, false).fatal()).contains("both servers are configured as backup");
        StateMachine.Outcome o = step(State.ACTIVE, Event.PEER_ACTIVE, false);
        assertThat(o.to()).isEqualTo(State.ACTIVE);
        assertThat(o.accepted()).isFalse();
    }

    @Test
    void startsOnlyAsPrimaryOrBackup() {
        assertThatThrownBy(() -> new StateMachine(State.ACTIVE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("initial: ACTIVE");
    }

    @Test
    void statesHaveTheZguideWireCodes() {
        assertThat(State.PRIMARY.code()).isEqualTo(1);
        assertThat(State.BACKUP.code()).isEqualTo(2);
        assertThat(State.ACTIVE.code()).isEqualTo(3);
        assertThat(State.PASSIVE.code()).isEqualTo(4);
        assertThat(State.ofCode(3)).isEqualTo(State.ACTIVE);
        assertThat(State.ofCode(5)).isNull();
    }
}
