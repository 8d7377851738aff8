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
