package dev.zmq4j.bench.jmh;

import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The speed of the cryptographic primitives CURVE is built on, as BouncyCastle provides them, with
 * nothing of zmq4j around them: the ceiling of CURVE's throughput and handshake rate in this
 * library (the project does not write cryptographic primitives itself). {@code bench/c/sodium_prims.c}
 * measures the same operations in libsodium, which libzmq uses.
 *
 * <ul>
 *   <li>{@code salsaCore}: one 64-byte Salsa20 block (BouncyCastle's 20-round core, what
 *       zmq4j's keystream calls per block);
 *   <li>{@code xsalsa20Engine64KiB}: BouncyCastle's own XSalsa20 engine over 64 KiB;
 *   <li>{@code poly1305Of64KiB}: a Poly1305 tag of 64 KiB;
 *   <li>{@code x25519}: one X25519 scalar multiplication (a CURVE handshake makes four per side).
 * </ul>
 *
 * <p>Run: {@code java -cp zmq4j-bench/target/zmq4j-bench.jar org.openjdk.jmh.Main CurvePrimitives}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class CurvePrimitivesBenchmark {
    static final int LARGE = 64 * 1024;

    private final int[] block = new int[16];
    private final int[] out = new int[16];
    private final byte[] data = new byte[LARGE];
    private final byte[] sink = new byte[LARGE];
    private final byte[] tag = new byte[16];
    private final byte[] key = new byte[32];
    private final byte[] nonce = new byte[24];
    private final byte[] scalar = new byte[X25519.SCALAR_SIZE];
    private final byte[] point = new byte[X25519.POINT_SIZE];
    private final byte[] product = new byte[X25519.POINT_SIZE];
    private final XSalsa20Engine xsalsa = new XSalsa20Engine();
    private final Poly1305 poly = new Poly1305();

    @Setup
    public void setUp() {
        for (int i = 0; i < 32; i++) {
            key[i] = (byte) (i * 7 + 1);
            scalar[i] = (byte) (i * 13 + 5);
        }
        for (int i = 0; i < 16; i++) {
            block[i] = i * 0x01010101;
        }
        X25519.scalarMultBase(key, 0, point, 0);
    }

    /** One 64-byte block of Salsa20 keystream. */
    @Benchmark
    public int[] salsaCore() {
        block[8]++;
        Salsa20Engine.salsaCore(20, block, out);
        return out;
    }

    /** 64 KiB through BouncyCastle's XSalsa20 engine (its byte-at-a-time XOR included). */
    @Benchmark
    public byte[] xsalsa20Engine64KiB() {
        nonce[0]++;
        xsalsa.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        xsalsa.processBytes(data, 0, LARGE, sink, 0);
        return sink;
    }

    /** The Poly1305 tag of 64 KiB. */
    @Benchmark
    public byte[] poly1305Of64KiB() {
        key[0]++;
        poly.init(new KeyParameter(key));
        poly.update(data, 0, LARGE);
        poly.doFinal(tag, 0);
        return tag;
    }

    /** One X25519 scalar multiplication of a point (a shared secret). */
    @Benchmark
    public byte[] x25519() {
        scalar[0]++;
        X25519.scalarMult(scalar, 0, point, 0, product, 0);
        return product;
    }
}
