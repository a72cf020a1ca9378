package dev.zmq4j.mechanism.curve;

import dev.zmq4j.security.CurveKeyPair;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Random;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.junit.jupiter.api.Test;

/**
 * The box primitives against the crypto_box test vector of the NaCl distribution ("Cryptography in
 * NaCl", D. J. Bernstein, section 10: Alice's and Bob's keys, the shared secret, the box key
 * {@code firstkey}, the nonce and the 131-byte message with its 147-byte box), and our XSalsa20
 * (HSalsa20 sub-key, then Salsa20) against BouncyCastle's own XSalsa20Engine.
 */
class NaclBoxKnownAnswerTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] ALICE_SK = hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
    private static final byte[] ALICE_PK = hex("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
    private static final byte[] BOB_SK = hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb");
    private static final byte[] BOB_PK = hex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
    /** crypto_box_beforenm(bobpk, alicesk): HSalsa20 of the X25519 shared secret. */
    private static final byte[] FIRSTKEY = hex("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    private static final byte[] NONCE = hex("69696ee955b62b73cd62bda875fc73d68219e0036b7a0b37");
    private static final byte[] MESSAGE = hex(
            "be075fc53c81f2d5cf141316ebeb0c7b5228c52a4c62cbd44b66849b64244ffc"
            + "e5ecbaaf33bd751a1ac728d45e6c61296cdc3c01233561f41db66cce314adb31"
            + "0e3be8250c46f06dceea3a7fa1348057e2f6556ad6b1318a024a838f21af1fde"
            + "048977eb48f59ffd4924ca1c60902e52f0a089bc76897040e082f93776384864"
            + "5e0705");
    /** The box in NaCl's "easy" layout: the 16-byte tag, then the 131 bytes of ciphertext. */
    private static final byte[] BOX = hex(
            "f3ffc7703f9400e52a7dfb4b3d3305d98e993b9f48681273c29650ba32fc76ce"
            + "48332ea7164d96a4476fb8c531a1186ac0dfc17c98dce87b4da7f011ec48c972"
            + "71d2c20f9b928fe2270d6fb863d51738b48eeee314a7cc8ab932164548e526ae"
            + "90224368517acfeabd6bb3732bc0e9da99832b61ca01b6de56244a9e88d5f9b3"
            + "7973f622a43d14a6599b1f654cb45a74e355a5");

    private static byte[] hex(String s) {
        return HEX.parseHex(s);
    }

    @Test
    void publicKeysAreTheVectorsX25519PublicKeys() {
        assertThat(CurveKeys.publicKey(ALICE_SK)).isEqualTo(ALICE_PK);
        assertThat(CurveKeys.publicKey(BOB_SK)).isEqualTo(BOB_PK);
    }

    @Test
    void boxKeyIsFirstkeyFromEitherSide() {
        assertThat(CurveKeys.boxKey(BOB_PK, ALICE_SK)).isEqualTo(FIRSTKEY);
        assertThat(CurveKeys.boxKey(ALICE_PK, BOB_SK)).isEqualTo(FIRSTKEY);
    }

    @Test
    void sealsTheMessageIntoTheVectorsBox() {
        assertThat(MESSAGE).hasSize(131);
        assertThat(SecretBox.seal(FIRSTKEY, NONCE, MESSAGE)).isEqualTo(BOX);
    }

    @Test
    void opensTheVectorsBox() {
        assertThat(SecretBox.open(FIRSTKEY, NONCE, BOX, 0, BOX.length)).isEqualTo(MESSAGE);
    }

    @Test
    void opensTheBoxAtAnOffsetIntoAnOffset() {
        byte[] framed = new byte[5 + BOX.length + 3];
        System.arraycopy(BOX, 0, framed, 5, BOX.length);
        byte[] out = new byte[7 + MESSAGE.length];
        SecretBox box = new SecretBox(FIRSTKEY, NONCE, 0);
        assertThat(box.open(NONCE, 16, framed, 5, BOX.length, out, 7)).isTrue();
        byte[] message = java.util.Arrays.copyOfRange(out, 7, out.length);
        assertThat(message).isEqualTo(MESSAGE);
    }

    @Test
    void refusesTheBoxWithAnyBitFlipped() {
        for (int i = 0; i < BOX.length; i++) {
            for (int bit = 0; bit < 8; bit += 3) {
                byte[] tampered = BOX.clone();
                tampered[i] ^= (byte) (1 << bit);
                assertThat(SecretBox.open(FIRSTKEY, NONCE, tampered, 0, tampered.length))
                        .as("byte %d bit %d flipped", i, bit).isNull();
            }
        }
    }

    @Test
    void refusesTheBoxUnderAnotherNonceOrKeyOrTruncated() {
        byte[] nonce = NONCE.clone();
        nonce[23] ^= 1;
        assertThat(SecretBox.open(FIRSTKEY, nonce, BOX, 0, BOX.length)).isNull();
        byte[] key = FIRSTKEY.clone();
        key[0] ^= 1;
        assertThat(SecretBox.open(key, NONCE, BOX, 0, BOX.length)).isNull();
        assertThat(SecretBox.open(FIRSTKEY, NONCE, BOX, 0, BOX.length - 1)).isNull();
        assertThat(SecretBox.open(FIRSTKEY, NONCE, BOX, 0, 15)).isNull();
    }

    @Test
    void anEmptyMessageMakesATagOnlyBoxThatOpens() {
        byte[] box = SecretBox.seal(FIRSTKEY, NONCE, new byte[0]);
        assertThat(box).hasSize(16);
        assertThat(SecretBox.open(FIRSTKEY, NONCE, box, 0, 16)).isEmpty();
    }

    @Test
    void aLowOrderPublicKeyHasNoBoxKey() {
        // The identity point (u = 0) and u = 1 give a zero shared secret with any secret key.
        assertThat(CurveKeys.boxKey(new byte[32], BOB_SK)).isNull();
        byte[] one = new byte[32];
        one[0] = 1;
        assertThat(CurveKeys.boxKey(one, BOB_SK)).isNull();
    }

    @Test
    void keysOfTheWrongSizeAreRefusedNamingTheField() {
        assertThatThrownBy(() -> CurveKeys.publicKey(new byte[31]))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("secretKey length: 31 (expected: 32)");
        assertThatThrownBy(() -> CurveKeys.boxKey(new byte[33], BOB_SK))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("publicKey length: 33 (expected: 32)");
    }

    @Test
    void generatedKeyPairsAgreeAndHideTheirSecret() {
        CurveKeyPair a = CurveKeyPair.generate();
        CurveKeyPair b = CurveKeyPair.generate();
        assertThat(CurveKeys.publicKey(a.secretKey())).isEqualTo(a.publicKey());
        assertThat(a.publicKey()).isNotEqualTo(b.publicKey());
        assertThat(CurveKeys.boxKey(a.publicKey(), b.secretKey())).isEqualTo(CurveKeys.boxKey(b.publicKey(), a.secretKey()));
        String secretZ85 = dev.zmq4j.security.Z85.encode(a.secretKey());
        assertThat(a.toString()).contains(dev.zmq4j.security.Z85.encode(a.publicKey())).doesNotContain(secretZ85);
    }

    /**
     * The box's keystream is XSalsa20's: the ciphertext of zeros from byte 32 of the keystream on
     * (the first 32 are the Poly1305 key), compared with BouncyCastle's XSalsa20Engine, for many
     * keys, nonces and lengths, whole blocks and not.
     */
    @Test
    void theKeystreamIsXSalsa20FromItsThirtySecondByte() {
        Random random = new Random(26);
        for (int round = 0; round < 200; round++) {
            byte[] key = new byte[32];
            byte[] nonce = new byte[24];
            random.nextBytes(key);
            random.nextBytes(nonce);
            int length = random.nextInt(300);
            byte[] box = SecretBox.seal(key, nonce, new byte[length]);

            XSalsa20Engine reference = new XSalsa20Engine();
            reference.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
            byte[] stream = new byte[32 + length];
            reference.processBytes(new byte[stream.length], 0, stream.length, stream, 0);
            assertThat(java.util.Arrays.copyOfRange(box, 16, box.length))
                    .as("key %s nonce %s length %d", HEX.formatHex(key), HEX.formatHex(nonce), length)
                    .isEqualTo(java.util.Arrays.copyOfRange(stream, 32, stream.length));
        }
    }

    /** One SecretBox, reused with new nonce tails (the MESSAGE path), equals a fresh box per nonce. */
    @Test
    void aReusedBoxEqualsAFreshBoxForEveryNonceTail() {
        Random random = new Random(37);
        byte[] key = new byte[32];
        random.nextBytes(key);
        byte[] prefix = "CurveZMQMESSAGEC".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        SecretBox reused = new SecretBox(key, prefix, 0);
        for (long counter = 1; counter < 50; counter++) {
            byte[] message = new byte[random.nextInt(200)];
            random.nextBytes(message);
            byte[] nonce = CurveCommands.shortNonce(prefix, counter);
            byte[] out = new byte[16 + message.length];
            reused.seal(nonce, 16, message, 0, message.length, out, 0);
            assertThat(out).isEqualTo(SecretBox.seal(key, nonce, message));
            byte[] back = new byte[message.length];
            assertThat(reused.open(nonce, 16, out, 0, out.length, back, 0)).isTrue();
            assertThat(back).isEqualTo(message);
        }
    }
}
