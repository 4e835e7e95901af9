package org.jheartbeat.fuzz;

/**
 * The memory oracle of the wire targets: decoding copies each byte a bounded number of times
 * (values, nested levels, up to 16 deep in classic form where each level unescapes a copy), so
 * what one decode allocates is linear in the packet, whatever the packet claims.
 */
final class WireAllocation {
  private static final long PER_BYTE = 64;
  private static final long FIXED = 256 * 1024;

  private WireAllocation() {}

  static long bound(int inputLength) {
    return FIXED + PER_BYTE * inputLength;
  }
}
