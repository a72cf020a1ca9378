/* The speed of libsodium's primitives under libzmq's CURVE, to set beside zmq4j-bench's
 * CurvePrimitivesBenchmark (BouncyCastle): a 64-byte Salsa20 block, XSalsa20 over 64 KiB,
 * a Poly1305 tag of 64 KiB, one X25519 scalar multiplication. Prints operations per second.
 *
 *   gcc -O2 -o bench/c/sodium_prims bench/c/sodium_prims.c -lsodium && bench/c/sodium_prims
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define LARGE (64 * 1024)
#define SECONDS 2.0

static unsigned char data[LARGE], sink[LARGE];
static unsigned char key[32], nonce[24], scalar[32], point[32], product[32], tag[16], block[64];

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

/* Runs op repeatedly for SECONDS (after as long again of warm-up) and prints its rate. */
static void measure(const char *name, void (*op)(void), double bytes) {
    for (int phase = 0; phase < 2; phase++) {
        double start = now(), elapsed;
        long n = 0;
        do {
            for (int i = 0; i < 64; i++) op();
            n += 64;
            elapsed = now() - start;
        } while (elapsed < SECONDS);
        if (phase == 1) {
            double rate = n / elapsed;
            if (bytes > 0)
                printf("%-22s %14.0f ops/s %10.1f MB/s\n", name, rate, rate * bytes / 1e6);
            else
                printf("%-22s %14.0f ops/s\n", name, rate);
        }
    }
}

static void salsa_block(void) {
    nonce[0]++;
    crypto_stream_salsa20(block, sizeof block, nonce, key);
}

static void xsalsa20_64k(void) {
    nonce[0]++;
    crypto_stream_xsalsa20_xor(sink, data, LARGE, nonce, key);
}

static void poly1305_64k(void) {
    key[0]++;
    crypto_onetimeauth_poly1305(tag, data, LARGE, key);
}

static void x25519(void) {
    scalar[0]++;
    if (crypto_scalarmult(product, scalar, point) != 0) product[0]++;
}

int main(void) {
    if (sodium_init() < 0) return 1;
    for (int i = 0; i < 32; i++) {
        key[i] = (unsigned char) (i * 7 + 1);
        scalar[i] = (unsigned char) (i * 13 + 5);
    }
    crypto_scalarmult_base(point, key);
    printf("libsodium %s\n", sodium_version_string());
    measure("salsa20 64 B block", salsa_block, 64);
    measure("xsalsa20 64 KiB", xsalsa20_64k, LARGE);
    measure("poly1305 64 KiB", poly1305_64k, LARGE);
    measure("x25519", x25519, 0);
    return 0;
}
