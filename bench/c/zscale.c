/*
 * zscale: one libzmq ROUTER serving many DEALERs, with the same command line and output lines as
 * `zmq4j perf router-srv` / `zmq4j perf dealer-clients`, so that bench/scale.sh can run both
 * implementations and parse one format.
 *
 *   zscale router-srv     <endpoint> <clients> <requests>
 *   zscale dealer-clients <endpoint> <clients> <size> <requests-per-client> [<window> [<active>]]
 *
 * The protocol (every DEALER message is one frame whose first byte says what it is; the ROUTER
 * answers on the same connection):
 *   'H' hello, <size> bytes: each DEALER's first message, sent right after zmq_connect; echoed.
 *       When every client's hello has arrived the server samples its memory.
 *   'R' ready + "<clients>/<active>" of that process in ASCII: sent by a client process once all
 *       of its DEALERs are connected and it has sampled its memory; the server holds these until
 *       their client counts add up to <clients>, then answers each with 'G' (go). This lines up
 *       several client processes, keeps the throughput phase clear of the server's sampling, and
 *       tells the server to expect <requests> round trips per active DEALER.
 *   'Q' request, <size> bytes: echoed (a reply of the same size).
 *   'D' done: after the last reply the server answers each ready message again; a client process
 *       waits for it before closing, so no connection goes while another process still measures.
 *
 * dealer-clients opens <clients> DEALERs in one context (ZMQ_MAX_SOCKETS raised to fit), measures
 * the connect time (first zmq_socket until every hello has its reply; the first DEALER is connected
 * alone, and the first connect time is until its reply), its memory, then - after
 * the go - keeps <window> (default 1) requests in flight per active DEALER (the first <active>,
 * default all; the others stay connected and idle) until each has made <requests-per-client>
 * round trips, serving all of them from one thread with zmq_poll.
 * router-srv prints its memory before the bind and with every client connected, then the round
 * trips per second from the go to the last reply. Both print their CPU time (all threads) per
 * round trip in the throughput phase.
 *
 * Memory: RSS is VmRSS from /proc/self/status; "heap" is what malloc has handed out and not taken
 * back (mallinfo2: uordblks + hblkhd), the counterpart of the JVM's heap used after a GC.
 * The ROUTER's listen backlog is set to 1024, zmq4j's fixed value (libzmq's default is 100).
 *
 * Build: gcc -O2 -o bench/c/zscale bench/c/zscale.c -lzmq
 */
#define _GNU_SOURCE

#include <dirent.h>
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

#define HELLO 'H'
#define READY 'R'
#define GO 'G'
#define REQUEST 'Q'
#define DONE 'D'

static uint64_t now_nanos(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

static int fail(const char *what)
{
    fprintf(stderr, "zscale: %s: %s\n", what, zmq_strerror(zmq_errno()));
    return 1;
}

/* ---- process statistics ---- */

struct stats {
    long rss_kib;
    long heap_bytes;
    long threads;
    long open_files;
};

/* The number in a /proc/self/status line such as "VmRSS:   123 kB", or -1. */
static long status_field(const char *name)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (f == NULL) {
        return -1;
    }
    char line[256];
    long value = -1;
    size_t n = strlen(name);
    while (fgets(line, sizeof line, f) != NULL) {
        if (strncmp(line, name, n) == 0) {
            value = strtol(line + n, NULL, 10);
            break;
        }
    }
    fclose(f);
    return value;
}

static long count_open_files(void)
{
    DIR *d = opendir("/proc/self/fd");
    if (d == NULL) {
        return -1;
    }
    long n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] != '.') {
            n++;
        }
    }
    closedir(d);
    /* Less the descriptor of the directory stream itself. */
    return n - 1;
}

static struct stats sample(void)
{
    struct mallinfo2 m = mallinfo2();
    struct stats s = {status_field("VmRSS:"), (long) (m.uordblks + m.hblkhd), status_field("Threads:"),
                      count_open_files()};
    return s;
}

static void print_memory(const struct stats *before, const struct stats *connected, long connections)
{
    long rss = before->rss_kib < 0 || connected->rss_kib < 0
                   ? -1
                   : (connected->rss_kib - before->rss_kib) * 1024 / connections;
    printf("rss before: %ld [kB]\n", before->rss_kib);
    printf("rss connected: %ld [kB]\n", connected->rss_kib);
    printf("rss per connection: %ld [B]\n", rss);
    printf("heap per connection: %ld [B]\n", (connected->heap_bytes - before->heap_bytes) / connections);
    printf("threads: %ld\n", connected->threads);
    printf("open files: %ld\n", connected->open_files);
    fflush(stdout);
}

/* CPU time of the whole process (every thread) so far. */
static uint64_t cpu_nanos(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (uint64_t) ts.tv_sec * 1000000000u + (uint64_t) ts.tv_nsec;
}

/* Round trips per second, and CPU time per round trip (which depends less on other load). */
static void print_throughput(long roundtrips, uint64_t elapsed_nanos, uint64_t cpu)
{
    if (elapsed_nanos == 0) {
        elapsed_nanos = 1;
    }
    printf("roundtrip count: %ld\n", roundtrips);
    printf("throughput: %lu [roundtrips/s]\n", (unsigned long) ((double) roundtrips * 1e9 / (double) elapsed_nanos));
    printf("cpu per roundtrip: %.3f [us]\n", roundtrips == 0 ? 0.0 : (double) cpu / 1e3 / (double) roundtrips);
    fflush(stdout);
}

/* A context that holds `sockets` sockets (libzmq's default is 1023). */
static void *new_context(long sockets)
{
    void *context = zmq_ctx_new();
    if (context == NULL) {
        fail("zmq_ctx_new");
        return NULL;
    }
    if (zmq_ctx_set(context, ZMQ_MAX_SOCKETS, (int) (sockets + 16)) != 0) {
        fail("zmq_ctx_set(ZMQ_MAX_SOCKETS)");
        zmq_ctx_term(context);
        return NULL;
    }
    return context;
}

/* ---- router-srv ---- */

/* The routing ids of the client processes' ready messages, kept to send them go and done. */
struct held {
    zmq_msg_t *ids;
    long count;
};

static int send_to_all(void *router, struct held *ready_ids, char kind)
{
    for (long i = 0; i < ready_ids->count; i++) {
        zmq_msg_t id;
        zmq_msg_init(&id);
        zmq_msg_copy(&id, &ready_ids->ids[i]);
        if (zmq_msg_send(&id, router, ZMQ_SNDMORE) < 0 || zmq_send(router, &kind, 1, 0) < 0) {
            zmq_msg_close(&id);
            return fail("zmq_send (go/done)");
        }
    }
    return 0;
}

static int serve(void *router, long clients, long requests, const struct stats *before)
{
    long hellos = 0;
    long ready = 0;
    long active = 0;
    long echoed = 0;
    /* Known at the go, once every client process has said how many of its DEALERs are active. */
    long total = -1;
    uint64_t go_nanos = 0;
    uint64_t go_cpu = 0;
    uint64_t elapsed = 0;
    uint64_t cpu = 0;
    struct held ready_ids = {calloc((size_t) clients, sizeof(zmq_msg_t)), 0};
    if (ready_ids.ids == NULL) {
        fprintf(stderr, "zscale: cannot allocate %ld routing ids\n", clients);
        return 1;
    }
    int rc = 0;
    zmq_msg_t id;
    zmq_msg_t body;
    zmq_msg_init(&id);
    zmq_msg_init(&body);
    while (rc == 0 && (total < 0 || echoed < total)) {
        if (zmq_msg_recv(&id, router, 0) < 0 || zmq_msg_recv(&body, router, 0) < 0) {
            rc = fail("zmq_msg_recv");
            break;
        }
        if (zmq_msg_more(&body) || zmq_msg_size(&body) == 0) {
            fprintf(stderr, "unexpected message (expected: routing id and a non-empty body)\n");
            rc = 1;
            break;
        }
        const char *data = zmq_msg_data(&body);
        switch (data[0]) {
        case REQUEST:
        case HELLO: {
            int hello = data[0] == HELLO;
            /* Sending hands both parts over and leaves the messages empty for the next receive. */
            if (zmq_msg_send(&id, router, ZMQ_SNDMORE) < 0 || zmq_msg_send(&body, router, 0) < 0) {
                rc = fail("zmq_msg_send");
                break;
            }
            if (!hello) {
                echoed++;
            } else if (++hellos == clients) {
                struct stats connected = sample();
                printf("clients: %ld\n", clients);
                print_memory(before, &connected, clients);
            }
            break;
        }
        case READY: {
            /* "R<clients>/<active>" */
            char counts[64];
            size_t n = zmq_msg_size(&body) - 1;
            if (n >= sizeof counts) {
                n = sizeof counts - 1;
            }
            memcpy(counts, data + 1, n);
            counts[n] = '\0';
            char *slash;
            long process_clients = strtol(counts, &slash, 10);
            ready += process_clients;
            active += *slash == '/' ? strtol(slash + 1, NULL, 10) : process_clients;
            if (ready_ids.count < clients) {
                zmq_msg_init(&ready_ids.ids[ready_ids.count]);
                zmq_msg_move(&ready_ids.ids[ready_ids.count], &id);
                ready_ids.count++;
            }
            if (ready >= clients) {
                total = active * requests;
                go_nanos = now_nanos();
                go_cpu = cpu_nanos();
                rc = send_to_all(router, &ready_ids, GO);
            }
            break;
        }
        default:
            fprintf(stderr, "unexpected message kind: %c\n", data[0]);
            rc = 1;
        }
    }
    if (rc == 0) {
        elapsed = now_nanos() - go_nanos;
        cpu = cpu_nanos() - go_cpu;
        /* Only now may the client processes close their DEALERs: not while another one still measures. */
        rc = send_to_all(router, &ready_ids, DONE);
    }
    zmq_msg_close(&id);
    zmq_msg_close(&body);
    for (long i = 0; i < ready_ids.count; i++) {
        zmq_msg_close(&ready_ids.ids[i]);
    }
    free(ready_ids.ids);
    if (rc == 0) {
        print_throughput(total, elapsed, cpu);
    }
    return rc;
}

static int router_srv(const char *endpoint, long clients, long requests)
{
    void *context = new_context(1);
    if (context == NULL) {
        return 1;
    }
    void *router = zmq_socket(context, ZMQ_ROUTER);
    if (router == NULL) {
        return fail("zmq_socket");
    }
    int backlog = 1024;
    if (zmq_setsockopt(router, ZMQ_BACKLOG, &backlog, sizeof backlog) != 0) {
        return fail("zmq_setsockopt(ZMQ_BACKLOG)");
    }
    struct stats before = sample();
    int rc;
    if (zmq_bind(router, endpoint) != 0) {
        rc = fail("zmq_bind");
    } else {
        rc = serve(router, clients, requests, &before);
    }
    /* Default LINGER is infinite: the last replies leave before term returns. */
    zmq_close(router);
    zmq_ctx_term(context);
    return rc;
}

/* ---- dealer-clients ---- */

static int wrong_reply(long length, const char *data, char kind, long size)
{
    fprintf(stderr, "unexpected reply: %ld bytes starting with %d (expected: kind %c, %ld bytes)\n", length,
            length > 0 ? data[0] : -1, kind, kind == GO || kind == DONE ? 1L : size);
    return 1;
}

struct clients {
    void *context;
    zmq_pollitem_t *items;
    long count;
    long size;
    char *buffer;
};

/*
 * Polls every DEALER and receives what is ready, up to `per_socket` replies from each in all
 * (counted in got[]: the server's done may follow the first DEALER's last reply); for each reply
 * calls on_reply(index). Returns the number of replies taken (all of kind `kind`), or -1 on error.
 */
static long poll_replies(struct clients *c, char kind, long per_socket, long *got,
                         int (*on_reply)(struct clients *, long, void *), void *arg)
{
    int n = zmq_poll(c->items, (int) c->count, 1000);
    if (n < 0) {
        fail("zmq_poll");
        return -1;
    }
    long taken = 0;
    for (long i = 0; i < c->count && n > 0; i++) {
        if ((c->items[i].revents & ZMQ_POLLIN) == 0) {
            continue;
        }
        n--;
        while (got[i] < per_socket) {
            int length = zmq_recv(c->items[i].socket, c->buffer, (size_t) c->size + 1, ZMQ_DONTWAIT);
            if (length < 0) {
                if (zmq_errno() == EAGAIN) {
                    break;
                }
                fail("zmq_recv");
                return -1;
            }
            if (length != c->size || c->buffer[0] != kind) {
                wrong_reply(length, c->buffer, kind, c->size);
                return -1;
            }
            taken++;
            got[i]++;
            if (on_reply != NULL && on_reply(c, i, arg) != 0) {
                return -1;
            }
        }
    }
    return taken;
}

struct workload {
    long *sent;
    long requests;
    char *request;
};

static int send_next(struct clients *c, long i, void *arg)
{
    struct workload *w = arg;
    if (w->sent[i] < w->requests) {
        if (zmq_send(c->items[i].socket, w->request, (size_t) c->size, 0) < 0) {
            return fail("zmq_send");
        }
        w->sent[i]++;
    }
    return 0;
}

static int run_clients(struct clients *c, const char *endpoint, long requests, long window, long active)
{
    long size = c->size;
    char *hello = calloc((size_t) size, 1);
    char *request = calloc((size_t) size, 1);
    long *sent = calloc((size_t) c->count, sizeof(long));
    long *hellos = calloc((size_t) c->count, sizeof(long));
    long *replies = calloc((size_t) c->count, sizeof(long));
    if (hello == NULL || request == NULL || sent == NULL || hellos == NULL || replies == NULL) {
        fprintf(stderr, "zscale: out of memory\n");
        return 1;
    }
    hello[0] = HELLO;
    request[0] = REQUEST;
    struct stats before = sample();

    uint64_t start = now_nanos();
    long connected = 0;
    uint64_t first_nanos = 0;
    for (long i = 0; i < c->count; i++) {
        void *s = zmq_socket(c->context, ZMQ_DEALER);
        if (s == NULL) {
            return fail("zmq_socket");
        }
        int linger = 0;
        zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
        c->items[i].socket = s;
        c->items[i].events = ZMQ_POLLIN;
        if (zmq_connect(s, endpoint) != 0) {
            return fail("zmq_connect");
        }
        if (zmq_send(s, hello, (size_t) size, 0) < 0) {
            return fail("zmq_send (hello)");
        }
        if (i == 0) {
            /* The first connection alone: what one costs on a cold process and server. */
            int length = zmq_recv(s, c->buffer, (size_t) size + 1, 0);
            if (length < 0) {
                return fail("zmq_recv (hello)");
            }
            if (length != size || c->buffer[0] != HELLO) {
                return wrong_reply(length, c->buffer, HELLO, size);
            }
            connected++;
            hellos[0] = 1;
            first_nanos = now_nanos() - start;
        }
    }
    while (connected < c->count) {
        long n = poll_replies(c, HELLO, 1, hellos, NULL, NULL);
        if (n < 0) {
            return 1;
        }
        connected += n;
    }
    uint64_t connect_nanos = now_nanos() - start;
    struct stats after = sample();
    printf("clients: %ld\n", c->count);
    printf("message size: %ld [B]\n", size);
    printf("first connect time: %.3f [ms]\n", (double) first_nanos / 1e6);
    printf("connect time: %.3f [ms]\n", (double) connect_nanos / 1e6);
    print_memory(&before, &after, c->count);

    /* Wait for the server's go (every client process connected and sampled). */
    char ready[32];
    int ready_length = snprintf(ready, sizeof ready, "R%ld/%ld", c->count, active);
    void *first = c->items[0].socket;
    if (zmq_send(first, ready, (size_t) ready_length, 0) < 0) {
        return fail("zmq_send (ready)");
    }
    int length = zmq_recv(first, c->buffer, (size_t) size + 1, 0);
    if (length < 0) {
        return fail("zmq_recv (go)");
    }
    if (length != 1 || c->buffer[0] != GO) {
        return wrong_reply(length, c->buffer, GO, size);
    }

    long total = active * requests;
    long initial = window < requests ? window : requests;
    struct workload w = {sent, requests, request};
    uint64_t t0 = now_nanos();
    uint64_t cpu0 = cpu_nanos();
    for (long i = 0; i < active; i++) {
        for (long k = 0; k < initial; k++) {
            if (zmq_send(c->items[i].socket, request, (size_t) size, 0) < 0) {
                return fail("zmq_send");
            }
        }
        sent[i] = initial;
    }
    long received = 0;
    while (received < total) {
        long n = poll_replies(c, REQUEST, requests, replies, send_next, &w);
        if (n < 0) {
            return 1;
        }
        received += n;
    }
    uint64_t elapsed = now_nanos() - t0;
    uint64_t cpu = cpu_nanos() - cpu0;
    /* Stay connected until every client process is done. */
    length = zmq_recv(first, c->buffer, (size_t) size + 1, 0);
    if (length < 0) {
        return fail("zmq_recv (done)");
    }
    if (length != 1 || c->buffer[0] != DONE) {
        return wrong_reply(length, c->buffer, DONE, size);
    }
    print_throughput(total, elapsed, cpu);
    free(hello);
    free(request);
    free(sent);
    free(hellos);
    free(replies);
    return 0;
}

static int dealer_clients(const char *endpoint, long count, long size, long requests, long window, long active)
{
    struct clients c = {new_context(count), calloc((size_t) count, sizeof(zmq_pollitem_t)), count, size,
                        malloc((size_t) size + 1)};
    if (c.context == NULL) {
        return 1;
    }
    if (c.items == NULL || c.buffer == NULL) {
        fprintf(stderr, "zscale: out of memory\n");
        return 1;
    }
    int rc = run_clients(&c, endpoint, requests, window, active);
    for (long i = 0; i < count; i++) {
        if (c.items[i].socket != NULL) {
            zmq_close(c.items[i].socket);
        }
    }
    zmq_ctx_term(c.context);
    free(c.items);
    free(c.buffer);
    return rc;
}

/* ---- command line ---- */

static int usage(void)
{
    fprintf(stderr, "usage: zscale router-srv <endpoint> <clients> <requests>\n"
                    "       zscale dealer-clients <endpoint> <clients> <size> <requests-per-client> [<window> [<active>]]\n");
    return 2;
}

static int parse_number(const char *text, const char *name, long min, long *out)
{
    char *end;
    errno = 0;
    long value = strtol(text, &end, 10);
    if (errno != 0 || *end != '\0' || end == text || value < min) {
        fprintf(stderr, "zscale: %s: %s (expected: an integer >= %ld)\n", name, text, min);
        return 0;
    }
    *out = value;
    return 1;
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "router-srv") == 0) {
        long clients;
        long requests;
        if (!parse_number(argv[3], "clients", 1, &clients) || !parse_number(argv[4], "requests", 1, &requests)) {
            return 2;
        }
        return router_srv(argv[2], clients, requests);
    }
    if (argc >= 6 && argc <= 8 && strcmp(argv[1], "dealer-clients") == 0) {
        long clients;
        long size;
        long requests;
        long window = 1;
        long active = -1;
        if (!parse_number(argv[3], "clients", 1, &clients) || !parse_number(argv[4], "size", 1, &size)
            || !parse_number(argv[5], "requests-per-client", 1, &requests)
            || (argc >= 7 && !parse_number(argv[6], "window", 1, &window))
            || (argc == 8 && !parse_number(argv[7], "active", 0, &active))) {
            return 2;
        }
        if (active > clients) {
            fprintf(stderr, "zscale: active: %ld (expected: <= clients, %ld)\n", active, clients);
            return 2;
        }
        return dealer_clients(argv[2], clients, size, requests, window, active < 0 ? clients : active);
    }
    return usage();
}
