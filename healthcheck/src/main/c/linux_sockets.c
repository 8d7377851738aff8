/*
 * The native half of keepalivedj.healthcheck.io.LinuxSockets: one JNI function per system call the health checks
 * make. Each returns what the kernel did (a count, a descriptor, 0) or minus errno, so the Java side never asks
 * for errno in a second call; addresses are plain native addresses of LinuxSockets' own scratch memory.
 *
 * Why C and not a generic binding (JNA, which this replaced): a TCP_CHECK is four system calls, and at 40,000
 * real servers the binding's own work per call (argument conversion, libffi dispatch, saving errno) was most of
 * the checker's user time. The signatures are checked against javac's generated header (javac -h).
 */
#define _GNU_SOURCE /* the GNU strerror_r, which returns the text */
#include <errno.h>
#include <stddef.h>
#include <net/if.h>
#include <stdint.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "keepalivedj_healthcheck_io_LinuxSockets.h"

#define PTR(a) ((void *) (intptr_t) (a))

static jint int_result(int r) {
    return r < 0 ? -errno : r;
}

static jlong size_result(ssize_t r) {
    return r < 0 ? -errno : (jlong) r;
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_socket(JNIEnv *env, jclass c, jint domain,
                                                                           jint type, jint protocol) {
    return int_result(socket(domain, type, protocol));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_connect(JNIEnv *env, jclass c, jint fd,
                                                                            jlong addr, jint len) {
    return int_result(connect(fd, PTR(addr), (socklen_t) len));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_bind(JNIEnv *env, jclass c, jint fd, jlong addr,
                                                                         jint len) {
    return int_result(bind(fd, PTR(addr), (socklen_t) len));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_getsockopt(JNIEnv *env, jclass c, jint fd,
                                                                               jint level, jint name, jlong value,
                                                                               jlong len) {
    return int_result(getsockopt(fd, level, name, PTR(value), PTR(len)));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_setsockopt(JNIEnv *env, jclass c, jint fd,
                                                                               jint level, jint name, jlong value,
                                                                               jint len) {
    return int_result(setsockopt(fd, level, name, PTR(value), (socklen_t) len));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_if_1nametoindex(JNIEnv *env, jclass c,
                                                                                    jstring name) {
    const char *s = (*env)->GetStringUTFChars(env, name, NULL);
    if (s == NULL) {
        return 0; /* OutOfMemoryError is pending */
    }
    unsigned int index = if_nametoindex(s);
    (*env)->ReleaseStringUTFChars(env, name, s);
    return (jint) index;
}

JNIEXPORT jlong JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_send(JNIEnv *env, jclass c, jint fd, jlong buf,
                                                                          jlong len, jint flags) {
    return size_result(send(fd, PTR(buf), (size_t) len, flags));
}

/*
 * One whole frame out of a packet socket, as libpcap's pcap_inject does on Linux. The frame is copied to the stack
 * rather than pinned, so a send that blocks never holds up the garbage collector.
 */
#define FRAME_MAX 9216 /* LinuxSockets.FrameSender.MAX_FRAME */

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_send_1frame(JNIEnv *env, jclass c, jint fd,
                                                                               jbyteArray frame, jint len) {
    jbyte buf[FRAME_MAX];
    if (len < 0 || len > FRAME_MAX || len > (*env)->GetArrayLength(env, frame)) {
        return -EMSGSIZE;
    }
    (*env)->GetByteArrayRegion(env, frame, 0, len, buf);
    return (jint) size_result(send(fd, buf, (size_t) len, 0));
}

/* One IP packet out of a raw socket to the given address (VRRP unicast adverts), copied to the stack likewise. */
JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_send_1to(JNIEnv *env, jclass c, jint fd,
                                                                            jbyteArray packet, jint offset,
                                                                            jint len, jbyteArray address,
                                                                            jint address_len) {
    jbyte buf[FRAME_MAX];
    struct sockaddr_storage to;
    if (offset < 0 || len < 0 || len > FRAME_MAX || len > (*env)->GetArrayLength(env, packet) - offset) {
        return -EMSGSIZE;
    }
    if (address_len < 0 || (size_t) address_len > sizeof to || address_len > (*env)->GetArrayLength(env, address)) {
        return -EINVAL;
    }
    (*env)->GetByteArrayRegion(env, packet, offset, len, buf);
    (*env)->GetByteArrayRegion(env, address, 0, address_len, (jbyte *) &to);
    return (jint) size_result(sendto(fd, buf, (size_t) len, 0, (struct sockaddr *) &to, (socklen_t) address_len));
}

/*
 * The VRRP event loop's sleep (LinuxSockets.TimerWait): an epoll set holding an eventfd (other threads' wake-up)
 * and a timerfd (the loop's next deadline, absolute on CLOCK_MONOTONIC, as keepalived's scheduler sleeps).
 * fds[0..2] = epoll, timerfd, eventfd. Returns 0 or -errno (nothing left open on failure).
 */
JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_timer_1wait_1open(JNIEnv *env, jclass c,
                                                                                      jintArray fds) {
    jint out[3];
    int ep = epoll_create1(EPOLL_CLOEXEC);
    if (ep < 0) {
        return -errno;
    }
    int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC | TFD_NONBLOCK);
    int efd = tfd < 0 ? -1 : eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
    struct epoll_event ev = { .events = EPOLLIN };
    int err = 0;
    if (tfd < 0 || efd < 0) {
        err = errno;
    } else {
        ev.data.fd = tfd;
        if (epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev) != 0) {
            err = errno;
        } else {
            ev.data.fd = efd;
            if (epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev) != 0) {
                err = errno;
            }
        }
    }
    if (err != 0) {
        if (efd >= 0) close(efd);
        if (tfd >= 0) close(tfd);
        close(ep);
        return -err;
    }
    out[0] = ep;
    out[1] = tfd;
    out[2] = efd;
    (*env)->SetIntArrayRegion(env, fds, 0, 3, out);
    return 0;
}

/* Makes the eventfd readable: the sleeping loop returns. Any thread. */
JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_wake_1fd(JNIEnv *env, jclass c, jint efd) {
    uint64_t one = 1;
    return (jint) size_result(write(efd, &one, sizeof one));
}

static uint64_t monotonic_us(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t) now.tv_sec * 1000000u + (uint64_t) now.tv_nsec / 1000u;
}

/* The IPv4 Identification of an Ethernet frame's IP header, and that header's checksum (RFC 1071). */
static void set_ipv4_id(jbyte *frame, int len, int id) {
    unsigned char *ip = (unsigned char *) frame + 14;
    int ihl = (ip[0] & 0x0F) * 4;
    if (len < 14 + ihl || ihl < 20) {
        return;
    }
    ip[4] = (unsigned char) (id >> 8);
    ip[5] = (unsigned char) id;
    ip[10] = 0;
    ip[11] = 0;
    uint32_t sum = 0;
    for (int k = 0; k < ihl; k += 2) {
        sum += (uint32_t) (ip[k] << 8 | ip[k + 1]);
    }
    while (sum >> 16) {
        sum = (sum & 0xFFFF) + (sum >> 16);
    }
    sum = ~sum & 0xFFFF;
    ip[10] = (unsigned char) (sum >> 8);
    ip[11] = (unsigned char) sum;
}

/*
 * Sleeps until deadline_us (CLOCK_MONOTONIC µs; < 0: no deadline) or a wake-up. With send_fd >= 0 the deadline is
 * an Adver_Timer whose expiry only sends `frame` and re-arms one interval after it fired: then each expiry is
 * handled here without returning (the frame sent with the next IPv4 Identification after ip_id, its send time
 * stored in sent_at_us), for as long as the next deadline comes before stop_us, sent_at_us has room and nothing
 * woke the loop. With `to` (a socket address) the frame's bytes from `offset` on go out by sendto(2) to it (a
 * unicast advert's IP packet on a raw socket); without, the whole frame by send(2) (a packet socket). A wake-up
 * wins over an expiry seen at the same time. Returns the number of frames sent (0: woken, or the deadline passed
 * with nothing sent, e.g. a send failed: the loop then runs the timer itself), or -errno.
 */
JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_timer_1wait(JNIEnv *env, jclass c, jint ep,
                                                                                jint tfd, jint efd,
                                                                                jlong deadline_us, jint send_fd,
                                                                                jbyteArray frame, jint len,
                                                                                jint ip_id, jlong interval_us,
                                                                                jlong stop_us,
                                                                                jlongArray sent_at_us, jint offset,
                                                                                jbyteArray to) {
    jbyte buf[FRAME_MAX];
    jlong sent_at[64];
    struct sockaddr_storage to_address;
    socklen_t to_len = 0;
    int max = 0;
    int ipv4 = 0;
    if (send_fd >= 0) {
        if (len < 14 || len > FRAME_MAX || len > (*env)->GetArrayLength(env, frame) || interval_us <= 0
                || offset < 0 || offset >= len) {
            return -EINVAL;
        }
        if (to != NULL) {
            jsize n = (*env)->GetArrayLength(env, to);
            if (n <= 0 || (size_t) n > sizeof to_address) {
                return -EINVAL;
            }
            (*env)->GetByteArrayRegion(env, to, 0, n, (jbyte *) &to_address);
            to_len = (socklen_t) n;
        }
        (*env)->GetByteArrayRegion(env, frame, 0, len, buf);
        max = (*env)->GetArrayLength(env, sent_at_us);
        if (max > (int) (sizeof sent_at / sizeof sent_at[0])) {
            max = (int) (sizeof sent_at / sizeof sent_at[0]);
        }
        ipv4 = ((unsigned char) buf[12] == 0x08 && buf[13] == 0x00 && ((unsigned char) buf[14] >> 4) == 4);
    }
    int count = 0;
    int result = 0;
    for (;;) {
        struct itimerspec its = { 0 };
        if (deadline_us >= 0) {
            its.it_value.tv_sec = deadline_us / 1000000;
            its.it_value.tv_nsec = (deadline_us % 1000000) * 1000;
            if (its.it_value.tv_sec == 0 && its.it_value.tv_nsec == 0) {
                its.it_value.tv_nsec = 1; /* all zeros would disarm the timer */
            }
        }
        if (timerfd_settime(tfd, TFD_TIMER_ABSTIME, &its, NULL) != 0) {
            result = -errno;
            break;
        }
        struct epoll_event got[2];
        int n = epoll_wait(ep, got, 2, -1);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            result = -errno;
            break;
        }
        int woken = 0;
        int expired = 0;
        for (int k = 0; k < n; k++) {
            if (got[k].data.fd == efd) {
                woken = 1;
            } else if (got[k].data.fd == tfd) {
                expired = 1;
            }
        }
        if (woken) {
            uint64_t drained;
            if (read(efd, &drained, sizeof drained) < 0 && errno != EAGAIN) {
                result = -errno;
            }
            break;
        }
        if (!expired) {
            continue;
        }
        uint64_t expirations;
        if (read(tfd, &expirations, sizeof expirations) < 0) {
            continue; /* EAGAIN: re-armed before it could be read */
        }
        if (send_fd < 0 || count >= max) {
            break;
        }
        jlong now = (jlong) monotonic_us();
        int id = (ip_id + count + 1) & 0xFFFF;
        if (ipv4) {
            set_ipv4_id(buf, len, id);
        }
        ssize_t want = len - offset;
        ssize_t sent = to_len > 0
                ? sendto(send_fd, buf + offset, (size_t) want, 0, (struct sockaddr *) &to_address, to_len)
                : send(send_fd, buf + offset, (size_t) want, 0);
        if (sent != want) {
            break; /* the loop runs the timer and sends, counting and reporting the failure */
        }
        sent_at[count++] = now;
        deadline_us = now + interval_us;
        if (count >= max || deadline_us >= stop_us) {
            break;
        }
    }
    if (count > 0) {
        (*env)->SetLongArrayRegion(env, sent_at_us, 0, count, sent_at);
    }
    return result < 0 && count == 0 ? result : count;
}

JNIEXPORT jlong JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_recv(JNIEnv *env, jclass c, jint fd, jlong buf,
                                                                          jlong len, jint flags) {
    return size_result(recv(fd, PTR(buf), (size_t) len, flags));
}

JNIEXPORT jlong JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_write(JNIEnv *env, jclass c, jint fd,
                                                                           jlong buf, jlong len) {
    return size_result(write(fd, PTR(buf), (size_t) len));
}

JNIEXPORT jlong JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_read(JNIEnv *env, jclass c, jint fd, jlong buf,
                                                                          jlong len) {
    return size_result(read(fd, PTR(buf), (size_t) len));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_close(JNIEnv *env, jclass c, jint fd) {
    return int_result(close(fd));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_epoll_1create1(JNIEnv *env, jclass c,
                                                                                   jint flags) {
    return int_result(epoll_create1(flags));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_epoll_1ctl(JNIEnv *env, jclass c, jint epfd,
                                                                               jint op, jint fd, jlong event) {
    return int_result(epoll_ctl(epfd, op, fd, PTR(event)));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_epoll_1wait(JNIEnv *env, jclass c, jint epfd,
                                                                                jlong events, jint max,
                                                                                jint timeout) {
    return int_result(epoll_wait(epfd, PTR(events), max, timeout));
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_eventfd(JNIEnv *env, jclass c, jint initval,
                                                                            jint flags) {
    return int_result(eventfd((unsigned int) initval, flags));
}

JNIEXPORT jstring JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_strerror(JNIEnv *env, jclass c, jint errnum) {
    char buf[256];
    const char *text = strerror_r(errnum, buf, sizeof buf);
    return (*env)->NewStringUTF(env, text);
}

JNIEXPORT jlong JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_address(JNIEnv *env, jclass c, jobject buffer) {
    return (jlong) (intptr_t) (*env)->GetDirectBufferAddress(env, buffer);
}

/* struct epoll_event is packed on x86-64 (12 bytes, data at 4) and naturally aligned elsewhere (16, data at 8) */
JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_eventSize(JNIEnv *env, jclass c) {
    return (jint) sizeof(struct epoll_event);
}

JNIEXPORT jint JNICALL Java_keepalivedj_healthcheck_io_LinuxSockets_eventDataOffset(JNIEnv *env, jclass c) {
    return (jint) offsetof(struct epoll_event, data);
}
