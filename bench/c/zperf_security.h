/*
 * zperf's security options and handshake-rate tools. Included once by zperf.c (after its
 * helpers now_nanos, fail, wrong_size), so that zperf still builds with one gcc command.
 *
 * Options, the same as `zmq4j perf` takes; they may come anywhere on the command line:
 *   --curve-server             this side is the CURVE server (needs its secret key)
 *   --curve-secret-key Z85     this side's CURVE secret key
 *   --curve-public-key Z85     this side's CURVE public key (a client needs it)
 *   --curve-server-key Z85     the server's public key: this side is a CURVE client
 *   --curve-cert FILE          this side's key pair from a czmq certificate file
 *   --plain-server             this side is the PLAIN server
 *   --plain-user U             PLAIN user name (client; on a server: the only user accepted)
 *   --plain-password P         PLAIN password (client; on a server: the only password accepted)
 *
 * A PLAIN server runs a ZAP handler (rfc 27) in its context: libzmq refuses every PLAIN client
 * without one. It accepts any user, or with --plain-user/--plain-password only that user, and
 * every other mechanism. A CURVE server needs no handler: libzmq accepts every client key then.
 *
 * Handshake rate: handshake-cli makes <count> cycles of: new REQ socket (LINGER 0), connect,
 * send a 16-byte request, receive the reply, close; handshake-srv's REP answers each. The client
 * prints "handshake count", "handshake rate: N [handshakes/s]" and "mean handshake: X [us]".
 */
#include <stdatomic.h>

#define HANDSHAKE_REQUEST_SIZE 16
#define HANDSHAKE_REPLY_TIMEOUT_MS 10000

struct security {
    int curve_server;
    const char *secret_key;
    const char *public_key;
    const char *server_key;
    const char *cert;
    int plain_server;
    const char *plain_user;
    const char *plain_password;
    char cert_public[41];
    char cert_secret[41];
};

static int security_is_curve(const struct security *s)
{
    return s->curve_server || s->secret_key || s->public_key || s->server_key || s->cert;
}

static int security_is_plain(const struct security *s)
{
    return s->plain_server || s->plain_user || s->plain_password;
}

static int security_usage(const char *message)
{
    fprintf(stderr, "zperf: %s\n", message);
    return 2;
}

/* A tiny reader of czmq's certificate format: finds the public-key = "..." and secret-key = "..." lines. */
static int read_certificate(struct security *s)
{
    FILE *f = fopen(s->cert, "r");
    if (f == NULL) {
        fprintf(stderr, "zperf: --curve-cert: %s: %s\n", s->cert, strerror(errno));
        return 2;
    }
    char line[512];
    char key[41];
    char which[8];
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, " %6[a-z]-key = \"%40[^\"]\"", which, key) == 2 && strlen(key) == 40) {
            if (strcmp(which, "public") == 0) {
                memcpy(s->cert_public, key, sizeof key);
                s->public_key = s->cert_public;
            } else if (strcmp(which, "secret") == 0) {
                memcpy(s->cert_secret, key, sizeof key);
                s->secret_key = s->cert_secret;
            }
        }
    }
    fclose(f);
    if (s->secret_key == NULL) {
        fprintf(stderr, "zperf: --curve-cert: %s has no secret-key line (expected: a czmq secret certificate)\n", s->cert);
        return 2;
    }
    return 0;
}

static int check_key(const char *name, const char *z85, int server)
{
    uint8_t decoded[32];
    if (z85 == NULL) {
        fprintf(stderr, "zperf: missing %s (a CURVE %s needs it)\n", name, server ? "server" : "client");
        return 2;
    }
    if (strlen(z85) != 40 || zmq_z85_decode(decoded, z85) == NULL) {
        fprintf(stderr, "zperf: %s: %zu characters (expected: a key of 40 Z85 characters)\n", name, strlen(z85));
        return 2;
    }
    return 0;
}

/* Checks that the options make one consistent side, reading --curve-cert; 0, or 2 (usage). */
static int security_check(struct security *s)
{
    int curve = security_is_curve(s);
    if (curve && security_is_plain(s)) {
        return security_usage("CURVE and PLAIN options together (expected: one mechanism)");
    }
    if (!curve) {
        return s->plain_password && !s->plain_user ? security_usage("--plain-password without --plain-user") : 0;
    }
    if (s->curve_server == (s->server_key != NULL)) {
        return security_usage(s->curve_server
                                  ? "--curve-server and --curve-server-key (expected: a server or a client, not both)"
                                  : "CURVE keys without --curve-server or --curve-server-key (expected: a server or a client)");
    }
    if (s->cert != NULL) {
        if (s->secret_key || s->public_key) {
            return security_usage("--curve-cert and --curve-secret-key/--curve-public-key (expected: the keys from one place)");
        }
        int rc = read_certificate(s);
        if (rc != 0) {
            return rc;
        }
    }
    int rc = check_key("--curve-secret-key", s->secret_key, s->curve_server);
    if (rc == 0 && (!s->curve_server || s->public_key)) {
        rc = check_key("--curve-public-key", s->public_key, s->curve_server);
    }
    if (rc == 0 && !s->curve_server) {
        rc = check_key("--curve-server-key", s->server_key, 0);
    }
    return rc;
}

/* Takes the security options out of argv (the other arguments keep their order) and checks them. */
static int security_parse(int *argc, char **argv, struct security *s)
{
    memset(s, 0, sizeof *s);
    int kept = 1;
    for (int i = 1; i < *argc; i++) {
        const char *a = argv[i];
        const char **value = NULL;
        if (strcmp(a, "--curve-server") == 0) {
            s->curve_server = 1;
            continue;
        }
        if (strcmp(a, "--plain-server") == 0) {
            s->plain_server = 1;
            continue;
        }
        if (strcmp(a, "--curve-secret-key") == 0) {
            value = &s->secret_key;
        } else if (strcmp(a, "--curve-public-key") == 0) {
            value = &s->public_key;
        } else if (strcmp(a, "--curve-server-key") == 0) {
            value = &s->server_key;
        } else if (strcmp(a, "--curve-cert") == 0) {
            value = &s->cert;
        } else if (strcmp(a, "--plain-user") == 0) {
            value = &s->plain_user;
        } else if (strcmp(a, "--plain-password") == 0) {
            value = &s->plain_password;
        }
        if (value == NULL) {
            argv[kept++] = argv[i];
        } else if (i + 1 < *argc) {
            *value = argv[++i];
        } else {
            fprintf(stderr, "zperf: %s needs a value\n", a);
            return 2;
        }
    }
    *argc = kept;
    argv[kept] = NULL;
    return security_check(s);
}

/* Sets the mechanism options on a socket that is not bound or connected yet; 0 on success. */
static int security_apply(void *socket, const struct security *s)
{
    int one = 1;
    int rc = 0;
    if (s->curve_server) {
        rc = zmq_setsockopt(socket, ZMQ_CURVE_SERVER, &one, sizeof one);
        rc = rc != 0 ? rc : zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, s->secret_key, 40);
    } else if (s->server_key != NULL) {
        rc = zmq_setsockopt(socket, ZMQ_CURVE_PUBLICKEY, s->public_key, 40);
        rc = rc != 0 ? rc : zmq_setsockopt(socket, ZMQ_CURVE_SECRETKEY, s->secret_key, 40);
        rc = rc != 0 ? rc : zmq_setsockopt(socket, ZMQ_CURVE_SERVERKEY, s->server_key, 40);
    } else if (s->plain_server) {
        rc = zmq_setsockopt(socket, ZMQ_PLAIN_SERVER, &one, sizeof one);
    } else if (s->plain_user != NULL) {
        const char *password = s->plain_password != NULL ? s->plain_password : "";
        rc = zmq_setsockopt(socket, ZMQ_PLAIN_USERNAME, s->plain_user, strlen(s->plain_user));
        rc = rc != 0 ? rc : zmq_setsockopt(socket, ZMQ_PLAIN_PASSWORD, password, strlen(password));
    }
    return rc != 0 ? fail("zmq_setsockopt (security)") : 0;
}

/* ---- the ZAP handler of a PLAIN server ---- */

#define ZAP_FRAMES 8

struct zap {
    void *socket;
    const char *user;
    const char *password;
    atomic_int stopping;
    pthread_t thread;
    int running;
};

/* Whether the frame holds exactly text. */
static int frame_is(zmq_msg_t *frame, const char *text)
{
    return zmq_msg_size(frame) == strlen(text) && memcmp(zmq_msg_data(frame), text, strlen(text)) == 0;
}

/* Answers one request (frames[0..n-1]): PLAIN is checked against the user, if one is set. */
static void zap_answer(struct zap *z, zmq_msg_t *frames, int n)
{
    const char *code = "200";
    const char *text = "OK";
    const char *user = "";
    char name[256] = "";
    if (n < 6 || !frame_is(&frames[0], "1.0")) {
        code = "500";
        text = "malformed request";
    } else if (frame_is(&frames[5], "PLAIN")) {
        size_t length = n > 6 ? zmq_msg_size(&frames[6]) : 0;
        memcpy(name, n > 6 ? zmq_msg_data(&frames[6]) : "", length < sizeof name ? length : sizeof name - 1);
        user = name;
        if (z->user != NULL && (n < 8 || !frame_is(&frames[6], z->user)
                                || !frame_is(&frames[7], z->password != NULL ? z->password : ""))) {
            code = "400";
            text = "wrong user name or password";
            user = "";
        }
    }
    zmq_send(z->socket, "1.0", 3, ZMQ_SNDMORE);
    if (n > 1) {
        zmq_msg_t id;
        zmq_msg_init(&id);
        zmq_msg_copy(&id, &frames[1]);
        zmq_msg_send(&id, z->socket, ZMQ_SNDMORE);
        zmq_msg_close(&id);
    } else {
        zmq_send(z->socket, "", 0, ZMQ_SNDMORE);
    }
    zmq_send(z->socket, code, strlen(code), ZMQ_SNDMORE);
    zmq_send(z->socket, text, strlen(text), ZMQ_SNDMORE);
    zmq_send(z->socket, user, strlen(user), ZMQ_SNDMORE);
    zmq_send(z->socket, "", 0, 0);
}

static void *run_zap(void *arg)
{
    struct zap *z = arg;
    zmq_msg_t frames[ZAP_FRAMES];
    for (int i = 0; i < ZAP_FRAMES; i++) {
        zmq_msg_init(&frames[i]);
    }
    while (!atomic_load(&z->stopping)) {
        int n = 0;
        int more = 1;
        while (more) {
            /* Frames past ZAP_FRAMES are read into the last one and dropped. */
            zmq_msg_t *frame = &frames[n < ZAP_FRAMES ? n : ZAP_FRAMES - 1];
            if (zmq_msg_recv(frame, z->socket, 0) < 0) {
                break;
            }
            n++;
            more = zmq_msg_more(frame);
        }
        if (n > 0 && !more) {
            zap_answer(z, frames, n < ZAP_FRAMES ? n : ZAP_FRAMES);
        }
    }
    for (int i = 0; i < ZAP_FRAMES; i++) {
        zmq_msg_close(&frames[i]);
    }
    zmq_close(z->socket);
    return NULL;
}

/* Binds the ZAP handler in context if this side is a PLAIN server, before any socket binds. */
static int zap_start(void *context, const struct security *s, struct zap *z)
{
    memset(z, 0, sizeof *z);
    if (!s->plain_server) {
        return 0;
    }
    z->user = s->plain_user;
    z->password = s->plain_password;
    atomic_init(&z->stopping, 0);
    z->socket = zmq_socket(context, ZMQ_REP);
    if (z->socket == NULL) {
        return fail("zmq_socket (ZAP)");
    }
    /* The handler looks at its stop flag at least this often. */
    int poll_millis = 50;
    int zero = 0;
    zmq_setsockopt(z->socket, ZMQ_RCVTIMEO, &poll_millis, sizeof poll_millis);
    zmq_setsockopt(z->socket, ZMQ_LINGER, &zero, sizeof zero);
    if (zmq_bind(z->socket, "inproc://zeromq.zap.01") != 0) {
        zmq_close(z->socket);
        return fail("zmq_bind (ZAP)");
    }
    if (pthread_create(&z->thread, NULL, run_zap, z) != 0) {
        zmq_close(z->socket);
        fprintf(stderr, "zperf: pthread_create failed\n");
        return 1;
    }
    z->running = 1;
    return 0;
}

/* Stops the handler (if it runs) and waits for it to close its socket; before zmq_ctx_term. */
static void zap_stop(struct zap *z)
{
    if (z->running) {
        atomic_store(&z->stopping, 1);
        pthread_join(z->thread, NULL);
        z->running = 0;
    }
}

/* ---- handshake rate ---- */

static int handshake_srv(void *context, const char *endpoint, long count, const struct security *sec)
{
    void *rep = zmq_socket(context, ZMQ_REP);
    if (rep == NULL) {
        return fail("zmq_socket");
    }
    int rc = security_apply(rep, sec);
    if (rc == 0 && zmq_bind(rep, endpoint) != 0) {
        rc = fail("zmq_bind");
    }
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    for (long i = 0; rc == 0 && i < count; i++) {
        if (zmq_msg_recv(&msg, rep, 0) < 0) {
            rc = fail("zmq_msg_recv");
        } else if (zmq_msg_send(&msg, rep, 0) < 0) {
            rc = fail("zmq_msg_send");
        }
    }
    zmq_msg_close(&msg);
    /* LINGER is infinite: the last reply leaves before zmq_ctx_term returns. */
    zmq_close(rep);
    return rc;
}

/* One cycle: new REQ, connect, request, reply, close. */
static int handshake_once(void *context, const char *endpoint, long i, const struct security *sec)
{
    char buffer[HANDSHAKE_REQUEST_SIZE + 1];
    void *req = zmq_socket(context, ZMQ_REQ);
    if (req == NULL) {
        return fail("zmq_socket");
    }
    int zero = 0;
    int patience = HANDSHAKE_REPLY_TIMEOUT_MS;
    zmq_setsockopt(req, ZMQ_LINGER, &zero, sizeof zero);
    zmq_setsockopt(req, ZMQ_RCVTIMEO, &patience, sizeof patience);
    int rc = security_apply(req, sec);
    if (rc == 0 && zmq_connect(req, endpoint) != 0) {
        rc = fail("zmq_connect");
    }
    memset(buffer, 0, sizeof buffer);
    if (rc == 0 && zmq_send(req, buffer, HANDSHAKE_REQUEST_SIZE, 0) < 0) {
        rc = fail("zmq_send");
    }
    if (rc == 0) {
        int n = zmq_recv(req, buffer, sizeof buffer, 0);
        if (n < 0 && zmq_errno() == EAGAIN) {
            fprintf(stderr, "handshake %ld: no reply within %d ms (refused by the server?)\n", i, patience);
            rc = 1;
        } else if (n < 0) {
            rc = fail("zmq_recv");
        } else if (n != HANDSHAKE_REQUEST_SIZE) {
            rc = wrong_size((size_t) n, HANDSHAKE_REQUEST_SIZE);
        }
    }
    zmq_close(req);
    return rc;
}

static int handshake_cli(void *context, const char *endpoint, long count, const struct security *sec)
{
    int rc = 0;
    uint64_t start = now_nanos();
    for (long i = 0; rc == 0 && i < count; i++) {
        rc = handshake_once(context, endpoint, i, sec);
    }
    uint64_t elapsed = now_nanos() - start;
    if (rc == 0) {
        if (elapsed == 0) {
            elapsed = 1;
        }
        printf("handshake count: %ld\n", count);
        printf("handshake rate: %lu [handshakes/s]\n", (unsigned long) ((double) count * 1e9 / (double) elapsed));
        printf("mean handshake: %.3f [us]\n", (double) elapsed / 1e3 / (double) count);
    }
    return rc;
}
