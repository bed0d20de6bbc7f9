/* stemcost serve: HTTP through libmicrohttpd (see serve.h).  This file only
 * speaks HTTP: it checks the request (method, Host, size), hands the path
 * and the decoded query to sv_handle, and sends the answer with the
 * security headers.  One thread serves every connection (libmicrohttpd's
 * internal polling thread, no pool): the pricing tables were loaded once
 * before it starts and are only read; the episode cache is that thread's
 * alone. */
#include <config.h>

#include <arpa/inet.h>
#include <errno.h>
#include <malloc.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "serve.h"
#include "stemcost/dates.h"

extern char **environ;

typedef struct server {
    const sc_pricing *pricing;
    sc_episode_cache *episodes; /* used by libmicrohttpd's one thread only */
    const serve_options *opt;
    unsigned port;       /* the bound port */
} server;

/* Per request, from the URI callback to the completion callback. */
typedef struct request {
    int headers_seen;    /* the first call only sees the headers */
    size_t uri_length;
    size_t fields;       /* in the raw query, as libmicrohttpd splits them */
    char *uri;           /* kept only with --log (it holds the query) */
    char method[8];      /* for the log */
    unsigned status;     /* the answer queued (0: none) */
} request;

/* ---- the Host check (DNS rebinding) ---------------------------------------------- */

/* A page that another site's script reaches through a DNS name it rebinds to
 * 127.0.0.1 arrives with that name in Host.  Only "localhost" and IP
 * literals (which no DNS name can stand for), on the bound port, are
 * answered; anything else gets 421. */
static int host_allowed(const char *host, unsigned port)
{
    char name[256];
    const char *port_text = NULL;
    if (host == NULL)
        return 1; /* HTTP/1.0 without Host (handle refuses it for 1.1): not a browser */
    size_t n = strlen(host);
    if (n == 0 || n >= sizeof name)
        return 0;
    if (host[0] == '[') {
        const char *end = strchr(host, ']');
        if (end == NULL)
            return 0;
        size_t len = (size_t)(end - host - 1);
        memcpy(name, host + 1, len);
        name[len] = '\0';
        if (end[1] == ':')
            port_text = end + 2;
        else if (end[1] != '\0')
            return 0;
        struct in6_addr a6;
        if (inet_pton(AF_INET6, name, &a6) != 1)
            return 0;
    } else {
        const char *colon = strrchr(host, ':');
        size_t len = colon ? (size_t)(colon - host) : n;
        memcpy(name, host, len);
        name[len] = '\0';
        port_text = colon ? colon + 1 : NULL;
        struct in_addr a4;
        if (strcasecmp(name, "localhost") != 0 && inet_pton(AF_INET, name, &a4) != 1)
            return 0;
    }
    if (port_text == NULL)
        return port == 80;
    char *end;
    errno = 0;
    unsigned long p = strtoul(port_text, &end, 10);
    return errno == 0 && *end == '\0' && port_text[0] >= '0' && port_text[0] <= '9' && p == port;
}

/* ---- answers ----------------------------------------------------------------------- */

static void add_headers(struct MHD_Response *r, const char *type, int cacheable)
{
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, type);
    /* Everything the pages use comes from here; nothing may frame them. */
    MHD_add_response_header(r, "Content-Security-Policy",
                            "default-src 'self'; frame-ancestors 'none'; form-action 'self'; "
                            "base-uri 'none'");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
    MHD_add_response_header(r, "X-Frame-Options", "DENY");
    /* The pages hold health data: never stored by the browser or a cache. */
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL,
                            cacheable ? "max-age=3600" : "no-store");
}

static enum MHD_Result send_text(struct MHD_Connection *c, request *rq, unsigned status,
                                 const char *text)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(strlen(text), (void *)text, MHD_RESPMEM_PERSISTENT);
    if (r == NULL)
        return MHD_NO;
    add_headers(r, "text/plain; charset=utf-8", 0);
    if (status == MHD_HTTP_METHOD_NOT_ALLOWED)
        MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD");
    enum MHD_Result ret = MHD_queue_response(c, status, r);
    MHD_destroy_response(r);
    if (ret == MHD_YES && rq != NULL)
        rq->status = status;
    return ret;
}

/* Content-Length other than 0 (a malformed one libmicrohttpd refuses itself). */
static int has_body(const char *length)
{
    if (length == NULL)
        return 0;
    while (*length == '0')
        length++;
    return *length != '\0';
}

/* What the header fields say about the request as a whole. */
typedef struct header_scan {
    size_t bytes;    /* as sent: name, ": ", value, CRLF */
    int hosts;       /* Host fields */
    int bad_name;    /* a name with white space ("Host : x"), RFC 9112 section 5.1 */
} header_scan;

static enum MHD_Result scan_header(void *cls, enum MHD_ValueKind kind, const char *key,
                                   size_t key_size, const char *value, size_t value_size)
{
    header_scan *hs = cls;
    (void)kind;
    (void)value;
    hs->bytes += key_size + value_size + 4;
    if (key_size == 4 && strncasecmp(key, "Host", 4) == 0)
        hs->hosts++;
    if (key_size == 0 || strcspn(key, " \t") < key_size)
        hs->bad_name = 1;
    return MHD_YES;
}

/* ---- the query --------------------------------------------------------------------- */

/* The query's keys and values reach collect() as libmicrohttpd split them,
 * still escaped (keep_escapes); each is decoded here, where its field is
 * known, so that a bad escape is refused naming that field. */
typedef struct pairs {
    sv_pair items[SV_MAX_PAIRS + 1];
    size_t n;          /* may pass SV_MAX_PAIRS: the parser refuses it */
    /* The decoded keys and values, each ended by a NUL where the query had
     * '=' or '&': they fit when the address passed the SV_MAX_URI check. */
    char text[SV_MAX_URI + 2];
    size_t used;
    int too_long;      /* they did not fit (on_uri could not check the length) */
} pairs;

/* Copy `n` bytes at `s` into ps->text, decoded; NULL when they do not fit. */
static const char *decode_into(pairs *ps, const char *s, size_t n, size_t *len, int *bad)
{
    if (n >= sizeof ps->text - ps->used) {
        ps->too_long = 1;
        return NULL;
    }
    char *out = ps->text + ps->used;
    *bad = !sv_unescape(s, n, out, len);
    ps->used += *len + 1;
    return out;
}

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               size_t key_size, const char *value, size_t value_size)
{
    pairs *ps = cls;
    (void)kind;
    if (ps->n <= SV_MAX_PAIRS) {
        sv_pair *it = &ps->items[ps->n];
        memset(it, 0, sizeof *it);
        it->key = decode_into(ps, key, key_size, &it->key_len, &it->key_bad_escape);
        if (it->key != NULL && value != NULL)
            it->value = decode_into(ps, value, value_size, &it->value_len,
                                    &it->value_bad_escape);
        if (ps->too_long)
            return MHD_NO;
    }
    ps->n++;
    return MHD_YES;
}

/* Registered as libmicrohttpd's unescaper: leave the path and the query as
 * they came, for sv_unescape to decode strictly (see collect, handle). */
static size_t keep_escapes(void *cls, struct MHD_Connection *c, char *s)
{
    (void)cls;
    (void)c;
    return strlen(s);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *c, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **req_cls)
{
    server *sv = cls;
    request *rq = *req_cls;
    (void)upload_data;
    (void)upload_data_size;
    if (rq == NULL) /* on_uri ran out of memory */
        return MHD_NO;
    snprintf(rq->method, sizeof rq->method, "%s", method);
    if (strcmp(method, MHD_HTTP_METHOD_GET) != 0 && strcmp(method, MHD_HTTP_METHOD_HEAD) != 0)
        return send_text(c, rq, MHD_HTTP_METHOD_NOT_ALLOWED, "Only GET and HEAD are answered.\n");
    /* A body is refused on the first call, before it is read: libmicrohttpd
     * takes no answer while a body is coming in (it would close the
     * connection unanswered), and closes after this one. */
    if (!rq->headers_seen &&
        (MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_TRANSFER_ENCODING) ||
         has_body(MHD_lookup_connection_value(c, MHD_HEADER_KIND,
                                              MHD_HTTP_HEADER_CONTENT_LENGTH))))
        return send_text(c, rq, MHD_HTTP_CONTENT_TOO_LARGE, "A GET request carries no body.\n");
    /* Otherwise answer on the second call, once the whole request is read:
     * answering on the first would make libmicrohttpd close the connection. */
    if (!rq->headers_seen) {
        rq->headers_seen = 1;
        return MHD_YES;
    }
    header_scan hs = {0, 0, 0};
    MHD_get_connection_values_n(c, MHD_HEADER_KIND, scan_header, &hs);
    if (hs.bytes > SV_MAX_HEADER_BYTES)
        return send_text(c, rq, MHD_HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                         "The request's headers are too large.\n");
    /* RFC 9112 section 3.2: an HTTP/1.1 request has exactly one Host
     * (HTTP/1.0 may leave it out); two could be read differently by a proxy
     * and by this check. */
    if (hs.bad_name)
        return send_text(c, rq, MHD_HTTP_BAD_REQUEST,
                         "A header's name holds white space (\"Host : x\").\n");
    if (hs.hosts > 1 ||
        (hs.hosts == 0 && strcmp(version, MHD_HTTP_VERSION_1_0) != 0))
        return send_text(c, rq, MHD_HTTP_BAD_REQUEST,
                         "An HTTP/1.1 request names its Host once.\n");
    if (!host_allowed(MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_HOST),
                      sv->port))
        return send_text(c, rq, MHD_HTTP_MISDIRECTED_REQUEST,
                         "This server answers only to localhost or an IP address on its own "
                         "port.\n");
    if (rq->uri_length > SV_MAX_URI)
        return send_text(c, rq, MHD_HTTP_URI_TOO_LONG, "The address is too long.\n");

    /* The path, decoded as the query is.  One that cannot be decoded, or
     * holds a NUL byte, stays as given: no page has '%' in its name (404). */
    char path[SV_MAX_URI + 1];
    size_t path_len, url_len = strlen(url);
    if (url_len >= sizeof path)
        return send_text(c, rq, MHD_HTTP_URI_TOO_LONG, "The address is too long.\n");
    if (!sv_unescape(url, url_len, path, &path_len) || path_len != strlen(path))
        memcpy(path, url, url_len + 1);

    pairs *ps = malloc(sizeof *ps); /* some 5 kB: off the thread's stack */
    if (ps == NULL)
        return send_text(c, rq, MHD_HTTP_INTERNAL_SERVER_ERROR, "The server ran out of memory.\n");
    ps->n = ps->used = 0;
    ps->too_long = 0;
    /* Too many fields: on_uri kept libmicrohttpd from splitting them, and
     * the count alone makes the parser refuse the query. */
    if (rq->fields > SV_MAX_PAIRS)
        ps->n = rq->fields;
    else
        MHD_get_connection_values_n(c, MHD_GET_ARGUMENT_KIND, collect, ps);
    if (ps->too_long) {
        free(ps);
        return send_text(c, rq, MHD_HTTP_URI_TOO_LONG, "The address is too long.\n");
    }
    char today[11];
    if (sv->opt->today == NULL)
        sc_today(today);
    sv_response out;
    sv_handle(sv->pricing, sv->episodes, path, ps->items, ps->n,
              sv->opt->today ? sv->opt->today : today, &out);
    free(ps);
    struct MHD_Response *r = MHD_create_response_from_buffer(
        out.length, out.body, out.owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
    if (r == NULL) {
        sv_response_free(&out);
        return MHD_NO;
    }
    add_headers(r, out.media_type, out.cacheable);
    enum MHD_Result ret = MHD_queue_response(c, (unsigned)out.status, r);
    MHD_destroy_response(r);
    if (ret == MHD_YES)
        rq->status = (unsigned)out.status;
    return ret;
}

/* Split the query as libmicrohttpd does (MHD_parse_arguments_): one field
 * per '&'-separated part, none after a final '&'. */
static size_t count_fields(const char *query)
{
    size_t n = 0;
    for (const char *s = query; *s != '\0'; n++) {
        const char *amp = strchr(s, '&');
        if (amp == NULL)
            return n + 1;
        s = amp + 1;
    }
    return n;
}

/* The raw address, before the query is decoded: its length for the limit,
 * and with --log the address itself. */
static void *on_uri(void *cls, const char *uri, struct MHD_Connection *c)
{
    server *sv = cls;
    (void)c;
    request *rq = calloc(1, sizeof *rq);
    if (rq == NULL)
        return NULL;
    if (uri == NULL) /* a request line without an address */
        uri = "";
    rq->uri_length = strlen(uri);
    if (sv->opt->log)
        rq->uri = strndup(uri, SV_MAX_URI);
    const char *query = strchr(uri, '?');
    rq->fields = query ? count_fields(query + 1) : 0;
    /* libmicrohttpd splits the query after this call, a record in the
     * connection's memory pool per field: some thousands of '&' fill it
     * and it closes or answers 431 before handle() could say which limit
     * was passed.  A query that is refused anyway is cut off here, in
     * libmicrohttpd's own copy of the request line (the buffer it passes,
     * writable; only this callback runs before the split), so that none
     * is made; handle() refuses it from rq's length and count. */
    if (query != NULL && (rq->uri_length > SV_MAX_URI || rq->fields > SV_MAX_PAIRS))
        ((char *)query)[1] = '\0';
    return rq;
}

/* Write `s` for a terminal and for a log read line by line: a control byte
 * (a CR that would start a forged line, ESC that drives the terminal), a
 * byte past ASCII (C1 controls in UTF-8) and the backslash itself are
 * written \xNN, so that every log line is one request as it came. */
static void put_escaped(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)s; *p != '\0'; p++)
        if (*p < 0x20 || *p >= 0x7f || *p == '\\')
            fprintf(f, "\\x%02x", *p);
        else
            putc(*p, f);
}

static void on_done(void *cls, struct MHD_Connection *c, void **req_cls,
                    enum MHD_RequestTerminationCode toe)
{
    server *sv = cls;
    (void)c;
    request *rq = *req_cls;
    /* Logged here, once the answer went out: a queued answer whose header
     * libmicrohttpd could not make was never sent. */
    if (rq != NULL && sv->opt->log && rq->status != 0) {
        fputs("stemcost: ", stderr);
        put_escaped(stderr, rq->method);
        putc(' ', stderr);
        put_escaped(stderr, rq->uri ? rq->uri : "");
        fprintf(stderr, " %u%s\n", rq->status,
                toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? ""
                                                           : " not sent (the connection closed)");
    }
    if (rq != NULL) {
        free(rq->uri);
        free(rq);
    }
    *req_cls = NULL;
}

/* libmicrohttpd's own complaints (a client that went away, ...), without
 * addresses or queries unless --log. */
static void mhd_log(void *cls, const char *fmt, va_list ap)
{
    server *sv = cls;
    if (!sv->opt->log)
        return;
    /* Its messages may quote the request: escaped as the log's lines are. */
    char text[1024];
    vsnprintf(text, sizeof text, fmt, ap);
    size_t n = strlen(text);
    int newline = n > 0 && text[n - 1] == '\n';
    if (newline)
        text[n - 1] = '\0';
    fputs("stemcost: libmicrohttpd: ", stderr);
    put_escaped(stderr, text);
    putc('\n', stderr);
}

/* ---- the socket -------------------------------------------------------------------- */

typedef struct address {
    int family;
    struct sockaddr_storage sa;
    socklen_t len;
    int loopback;
    char text[72]; /* as printed in the address: "127.0.0.1", "[::1]" */
} address;

static int parse_address(const char *text, address *a)
{
    memset(a, 0, sizeof *a);
    if (text == NULL || strcasecmp(text, "localhost") == 0)
        text = "127.0.0.1";
    struct sockaddr_in *v4 = (struct sockaddr_in *)&a->sa;
    struct sockaddr_in6 *v6 = (struct sockaddr_in6 *)&a->sa;
    char bare[64];
    size_t n = strlen(text);
    if (n >= sizeof bare)
        return 0;
    memcpy(bare, text, n + 1);
    if (bare[0] == '[' && n > 2 && bare[n - 1] == ']') {
        memmove(bare, bare + 1, n - 2);
        bare[n - 2] = '\0';
    }
    if (inet_pton(AF_INET, bare, &v4->sin_addr) == 1) {
        a->family = v4->sin_family = AF_INET;
        a->len = sizeof *v4;
        a->loopback = (ntohl(v4->sin_addr.s_addr) >> 24) == 127;
        snprintf(a->text, sizeof a->text, "%s", bare);
        return 1;
    }
    if (inet_pton(AF_INET6, bare, &v6->sin6_addr) == 1) {
        a->family = v6->sin6_family = AF_INET6;
        a->len = sizeof *v6;
        a->loopback = IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr);
        snprintf(a->text, sizeof a->text, "[%s]", bare);
        return 1;
    }
    return 0;
}

/* Bind and listen ourselves, so that a port in use is said plainly. */
static int listen_on(address *a, unsigned port, unsigned *bound)
{
    int fd = socket(a->family, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        fprintf(stderr, "stemcost: serve: cannot create a socket: %s\n", strerror(errno));
        return -1;
    }
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (a->family == AF_INET6)
        setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (a->family == AF_INET)
        ((struct sockaddr_in *)&a->sa)->sin_port = htons((uint16_t)port);
    else
        ((struct sockaddr_in6 *)&a->sa)->sin6_port = htons((uint16_t)port);
    if (bind(fd, (struct sockaddr *)&a->sa, a->len) != 0 || listen(fd, 128) != 0) {
        int e = errno;
        if (e == EADDRINUSE)
            fprintf(stderr, "stemcost: %s:%u: the port is in use (another program, or another "
                            "stemcost serve); choose another with --port\n",
                    a->text, port);
        else if (e == EACCES)
            fprintf(stderr, "stemcost: %s:%u: not allowed to use this port (ports below 1024 "
                            "need privileges); choose another with --port\n",
                    a->text, port);
        else
            fprintf(stderr, "stemcost: %s:%u: cannot listen: %s\n", a->text, port, strerror(e));
        close(fd);
        return -1;
    }
    struct sockaddr_storage got;
    socklen_t len = sizeof got;
    getsockname(fd, (struct sockaddr *)&got, &len);
    *bound = ntohs(got.ss_family == AF_INET ? ((struct sockaddr_in *)&got)->sin_port
                                            : ((struct sockaddr_in6 *)&got)->sin6_port);
    return fd;
}

static void open_browser(const char *url)
{
    char *argv[] = {(char *)"xdg-open", (char *)url, NULL};
    posix_spawn_file_actions_t fa;
    pid_t pid;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 1, "/dev/null", 1 /* O_WRONLY */, 0);
    posix_spawn_file_actions_addopen(&fa, 2, "/dev/null", 1, 0);
    if (posix_spawnp(&pid, "xdg-open", &fa, NULL, argv, environ) != 0)
        fprintf(stderr, "stemcost: serve: --open: cannot start xdg-open; open %s yourself\n",
                url);
    posix_spawn_file_actions_destroy(&fa);
}

int serve_run(const serve_options *o, const sc_pricing *p)
{
    address a;
    if (!parse_address(o->bind, &a)) {
        fprintf(stderr, "stemcost: --bind: '%s' is not an IP address (127.0.0.1, ::1, or this "
                        "machine's address)\nTry 'stemcost serve --help'.\n",
                o->bind);
        return 2;
    }
    if (!a.loopback)
        fprintf(stderr, "stemcost: warning: --bind %s: the page is reachable from other "
                        "machines, without a password or encryption; anyone who reaches it "
                        "sees what is typed into it\n",
                a.text);
    /* Each page's buffers (some 100 kB) are freed when it is sent; past
     * 128 kB free at the top of the thread's heap glibc hands the memory
     * back to the kernel (madvise) and the next request faults it in again,
     * which cost more system time than making the page took user time.
     * Keep up to 64 MB (M_TRIM_THRESHOLD, mallopt(3)); the memory in use
     * stays bounded by the limits on connections and the episode cache. */
    mallopt(M_TRIM_THRESHOLD, 64 << 20);
    server sv = {p, NULL, o, 0};
    /* The comparisons' prepared episodes, kept while the server runs. */
    if ((sv.episodes = sc_episode_cache_new(p, 0)) == NULL) {
        fprintf(stderr, "stemcost: serve: out of memory\n");
        return 1;
    }
    int fd = listen_on(&a, o->port, &sv.port);
    if (fd < 0) {
        sc_episode_cache_free(sv.episodes);
        return 1;
    }

    /* SIGINT and SIGTERM are taken by sigwait below; libmicrohttpd's thread
     * inherits the blocked mask. */
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    signal(SIGCHLD, SIG_IGN); /* xdg-open is not waited for */

    /* The logger is the first option: what libmicrohttpd says while reading
     * the options before it would go to its own logger, straight to stderr
     * even without --log (and it warns that the logger is not first). */
    struct MHD_Daemon *d = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG, 0,
        NULL, NULL, handle, &sv, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, &sv,
        MHD_OPTION_LISTEN_SOCKET, fd, MHD_OPTION_CONNECTION_LIMIT, (unsigned)SV_MAX_CONNECTIONS,
        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)SV_IDLE_TIMEOUT,
        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)SV_MEMORY_PER_CONNECTION,
        MHD_OPTION_URI_LOG_CALLBACK, on_uri, &sv, MHD_OPTION_NOTIFY_COMPLETED, on_done, &sv,
        MHD_OPTION_UNESCAPE_CALLBACK, keep_escapes, NULL, MHD_OPTION_END);
    if (d == NULL) {
        fprintf(stderr, "stemcost: %s:%u: libmicrohttpd could not start\n", a.text, sv.port);
        close(fd);
        sc_episode_cache_free(sv.episodes);
        return 1;
    }
    char url[128];
    snprintf(url, sizeof url, "http://%s:%u/", a.text, sv.port);
    printf("Serving on %s (press Ctrl-C to stop)\n", url);
    fflush(stdout);
    if (o->open)
        open_browser(url);

    int sig = 0;
    while (sigwait(&stop, &sig) != 0)
        ;
    /* Stop taking connections, let the ones open finish (at most 2 s). */
    MHD_socket listening = MHD_quiesce_daemon(d);
    for (int i = 0; i < 20; i++) {
        const union MHD_DaemonInfo *info =
            MHD_get_daemon_info(d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
        if (info == NULL || info->num_connections == 0)
            break;
        nanosleep(&(struct timespec){0, 100000000L}, NULL);
    }
    MHD_stop_daemon(d);
    sc_episode_cache_free(sv.episodes);
    if (listening != MHD_INVALID_SOCKET)
        close(listening);
    fprintf(stderr, "stemcost: serve: stopped (%s)\n", sig == SIGINT ? "SIGINT" : "SIGTERM");
    return 0;
}
