package dev.zmq4j.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class CurveKeyPairTest {
    /** rfc 7748, section 6.1: Alice's X25519 key pair. */
    private static final byte[] ALICE_SECRET = HexFormat.of().parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PUBLIC = HexFormat.of().parseHex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");

    @Test
    void derivesThePublicKeyOfTheRfc7748Vector() {
        CurveKeyPair pair = CurveKeyPair.fromSecretKey(ALICE_SECRET);
        assertThat(pair.publicKey()).containsExactly(ALICE_PUBLIC);
        assertThat(pair.secretKey()).containsExactly(ALICE_SECRET);
        assertThat(pair.publicKeyZ85()).isEqualTo(Z85.encode(ALICE_PUBLIC));
        assertThat(pair.secretKeyZ85()).isEqualTo(Z85.encode(ALICE_SECRET));
    }

    @Test
    void takesTheSecretKeyAsZ85TextToo() {
        String z85 = Z85.encode(ALICE_SECRET);
        assertThat(CurveKeyPair.fromSecretKey(z85).publicKey()).containsExactly(ALICE_PUBLIC);
        assertThat(CurveKeyPair.fromSecretKey(z85.getBytes(java.nio.charset.StandardCharsets.US_ASCII)))
                .isEqualTo(CurveKeyPair.fromSecretKey(ALICE_SECRET));
    }

    @Test
    void generatesDistinctPairsWhosePublicKeyFollowsFromTheSecretKey() {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        assertThat(a.publicKey()).hasSize(32);
        assertThat(a.secretKey()).hasSize(32);
        assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
        assertThat(a.secretKey()).isNotEqualTo(b.secretKey());
        assertThat(CurveKeyPair.fromSecretKey(a.secretKey())).isEqualTo(a);
        assertThat(a.publicKeyZ85()).hasSize(40);
        assertThat(a.secretKeyZ85()).hasSize(40);
    }

    @Test
    void refusesASecretKeyOfTheWrongShape() {
        assertThatThrownBy(() -> CurveKeyPair.fromSecretKey(new byte[16]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("CURVE key: 16 bytes (expected: 32 bytes or 40 Z85 characters)");
        assertThatThrownBy(() -> CurveKeyPair.fromSecretKey("HelloWorld"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("secret key: 10 characters (expected: 40 Z85 characters)");
        // 40 characters, one of them non-ASCII: not Z85 (it must not become '?', which is a digit).
        String nonAscii = Z85.encode(ALICE_SECRET).substring(0, 39) + "\u00e9";
        assertThatThrownBy(() -> CurveKeyPair.fromSecretKey(nonAscii))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Z85: character 39 is not a Z85 digit");
    }

    @Test
    void showsOnlyThePublicKey() {
        CurveKeyPair pair = CurveKeyPair.fromSecretKey(ALICE_SECRET);
        assertThat(pair.toString())
                .isEqualTo("CurveKeyPair{public=" + pair.publicKeyZ85() + "}")
                .doesNotContain(pair.secretKeyZ85());
    }

    @Test
    void isAValueWhoseAccessorsReturnCopies() {
        CurveKeyPair pair = CurveKeyPair.fromSecretKey(ALICE_SECRET);
        CurveKeyPair same = CurveKeyPair.fromSecretKey(ALICE_SECRET.clone());
        assertThat(pair).isEqualTo(same).hasSameHashCodeAs(same);
        assertThat(pair).isNotEqualTo(CurveKeyPair.generate());

        pair.publicKey()[0] ^= 1;
        pair.secretKey()[0] ^= 1;
        assertThat(pair.publicKey()).containsExactly(ALICE_PUBLIC);
        assertThat(pair.secretKey()).containsExactly(ALICE_SECRET);
    }
}
