package dev.zmq4j.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.math.ec.rfc7748.X25519;

/**
 * A CURVE long-term key pair: a Curve25519 (X25519) secret key of 32 bytes and the public key
 * derived from it, as libzmq's {@code zmq_curve_keypair} and {@code zmq_curve_public} make them.
 * The arithmetic is BouncyCastle's; nothing here is hand-made crypto.
 *
 * <p>Immutable and thread-safe; accessors return copies. {@link #toString()} shows the public key
 * only, so a key pair may be logged.
 */
public final class CurveKeyPair {
    /** The length of either key in bytes. */
    public static final int KEY_SIZE = 32;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final byte[] publicKey;
    private final byte[] secretKey;

    private CurveKeyPair(byte[] publicKey, byte[] secretKey) {
        this.publicKey = publicKey;
        this.secretKey = secretKey;
    }

    /** {@return a new key pair from a {@link SecureRandom} ({@code zmq_curve_keypair})} */
    public static CurveKeyPair generate() {
        byte[] secret = new byte[KEY_SIZE];
        X25519.generatePrivateKey(RANDOM, secret);
        return fromSecretKey(secret);
    }

    /**
     * The key pair of {@code secretKey}, given as 32 bytes or as its 40-character Z85 text in
     * ASCII ({@code zmq_curve_public}: public = X25519(secret, 9)).
     *
     * @param secretKey the secret key
     * @return the key pair, with the public key computed from the secret key
     * @throws IllegalArgumentException if it is neither
     */
    public static CurveKeyPair fromSecretKey(byte[] secretKey) {
        byte[] secret = Z85.key(secretKey);
        byte[] pub = new byte[KEY_SIZE];
        X25519.scalarMultBase(secret, 0, pub, 0);
        return new CurveKeyPair(pub, secret);
    }

    /**
     * The key pair of a secret key in Z85 text (40 characters).
     *
     * @param secretKeyZ85 the secret key
     * @return the key pair, with the public key computed from the secret key
     * @throws IllegalArgumentException if {@code secretKeyZ85} is not 40 Z85 characters
     */
    public static CurveKeyPair fromSecretKey(String secretKeyZ85) {
        if (secretKeyZ85.length() != 40) {
            throw new IllegalArgumentException("secret key: " + secretKeyZ85.length()
                    + " characters (expected: 40 Z85 characters)");
        }
        return fromSecretKey(Z85.decode(secretKeyZ85));
    }

    /** {@return the public key, 32 bytes (a copy)} */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /** {@return the secret key, 32 bytes (a copy)} */
    public byte[] secretKey() {
        return secretKey.clone();
    }

    /** {@return the public key as 40 Z85 characters} */
    public String publicKeyZ85() {
        return Z85.encode(publicKey);
    }

    /** {@return the secret key as 40 Z85 characters} */
    public String secretKeyZ85() {
        return Z85.encode(secretKey);
    }

    /**
     * {@return whether {@code o} is a key pair with equal keys (the secret keys compared in constant time)}
     *
     * @param o any object
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CurveKeyPair other
                && Arrays.equals(publicKey, other.publicKey)
                && MessageDigest.isEqual(secretKey, other.secretKey);
    }

    /** {@return a hash of the public key only} */
    @Override
    public int hashCode() {
        return Arrays.hashCode(publicKey);
    }

    /** {@return {@code CurveKeyPair{public=<Z85>}}: never the secret key} */
    @Override
    public String toString() {
        return "CurveKeyPair{public=" + publicKeyZ85() + "}";
    }
}
