package dev.zmq4j.mechanism.curve;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.util.Arrays;

/**
 * Salsa20's keystream XORed onto data, eight bytes at a time. The cipher is BouncyCastle's (its
 * 20-round core, {@link Salsa20Engine#salsaCore}); this class only lays out the input block
 * (constants, key, nonce, block counter) and XORs the blocks onto the data, as BouncyCastle's
 * {@code Salsa20Engine.processBytes} does one byte at a time, which was a quarter of CURVE's cost
 * (profile in docs/PERFORMANCE.md). Checked against BouncyCastle's engine, NaCl's vector and
 * libsodium by the tests. Not thread-safe.
 */
final class Salsa20Keystream {
    private static final int BLOCK = 64;
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INTS = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    /** "expand 32-byte k". */
    private static final int[] SIGMA = {0x61707865, 0x3320646e, 0x79622d32, 0x6b206574};

    private final int[] input = new int[16];
    private final int[] output = new int[16];
    private final byte[] block = new byte[BLOCK];
    private int used = BLOCK;

    /** @param key the 32-byte key (here XSalsa20's sub-key), copied into the input block */
    Salsa20Keystream(byte[] key) {
        input[0] = SIGMA[0];
        input[5] = SIGMA[1];
        input[10] = SIGMA[2];
        input[15] = SIGMA[3];
        for (int i = 0; i < 4; i++) {
            input[1 + i] = (int) INTS.get(key, 4 * i);
            input[11 + i] = (int) INTS.get(key, 16 + 4 * i);
        }
    }

    /** Starts the keystream of the 8-byte nonce {@code nonce[off .. off + 8)} at block 0. */
    void start(byte[] nonce, int off) {
        input[6] = (int) INTS.get(nonce, off);
        input[7] = (int) INTS.get(nonce, off + 4);
        input[8] = 0;
        input[9] = 0;
        used = BLOCK;
    }

    /** {@code out[outOff ..] = in[off .. off + len) XOR} the next {@code len} bytes of keystream. */
    void xor(byte[] in, int off, int len, byte[] out, int outOff) {
        while (len > 0) {
            if (used == BLOCK) {
                nextBlock();
            }
            int n = Math.min(len, BLOCK - used);
            int i = 0;
            // Bytes up to an eight-byte boundary of the block, then eight at a time.
            for (; i < n && ((used + i) & 7) != 0; i++) {
                out[outOff + i] = (byte) (in[off + i] ^ block[used + i]);
            }
            for (; i + 8 <= n; i += 8) {
                LONGS.set(out, outOff + i, (long) LONGS.get(in, off + i) ^ (long) LONGS.get(block, used + i));
            }
            for (; i < n; i++) {
                out[outOff + i] = (byte) (in[off + i] ^ block[used + i]);
            }
            used += n;
            off += n;
            outOff += n;
            len -= n;
        }
    }

    private void nextBlock() {
        Salsa20Engine.salsaCore(20, input, output);
        for (int i = 0; i < 16; i++) {
            INTS.set(block, 4 * i, output[i]);
        }
        if (++input[8] == 0) {
            input[9]++;
        }
        used = 0;
    }

    /** Forgets the key and the keystream. */
    void clear() {
        Arrays.fill(input, 0);
        Arrays.fill(output, 0);
        Arrays.fill(block, (byte) 0);
    }
}
