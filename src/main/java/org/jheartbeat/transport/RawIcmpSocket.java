package org.jheartbeat.transport;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import com.sun.jna.ptr.IntByReference;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A raw IPv4 ICMP socket through libc (JNA), because the JDK has none (LIBRARIES.md "ICMP"):
 * {@code socket(AF_INET, SOCK_RAW, IPPROTO_ICMP)} needs root or CAP_NET_RAW, which Heartbeat's
 * ping plugin needs too. Receives are bounded by {@code SO_RCVTIMEO} so the receive thread can
 * notice {@code close}; sends use {@code MSG_DONTWAIT} so they never block. Linux constants
 * (x86-64/aarch64 generic ABI).
 */
final class RawIcmpSocket {
  static final int AF_INET = 2;
  static final int SOCK_RAW = 3;
  static final int IPPROTO_ICMP = 1;
  static final int SOL_SOCKET = 1;
  static final int SO_RCVTIMEO = 20;
  static final int MSG_DONTWAIT = 0x40;
  static final int EPERM = 1;
  static final int EINTR = 4;
  static final int EAGAIN = 11;
  static final int EACCES = 13;

  /** The libc calls used. */
  interface LibC extends Library {
    int socket(int domain, int type, int protocol) throws LastErrorException;

    int setsockopt(int fd, int level, int name, Memory value, int len) throws LastErrorException;

    NativeLong sendto(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, int addrLen)
        throws LastErrorException;

    NativeLong recvfrom(int fd, byte[] buf, NativeLong len, int flags, byte[] addr, IntByReference addrLen)
        throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  /** Thrown when the kernel refuses the raw socket (not root / no CAP_NET_RAW). */
  static final class NotPermitted extends Exception {
    NotPermitted(String message) {
      super(message);
    }
  }

  private static volatile LibC libc;
  private final int fd;

  private RawIcmpSocket(int fd) {
    this.fd = fd;
  }

  private static LibC libc() {
    LibC l = libc;
    if (l == null) {
      l = Native.load("c", LibC.class);
      libc = l;
    }
    return l;
  }

  /** Opens the socket with a receive timeout. */
  static RawIcmpSocket open(int receiveTimeoutMillis) throws NotPermitted {
    int fd;
    try {
      fd = libc().socket(AF_INET, SOCK_RAW, IPPROTO_ICMP);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EPERM || e.getErrorCode() == EACCES) {
        throw new NotPermitted("socket(AF_INET, SOCK_RAW, IPPROTO_ICMP): errno " + e.getErrorCode());
      }
      throw new IllegalStateException("cannot open raw ICMP socket: " + e.getMessage(), e);
    }
    try {
      Memory tv = new Memory(2L * NativeLong.SIZE);
      tv.clear();
      tv.setNativeLong(0, new NativeLong(receiveTimeoutMillis / 1000));
      tv.setNativeLong(NativeLong.SIZE, new NativeLong((receiveTimeoutMillis % 1000) * 1000L));
      libc().setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, tv, (int) tv.size());
    } catch (LastErrorException e) {
      libc().close(fd);
      throw new IllegalStateException("setsockopt(SO_RCVTIMEO) on raw ICMP socket: " + e.getMessage(), e);
    }
    return new RawIcmpSocket(fd);
  }

  /** Sends one ICMP packet; throws {@link LastErrorException} on failure. */
  void send(byte[] icmp, Inet4Address to) {
    byte[] sa = sockaddr(to);
    libc().sendto(fd, icmp, new NativeLong(icmp.length), MSG_DONTWAIT, sa, sa.length);
  }

  /**
   * Receives one IP datagram into {@code buf}; returns its length and stores the sender in
   * {@code from[0]}, or returns -1 on timeout or interruption.
   */
  int receive(byte[] buf, InetAddress[] from) {
    byte[] sa = new byte[16];
    IntByReference saLen = new IntByReference(sa.length);
    try {
      long n = libc().recvfrom(fd, buf, new NativeLong(buf.length), 0, sa, saLen).longValue();
      try {
        from[0] = InetAddress.getByAddress(new byte[] {sa[4], sa[5], sa[6], sa[7]});
      } catch (UnknownHostException e) {
        throw new IllegalStateException(e);
      }
      return (int) n;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == EAGAIN || e.getErrorCode() == EINTR) {
        return -1;
      }
      throw e;
    }
  }

  void close() {
    try {
      libc().close(fd);
    } catch (LastErrorException ignored) {
      // closing a raw socket cannot usefully fail
    }
  }

  /** {@code struct sockaddr_in}: family in host order, port 0, address, zero padding. */
  static byte[] sockaddr(Inet4Address a) {
    ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder());
    b.putShort((short) AF_INET);
    b.order(ByteOrder.BIG_ENDIAN).putShort((short) 0);
    b.put(a.getAddress());
    return b.array();
  }
}
