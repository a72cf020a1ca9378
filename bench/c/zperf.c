/*
 * zperf: libzmq throughput and latency tools with the same command line and output lines as
 * `zmq4j perf` (and as libzmq's own local_thr/remote_thr/local_lat/remote_lat), so that
 * bench/compare.sh can run the C library, zmq4j and JeroMQ side by side and parse one format.
 *
 *   zperf local-thr  <endpoint> <message-size> <count>       bind PULL, receive, print throughput
 *   zperf remote-thr <endpoint> <message-size> <count>       connect PUSH, send, close (linger)
 *   zperf local-lat  <endpoint> <message-size> <roundtrips>  bind REP, echo
 *   zperf remote-lat <endpoint> <message-size> <roundtrips>  connect REQ, print latency
 *   zperf inproc-thr <message-size> <count>        PUSH thread -> PULL over inproc, print throughput
 *   zperf inproc-lat <message-size> <roundtrips>   REQ <-> REP thread over inproc, print latency
 *   zperf raw-recv   tcp://<ip>:<port> <block-size> <count>  plain TCP: listen, read, print throughput
 *   zperf raw-send   tcp://<ip>:<port> <block-size> <count>  plain TCP: connect, write count blocks
 *   zperf pub-thr <endpoint> <message-size> <count> <subscribers>   bind XPUB, wait, publish
 *   zperf sub-thr <endpoint> <message-size> <count> <subscribers>   N SUBs, print aggregate throughput
 *   zperf handshake-srv <endpoint> <count>   bind REP, answer count requests (one per connection)
 *   zperf handshake-cli <endpoint> <count>   count times: new REQ, connect, request, reply, close
 *
 * Every tool over an endpoint (not inproc-*, raw-*) takes the security options --curve-server,
 * --curve-secret-key Z85, --curve-public-key Z85, --curve-server-key Z85, --curve-cert FILE,
 * --plain-server, --plain-user U, --plain-password P anywhere on its command line, as
 * `zmq4j perf` does; see zperf_security.h, which also holds the handshake tools.
 *
 * The inproc tools are libzmq's inproc_thr and inproc_lat: both sides in one process and one
 * context, the peer in a second thread.
 *
 * The raw tools use no ØMQ at all: they measure what the loopback TCP stack itself carries, the
 * ceiling for the thr tools at the same size. raw-send writes count blocks of block-size bytes,
 * one write per block; raw-recv reads into a block-size buffer and prints local-thr's lines (a
 * "message" being a block) plus bytes per second, timed from the first byte read to the last.
 * pub-thr and sub-thr measure PUB -> N SUBs (libzmq has no tool for it). pub-thr binds an XPUB with
 * XPUB_VERBOSE, waits for <subscribers> subscriptions, publishes <count> messages as fast as it
 * can (SNDHWM left at 1000: a slow subscriber misses messages), then sends an end marker (an empty
 * message) every millisecond until XPUB reports the cancel of the empty subscription, that is
 * until the last subscriber has unsubscribed or gone. sub-thr runs <subscribers> SUB sockets in one
 * context, a thread each; each stops at <count> messages or at its first end marker, then
 * unsubscribes. It prints the aggregate: all messages received over the time from the first to the
 * last message received by any subscriber, how many were delivered and the per-subscriber minimum.
 * Both tools' sockets close with LINGER 0: nothing is left to send that matters.
 *
 * Build: gcc -O2 -pthread -o bench/c/zperf bench/c/zperf.c -lzmq   (zperf.c includes zperf_security.h)
 */
#define _POSIX_C_SOURCE 200809L

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>
#include <zmq.h>

static uint64_t now_nanos(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static int fail(const char *what)
{
    fprintf(stderr, "zperf: %s: %s\n", what, zmq_strerror(zmq_errno()));
    return 1;
}

static int wrong_size(size_t actual, size_t expected)
{
    fprintf(stderr, "message of incorrect size received: %zu (expected: %zu)\n", actual, expected);
    return 1;
}

/* Receives into msg (which must be initialised) and checks its size; 0 on success. */
static int receive_sized(void *socket, zmq_msg_t *msg, size_t size)
{
    if (zmq_msg_recv(msg, socket, 0) < 0) {
        return fail("zmq_msg_recv");
    }
    if (zmq_msg_size(msg) != size) {
        return wrong_size(zmq_msg_size(msg), size);
    }
    return 0;
}

static int local_thr(void *socket, size_t size, long count)
{
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    int rc = receive_sized(socket, &msg, size);
    /* The clock starts at the first message: connection set-up is not measured. */
    uint64_t start = now_nanos();
    for (long i = 1; rc == 0 && i < count; i++) {
        rc = receive_sized(socket, &msg, size);
    }
    uint64_t elapsed = now_nanos() - start;
    zmq_msg_close(&msg);
    if (rc != 0) {
        return rc;
    }
    if (elapsed == 0) {
        elapsed = 1;
    }
    unsigned long throughput = (unsigned long) ((double) count * 1e9 / (double) elapsed);
    double megabits = (double) throughput * (double) size * 8 / 1e6;
    printf("message size: %zu [B]\n", size);
    printf("message count: %ld\n", count);
    printf("mean throughput: %lu [msg/s]\n", throughput);
    printf("mean throughput: %.3f [Mb/s]\n", megabits);
    return 0;
}

static int remote_thr(void *socket, size_t size, long count)
{
    for (long i = 0; i < count; i++) {
        zmq_msg_t msg;
        if (zmq_msg_init_size(&msg, size) != 0) {
            return fail("zmq_msg_init_size");
        }
        /* The content is left as allocated, as libzmq's remote_thr does: only the size matters. */
        if (zmq_msg_send(&msg, socket, 0) < 0) {
            zmq_msg_close(&msg);
            return fail("zmq_msg_send");
        }
    }
    return 0;
}

static int local_lat(void *socket, size_t size, long roundtrips)
{
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    int rc = 0;
    for (long i = 0; rc == 0 && i < roundtrips; i++) {
        rc = receive_sized(socket, &msg, size);
        /* Sending hands the content over and leaves msg empty, ready for the next receive. */
        if (rc == 0 && zmq_msg_send(&msg, socket, 0) < 0) {
            rc = fail("zmq_msg_send");
        }
    }
    zmq_msg_close(&msg);
    return rc;
}

static int compare_u64(const void *a, const void *b)
{
    uint64_t x = *(const uint64_t *) a;
    uint64_t y = *(const uint64_t *) b;
    return x < y ? -1 : x > y;
}

/* The nearest-rank percentile of sorted round trips, halved (one way), in microseconds. */
static double one_way_micros(const uint64_t *sorted, long n, double percentile)
{
    long rank = (long) (percentile / 100.0 * (double) n + 0.5);
    if (rank < 1) {
        rank = 1;
    }
    if (rank > n) {
        rank = n;
    }
    return (double) sorted[rank - 1] / 2e3;
}

static int remote_lat(void *socket, size_t size, long roundtrips)
{
    uint64_t *trips = malloc(sizeof(uint64_t) * (size_t) roundtrips);
    if (trips == NULL) {
        fprintf(stderr, "zperf: cannot allocate %ld round-trip times\n", roundtrips);
        return 1;
    }
    zmq_msg_t msg;
    if (zmq_msg_init_size(&msg, size) != 0) {
        free(trips);
        return fail("zmq_msg_init_size");
    }
    memset(zmq_msg_data(&msg), 0, size);
    int rc = 0;
    uint64_t start = now_nanos();
    uint64_t t0 = start;
    for (long i = 0; rc == 0 && i < roundtrips; i++) {
        if (zmq_msg_send(&msg, socket, 0) < 0) {
            rc = fail("zmq_msg_send");
            break;
        }
        rc = receive_sized(socket, &msg, size);
        uint64_t t1 = now_nanos();
        trips[i] = t1 - t0;
        t0 = t1;
    }
    zmq_msg_close(&msg);
    if (rc == 0) {
        double average = (double) (t0 - start) / 1e3 / (2.0 * (double) roundtrips);
        qsort(trips, (size_t) roundtrips, sizeof(uint64_t), compare_u64);
        printf("message size: %zu [B]\n", size);
        printf("roundtrip count: %ld\n", roundtrips);
        printf("average latency: %.3f [us]\n", average);
        printf("p50 latency: %.3f [us]\n", one_way_micros(trips, roundtrips, 50));
        printf("p99 latency: %.3f [us]\n", one_way_micros(trips, roundtrips, 99));
        printf("p99.9 latency: %.3f [us]\n", one_way_micros(trips, roundtrips, 99.9));
    }
    free(trips);
    return rc;
}

#include "zperf_security.h"

static int usage(void)
{
    fprintf(stderr,
            "usage: zperf local-thr|remote-thr|local-lat|remote-lat <endpoint> <message-size> <count> [security]\n"
            "       zperf inproc-thr|inproc-lat <message-size> <count>\n"
            "       zperf raw-recv|raw-send tcp://<ip>:<port> <block-size> <count>\n"
            "       zperf pub-thr|sub-thr <endpoint> <message-size> <count> <subscribers> [security]\n"
            "       zperf handshake-srv|handshake-cli <endpoint> <count> [security]\n"
            "security: --curve-server --curve-secret-key Z85 --curve-public-key Z85 --curve-server-key Z85\n"
            "          --curve-cert FILE --plain-server --plain-user U --plain-password P\n");
    return 2;
}

/* ---- raw TCP: the loopback ceiling ---- */

static int raw_fail(const char *what)
{
    fprintf(stderr, "zperf: %s: %s\n", what, strerror(errno));
    return 1;
}

/* Parses "tcp://<ipv4>:<port>" ("*" for any address) into addr; 0 on success. */
static int parse_tcp_endpoint(const char *endpoint, struct sockaddr_in *addr)
{
    const char *host = strncmp(endpoint, "tcp://", 6) == 0 ? endpoint + 6 : NULL;
    const char *colon = host != NULL ? strrchr(host, ':') : NULL;
    char ip[INET_ADDRSTRLEN];
    char *end;
    long port = colon != NULL ? strtol(colon + 1, &end, 10) : -1;
    if (colon == NULL || (size_t) (colon - host) >= sizeof ip || *end != '\0' || port < 1 || port > 65535) {
        fprintf(stderr, "zperf: endpoint: %s (expected: tcp://<ipv4>:<port>)\n", endpoint);
        return 1;
    }
    memcpy(ip, host, (size_t) (colon - host));
    ip[colon - host] = '\0';
    memset(addr, 0, sizeof *addr);
    addr->sin_family = AF_INET;
    addr->sin_port = htons((uint16_t) port);
    if (strcmp(ip, "*") == 0) {
        addr->sin_addr.s_addr = htonl(INADDR_ANY);
    } else if (inet_pton(AF_INET, ip, &addr->sin_addr) != 1) {
        fprintf(stderr, "zperf: endpoint: %s (expected: an IPv4 address or *)\n", endpoint);
        return 1;
    }
    return 0;
}

/* Accepts one connection and reads count blocks of size bytes from it. */
static int raw_recv(const struct sockaddr_in *addr, size_t size, long count)
{
    int one = 1;
    int listener = socket(AF_INET, SOCK_STREAM, 0);
    if (listener < 0) {
        return raw_fail("socket");
    }
    setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (bind(listener, (const struct sockaddr *) addr, sizeof *addr) != 0 || listen(listener, 1) != 0) {
        close(listener);
        return raw_fail("bind");
    }
    int fd = accept(listener, NULL, NULL);
    close(listener);
    if (fd < 0) {
        return raw_fail("accept");
    }
    char *buffer = malloc(size);
    if (buffer == NULL) {
        close(fd);
        fprintf(stderr, "zperf: cannot allocate a %zu-byte buffer\n", size);
        return 1;
    }
    uint64_t total = (uint64_t) size * (uint64_t) count;
    uint64_t received = 0;
    uint64_t start = 0;
    int rc = 0;
    while (received < total) {
        uint64_t left = total - received;
        ssize_t n = recv(fd, buffer, left < size ? (size_t) left : size, 0);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            rc = n < 0 ? raw_fail("recv") : 1;
            if (n == 0) {
                fprintf(stderr, "zperf: connection closed after %llu of %llu bytes\n",
                        (unsigned long long) received, (unsigned long long) total);
            }
            break;
        }
        if (received == 0) {
            /* As local-thr starts at the first message, this starts at the first bytes. */
            start = now_nanos();
        }
        received += (uint64_t) n;
    }
    uint64_t elapsed = now_nanos() - start;
    free(buffer);
    close(fd);
    if (rc != 0) {
        return rc;
    }
    if (elapsed == 0) {
        elapsed = 1;
    }
    double bytes_per_second = (double) total * 1e9 / (double) elapsed;
    printf("message size: %zu [B]\n", size);
    printf("message count: %ld\n", count);
    printf("mean throughput: %lu [msg/s]\n", (unsigned long) (bytes_per_second / (double) size));
    printf("mean throughput: %.3f [Mb/s]\n", bytes_per_second * 8 / 1e6);
    printf("mean throughput: %.0f [B/s]\n", bytes_per_second);
    return 0;
}

/* Connects and writes count blocks of size bytes, one send() per block (repeated if partial). */
static int raw_send(const struct sockaddr_in *addr, size_t size, long count)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) {
        return raw_fail("socket");
    }
    if (connect(fd, (const struct sockaddr *) addr, sizeof *addr) != 0) {
        close(fd);
        return raw_fail("connect");
    }
    char *block = calloc(1, size);
    if (block == NULL) {
        close(fd);
        fprintf(stderr, "zperf: cannot allocate a %zu-byte block\n", size);
        return 1;
    }
    int rc = 0;
    for (long i = 0; rc == 0 && i < count; i++) {
        size_t sent = 0;
        while (sent < size) {
            /* MSG_NOSIGNAL: a receiver that went away is an error to report, not a SIGPIPE. */
            ssize_t n = send(fd, block + sent, size - sent, MSG_NOSIGNAL);
            if (n < 0 && errno != EINTR) {
                rc = raw_fail("send");
                break;
            }
            sent += n > 0 ? (size_t) n : 0;
        }
    }
    free(block);
    /* close() queues the unsent bytes and a FIN; the receiver reads them all before EOF. */
    close(fd);
    return rc;
}

static int raw(int receive, const char *endpoint, size_t size, long count)
{
    struct sockaddr_in addr;
    if (parse_tcp_endpoint(endpoint, &addr) != 0) {
        return 2;
    }
    int rc = receive ? raw_recv(&addr, size, count) : raw_send(&addr, size, count);
    fflush(stdout);
    return rc;
}

/* The second thread of an inproc tool: connects a socket of `type` and runs `tool` on it. */
struct peer {
    void *context;
    int type;
    int (*tool)(void *, size_t, long);
    size_t size;
    long count;
    int rc;
};

static void *run_peer(void *arg)
{
    struct peer *p = arg;
    void *socket = zmq_socket(p->context, p->type);
    if (socket == NULL) {
        p->rc = fail("zmq_socket");
        return NULL;
    }
    if (zmq_connect(socket, p->type == ZMQ_PUSH ? "inproc://thr_test" : "inproc://lat_test") != 0) {
        p->rc = fail("zmq_connect");
    } else {
        p->rc = p->tool(socket, p->size, p->count);
    }
    zmq_close(socket);
    return NULL;
}

/* inproc-thr (PULL here, PUSH in a thread) or inproc-lat (REP here, REQ in a thread). */
static int inproc(int thr, size_t size, long count)
{
    void *context = zmq_ctx_new();
    if (context == NULL) {
        return fail("zmq_ctx_new");
    }
    void *socket = zmq_socket(context, thr ? ZMQ_PULL : ZMQ_REP);
    if (socket == NULL) {
        return fail("zmq_socket");
    }
    if (zmq_bind(socket, thr ? "inproc://thr_test" : "inproc://lat_test") != 0) {
        return fail("zmq_bind");
    }
    struct peer p = {context, thr ? ZMQ_PUSH : ZMQ_REQ, thr ? remote_thr : remote_lat, size, count, 0};
    pthread_t thread;
    if (pthread_create(&thread, NULL, run_peer, &p) != 0) {
        fprintf(stderr, "zperf: pthread_create failed\n");
        return 1;
    }
    int rc = thr ? local_thr(socket, size, count) : local_lat(socket, size, count);
    pthread_join(thread, NULL);
    zmq_close(socket);
    zmq_ctx_term(context);
    fflush(stdout);
    return rc != 0 ? rc : p.rc;
}

static int parse_number(const char *text, const char *name, long min, long *out)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || end == text || value < min) {
        fprintf(stderr, "zperf: %s: %s (expected: an integer >= %ld)\n", name, text, min);
        return 0;
    }
    *out = value;
    return 1;
}

/* ---- PUB -> N SUBs ---- */

/* How long pub-thr repeats the end marker before it gives up on the subscribers leaving. */
#define END_TIMEOUT_SECONDS 30

static int pub_thr(void *context, const char *endpoint, size_t size, long count, long subscribers,
                   const struct security *sec)
{
    void *xpub = zmq_socket(context, ZMQ_XPUB);
    if (xpub == NULL) {
        return fail("zmq_socket");
    }
    if (security_apply(xpub, sec) != 0) {
        zmq_close(xpub);
        return 1;
    }
    /* Nothing is worth lingering for once the last subscriber has cancelled: only markers are left. */
    int zero = 0;
    zmq_setsockopt(xpub, ZMQ_LINGER, &zero, sizeof zero);
    int verbose = 1;
    if (zmq_setsockopt(xpub, ZMQ_XPUB_VERBOSE, &verbose, sizeof verbose) != 0) {
        zmq_close(xpub);
        return fail("zmq_setsockopt(ZMQ_XPUB_VERBOSE)");
    }
    if (zmq_bind(xpub, endpoint) != 0) {
        zmq_close(xpub);
        return fail("zmq_bind");
    }
    int rc = 0;
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (long subscribed = 0; subscribed < subscribers;) {
        if (zmq_msg_recv(&msg, xpub, 0) < 0) {
            rc = fail("zmq_msg_recv");
            break;
        }
        if (zmq_msg_size(&msg) > 0 && ((const unsigned char *) zmq_msg_data(&msg))[0] == 1) {
            subscribed++;
        }
    }
    for (long i = 0; rc == 0 && i < count; i++) {
        zmq_msg_t out;
        if (zmq_msg_init_size(&out, size) != 0) {
            rc = fail("zmq_msg_init_size");
            break;
        }
        /* As in remote_thr, the content is left as allocated: it matches the empty subscription. */
        if (zmq_msg_send(&out, xpub, 0) < 0) {
            zmq_msg_close(&out);
            rc = fail("zmq_msg_send");
        }
    }
    int pause_millis = 1;
    zmq_setsockopt(xpub, ZMQ_RCVTIMEO, &pause_millis, sizeof pause_millis);
    uint64_t deadline = now_nanos() + (uint64_t) END_TIMEOUT_SECONDS * 1000000000u;
    while (rc == 0) {
        if (zmq_send(xpub, "", 0, 0) < 0) {
            rc = fail("zmq_send");
            break;
        }
        if (zmq_msg_recv(&msg, xpub, 0) >= 0) {
            if (zmq_msg_size(&msg) > 0 && ((const unsigned char *) zmq_msg_data(&msg))[0] == 0) {
                break;
            }
        } else if (zmq_errno() != EAGAIN) {
            rc = fail("zmq_msg_recv");
            break;
        }
        if (now_nanos() > deadline) {
            fprintf(stderr, "pub-thr: the subscribers had not all left %d s after the last message\n",
                    END_TIMEOUT_SECONDS);
            rc = 1;
        }
    }
    zmq_msg_close(&msg);
    zmq_close(xpub);
    return rc;
}

/* One sub-thr subscriber: its socket, and what its thread received. */
struct subscriber {
    void *socket;
    size_t size;
    long count;
    long received;
    uint64_t first;
    uint64_t last;
    int rc;
};

/* Receives until count messages or the end marker (an empty message), then unsubscribes. */
static void *run_subscriber(void *arg)
{
    struct subscriber *s = arg;
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    while (s->received < s->count) {
        if (zmq_msg_recv(&msg, s->socket, 0) < 0) {
            s->rc = fail("zmq_msg_recv");
            break;
        }
        uint64_t now = now_nanos();
        size_t n = zmq_msg_size(&msg);
        if (n != s->size) {
            if (n != 0) {
                s->rc = wrong_size(n, s->size);
            }
            break;
        }
        if (s->received == 0) {
            s->first = now;
        }
        s->last = now;
        s->received++;
    }
    zmq_msg_close(&msg);
    /* Once every subscriber has cancelled (or gone), XPUB tells pub-thr to stop the markers. */
    zmq_setsockopt(s->socket, ZMQ_UNSUBSCRIBE, "", 0);
    return NULL;
}

static int sub_thr(void *context, const char *endpoint, size_t size, long count, long subscribers,
                   const struct security *sec)
{
    struct subscriber *subs = calloc((size_t) subscribers, sizeof *subs);
    pthread_t *threads = calloc((size_t) subscribers, sizeof *threads);
    if (subs == NULL || threads == NULL) {
        fprintf(stderr, "zperf: cannot allocate %ld subscribers\n", subscribers);
        free(subs);
        free(threads);
        return 1;
    }
    int rc = 0;
    long started = 0;
    for (; started < subscribers; started++) {
        struct subscriber *s = &subs[started];
        s->size = size;
        s->count = count;
        s->socket = zmq_socket(context, ZMQ_SUB);
        if (s->socket == NULL) {
            rc = fail("zmq_socket");
            break;
        }
        /* Nothing a subscriber sends matters once it is done. */
        int zero = 0;
        zmq_setsockopt(s->socket, ZMQ_LINGER, &zero, sizeof zero);
        if (security_apply(s->socket, sec) != 0) {
            rc = 1;
            zmq_close(s->socket);
            break;
        }
        if (zmq_setsockopt(s->socket, ZMQ_SUBSCRIBE, "", 0) != 0 || zmq_connect(s->socket, endpoint) != 0) {
            rc = fail("zmq_connect");
            zmq_close(s->socket);
            break;
        }
        if (pthread_create(&threads[started], NULL, run_subscriber, s) != 0) {
            fprintf(stderr, "zperf: pthread_create failed\n");
            rc = 1;
            zmq_close(s->socket);
            break;
        }
    }
    if (rc != 0) {
        /* Subscribers already started would wait forever: make their receive fail with ETERM. */
        zmq_ctx_shutdown(context);
    }
    long total = 0;
    long minimum = count;
    uint64_t first = UINT64_MAX;
    uint64_t last = 0;
    for (long i = 0; i < started; i++) {
        pthread_join(threads[i], NULL);
        zmq_close(subs[i].socket);
        if (rc == 0) {
            rc = subs[i].rc;
        }
        total += subs[i].received;
        if (subs[i].received < minimum) {
            minimum = subs[i].received;
        }
        if (subs[i].received > 0) {
            first = subs[i].first < first ? subs[i].first : first;
            last = subs[i].last > last ? subs[i].last : last;
        }
    }
    if (rc == 0) {
        uint64_t elapsed = total == 0 || last <= first ? 1 : last - first;
        unsigned long throughput = (unsigned long) ((double) total * 1e9 / (double) elapsed);
        double megabits = (double) throughput * (double) size * 8 / 1e6;
        printf("message size: %zu [B]\n", size);
        printf("message count: %ld\n", count);
        printf("subscribers: %ld\n", subscribers);
        printf("delivered: %ld of %ld\n", total, count * subscribers);
        printf("per-subscriber minimum: %ld of %ld\n", minimum, count);
        printf("mean throughput: %lu [msg/s]\n", throughput);
        printf("mean throughput: %.3f [Mb/s]\n", megabits);
    }
    free(subs);
    free(threads);
    return rc;
}

static int pubsub(const char *tool, const char *endpoint, const char *size_text, const char *count_text,
                  const char *subscribers_text, const struct security *sec)
{
    long size;
    long count;
    long subscribers;
    /* An empty message is the end marker, so messages have one byte at least. */
    if (!parse_number(size_text, "message-size", 1, &size) || !parse_number(count_text, "count", 1, &count)
        || !parse_number(subscribers_text, "subscribers", 1, &subscribers)) {
        return 2;
    }
    void *context = zmq_ctx_new();
    if (context == NULL) {
        return fail("zmq_ctx_new");
    }
    if (subscribers + 1 > zmq_ctx_get(context, ZMQ_MAX_SOCKETS)) {
        zmq_ctx_set(context, ZMQ_MAX_SOCKETS, (int) subscribers + 1);
    }
    struct zap zap;
    int rc = zap_start(context, sec, &zap);
    if (rc == 0) {
        rc = strcmp(tool, "pub-thr") == 0 ? pub_thr(context, endpoint, (size_t) size, count, subscribers, sec)
                                          : sub_thr(context, endpoint, (size_t) size, count, subscribers, sec);
    }
    zap_stop(&zap);
    zmq_ctx_term(context);
    fflush(stdout);
    return rc;
}

/* handshake-srv or handshake-cli, in a context of their own. */
static int handshake(const char *tool, const char *endpoint, const char *count_text, const struct security *sec)
{
    long count;
    if (!parse_number(count_text, "count", 1, &count)) {
        return 2;
    }
    void *context = zmq_ctx_new();
    if (context == NULL) {
        return fail("zmq_ctx_new");
    }
    struct zap zap;
    int rc = zap_start(context, sec, &zap);
    if (rc == 0) {
        rc = strcmp(tool, "handshake-srv") == 0 ? handshake_srv(context, endpoint, count, sec)
                                                : handshake_cli(context, endpoint, count, sec);
    }
    zap_stop(&zap);
    zmq_ctx_term(context);
    fflush(stdout);
    return rc;
}

int main(int argc, char **argv)
{
    struct security sec;
    int usage_rc = security_parse(&argc, argv, &sec);
    if (usage_rc != 0) {
        return usage_rc;
    }
    int secured = security_is_curve(&sec) || security_is_plain(&sec);
    if (argc == 6 && (strcmp(argv[1], "pub-thr") == 0 || strcmp(argv[1], "sub-thr") == 0)) {
        return pubsub(argv[1], argv[2], argv[3], argv[4], argv[5], &sec);
    }
    if (argc == 4 && (strcmp(argv[1], "handshake-srv") == 0 || strcmp(argv[1], "handshake-cli") == 0)) {
        return handshake(argv[1], argv[2], argv[3], &sec);
    }
    if (secured && argc >= 2 && (strncmp(argv[1], "inproc-", 7) == 0 || strncmp(argv[1], "raw-", 4) == 0)) {
        return security_usage("the inproc and raw tools have no handshake (expected: no security options)");
    }
    if (argc == 4 && (strcmp(argv[1], "inproc-thr") == 0 || strcmp(argv[1], "inproc-lat") == 0)) {
        long size;
        long count;
        if (!parse_number(argv[2], "message-size", 0, &size) || !parse_number(argv[3], "count", 1, &count)) {
            return 2;
        }
        return inproc(strcmp(argv[1], "inproc-thr") == 0, (size_t) size, count);
    }
    if (argc != 5) {
        return usage();
    }
    const char *tool = argv[1];
    const char *endpoint = argv[2];
    long size;
    long count;
    if (!parse_number(argv[3], "message-size", 0, &size) || !parse_number(argv[4], "count", 1, &count)) {
        return 2;
    }
    if (strcmp(tool, "raw-recv") == 0 || strcmp(tool, "raw-send") == 0) {
        if (size < 1) {
            fprintf(stderr, "zperf: block-size: %ld (expected: >= 1)\n", size);
            return 2;
        }
        return raw(strcmp(tool, "raw-recv") == 0, endpoint, (size_t) size, count);
    }
    int type;
    int bind;
    if (strcmp(tool, "local-thr") == 0) {
        type = ZMQ_PULL;
        bind = 1;
    } else if (strcmp(tool, "remote-thr") == 0) {
        type = ZMQ_PUSH;
        bind = 0;
    } else if (strcmp(tool, "local-lat") == 0) {
        type = ZMQ_REP;
        bind = 1;
    } else if (strcmp(tool, "remote-lat") == 0) {
        type = ZMQ_REQ;
        bind = 0;
    } else {
        return usage();
    }

    void *context = zmq_ctx_new();
    if (context == NULL) {
        return fail("zmq_ctx_new");
    }
    struct zap zap;
    if (zap_start(context, &sec, &zap) != 0) {
        return 1;
    }
    void *socket = zmq_socket(context, type);
    if (socket == NULL) {
        return fail("zmq_socket");
    }
    int rc;
    if (security_apply(socket, &sec) != 0) {
        rc = 1;
    } else if ((bind ? zmq_bind(socket, endpoint) : zmq_connect(socket, endpoint)) != 0) {
        rc = fail(bind ? "zmq_bind" : "zmq_connect");
    } else if (type == ZMQ_PULL) {
        rc = local_thr(socket, (size_t) size, count);
    } else if (type == ZMQ_PUSH) {
        rc = remote_thr(socket, (size_t) size, count);
    } else if (type == ZMQ_REP) {
        rc = local_lat(socket, (size_t) size, count);
    } else {
        rc = remote_lat(socket, (size_t) size, count);
    }
    /* Default LINGER is infinite: close and term return once every queued message has left. */
    zmq_close(socket);
    zap_stop(&zap);
    zmq_ctx_term(context);
    fflush(stdout);
    return rc;
}
