package org.jheartbeat.resources;

import java.io.IOException;

/**
 * The seam between the built-in {@code jhbweb} resource ({@link BuiltinWeb}) and an HTTP server:
 * the resources package opens no sockets itself; the daemon passes the JDK-server implementation
 * ({@code org.jheartbeat.platform.JdkPageServer}).
 */
public interface PageServer {
  /** One served site; closing it stops serving and frees the address and port at once. */
  interface Site extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Serves, on {@code address:port}, a page naming {@code node} (also in the response header
   * {@value BuiltinWeb#NODE_HEADER}); fails when the address cannot be bound.
   */
  Site serve(String address, int port, String node) throws IOException;

  /** For daemons without a page server: every start fails. */
  PageServer UNAVAILABLE = (address, port, node) -> {
    throw new IOException("no HTTP server is available in this process");
  };
}
