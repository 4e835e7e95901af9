package org.jheartbeat.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The tutorial's {@code httpd} resource: an LSB init script that runs Debian's lighttpd
 * ({@value #LIGHTTPD}) listening on 0.0.0.0:80 and serving {@code /} = the node name and a
 * newline. {@link #install} writes into a node's configuration directory (what the real node
 * sees bind-mounted at {@code /etc/ha.d}, what jheartbeat is given as {@code --config-dir}):
 *
 * <pre>
 * resource.d/httpd           the LSB script (start|stop|status|restart)
 * httpd/lighttpd.conf        lighttpd's configuration (paths relative to var.CWD = httpd/)
 * httpd/www/index.html       the page: the node name
 * httpd/lighttpd.pid         written by lighttpd while it runs
 * httpd/error.log, httpd/script.log
 * </pre>
 *
 * Both daemons look up resource scripts in {@code <configdir>/resource.d/} first, and run them in
 * the node's network namespace, so lighttpd runs there too. The script finds its files relative
 * to its own path ({@code $(dirname "$0")/../httpd}) because the real node sees the directory at
 * {@code /etc/ha.d} while jheartbeat sees it at its real path. {@code status} prints
 * {@code httpd is running} (exit 0) or {@code httpd is stopped} (exit 3): Heartbeat's
 * ResourceManager reads "running" from stdout. A zombie lighttpd (re-parented, not yet reaped)
 * counts as stopped, and {@code stop} succeeds when lighttpd is already gone.
 */
public final class Httpd {
  public static final String LIGHTTPD = "/usr/sbin/lighttpd";
  /** The resource name in haresources. */
  public static final String RESOURCE = "httpd";

  private Httpd() {}

  /** Whether lighttpd is installed. */
  public static boolean installed() {
    return Files.isExecutable(Path.of(LIGHTTPD));
  }

  /** Installs the script, configuration and page of {@code node} into its configuration directory. */
  public static Path install(ClusterNode node) {
    return install(node.configDir(), node.name());
  }

  /**
   * Writes {@code configDir/resource.d/httpd} and {@code configDir/httpd/} serving
   * {@code nodeName + "\n"}; returns the script.
   */
  public static Path install(Path configDir, String nodeName) {
    try {
      Path base = Files.createDirectories(configDir.resolve("httpd"));
      Path www = Files.createDirectories(base.resolve("www"));
      Files.writeString(www.resolve("index.html"), nodeName + "\n");
      Files.writeString(base.resolve("lighttpd.conf"), CONF);
      Path scripts = Files.createDirectories(configDir.resolve("resource.d"));
      Path script = scripts.resolve(RESOURCE);
      Files.writeString(script, SCRIPT);
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      return script;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The lighttpd pid file under a configuration directory (exists while lighttpd runs). */
  public static Path pidFile(Path configDir) {
    return configDir.resolve("httpd/lighttpd.pid");
  }

  /** The script's own log (one line per action) under a configuration directory. */
  public static Path scriptLog(Path configDir) {
    return configDir.resolve("httpd/script.log");
  }

  /** lighttpd reads this with its working directory = the httpd/ directory (var.CWD). */
  static final String CONF = String.join("\n",
      "# jheartbeat end-to-end tests: the tutorial's web server (see Httpd.java).",
      "server.document-root = var.CWD + \"/www\"",
      "server.pid-file = var.CWD + \"/lighttpd.pid\"",
      "server.errorlog = var.CWD + \"/error.log\"",
      "server.bind = \"0.0.0.0\"",
      "server.port = 80",
      "server.max-keep-alive-requests = 0",
      "index-file.names = ( \"index.html\" )",
      "mimetype.assign = ( \".html\" => \"text/plain\" )",
      "");

  static final String SCRIPT = String.join("\n",
      "#!/bin/sh",
      "# httpd - LSB init script of the jheartbeat end-to-end tests: lighttpd serving the node name.",
      "# Files live beside this script: ../httpd/{lighttpd.conf,www/,lighttpd.pid,error.log,script.log}.",
      "### BEGIN INIT INFO",
      "# Provides:          httpd",
      "# Required-Start:",
      "# Required-Stop:",
      "# Short-Description: lighttpd for the jheartbeat failover tests",
      "### END INIT INFO",
      "LIGHTTPD=" + LIGHTTPD,
      "base=$(cd \"$(dirname \"$0\")/../httpd\" && pwd) || exit 5",
      "conf=\"$base/lighttpd.conf\"",
      "pidfile=\"$base/lighttpd.pid\"",
      "",
      "log() { echo \"$(date '+%Y/%m/%d_%H:%M:%S.%N' | cut -c1-23) [$$] $*\" >>\"$base/script.log\" 2>/dev/null; }",
      "",
      "# The pid of a live (not zombie) lighttpd from the pid file; fails otherwise.",
      "live_pid() {",
      "  [ -f \"$pidfile\" ] || return 1",
      "  lp=$(cat \"$pidfile\" 2>/dev/null)",
      "  case \"$lp\" in ''|*[!0-9]*) return 1 ;; esac",
      "  lstat=$(cat \"/proc/$lp/stat\" 2>/dev/null) || return 1",
      "  lstate=${lstat##*) }",
      "  lstate=${lstate%% *}",
      "  [ \"$lstate\" != Z ] || return 1",
      "  [ \"$(cat \"/proc/$lp/comm\" 2>/dev/null)\" = lighttpd ] || return 1",
      "  echo \"$lp\"",
      "}",
      "",
      "do_start() {",
      "  [ -x \"$LIGHTTPD\" ] || { log \"start: $LIGHTTPD missing\"; return 5; }",
      "  if pid=$(live_pid); then log \"start: already running ($pid)\"; return 0; fi",
      "  rm -f \"$pidfile\"",
      "  # lighttpd daemonises once its socket is bound; var.CWD in the configuration is $base.",
      "  # nice -n -10 (root): a JVM starting on the loaded test machine must not starve the server",
      "  (cd \"$base\" && nice -n -10 \"$LIGHTTPD\" -f \"$conf\") >>\"$base/error.log\" 2>&1 </dev/null",
      "  rc=$?",
      "  i=0",
      "  while [ $i -lt 500 ]; do",
      "    if pid=$(live_pid); then log \"start: running ($pid)\"; return 0; fi",
      "    [ $rc -eq 0 ] || break",
      "    sleep 0.01; i=$((i + 1))",
      "  done",
      "  log \"start: failed (lighttpd exit $rc)\"",
      "  return 1",
      "}",
      "",
      "do_stop() {",
      "  if ! pid=$(live_pid); then rm -f \"$pidfile\"; log 'stop: not running'; return 0; fi",
      "  kill -TERM \"$pid\" 2>/dev/null",
      "  i=0",
      "  # 10 ms steps: the time the script sleeps after lighttpd is gone is part of every handover's outage",
      "  while [ $i -lt 500 ] && live_pid >/dev/null; do sleep 0.01; i=$((i + 1)); done",
      "  if live_pid >/dev/null; then",
      "    kill -KILL \"$pid\" 2>/dev/null",
      "    i=0",
      "    while [ $i -lt 200 ] && live_pid >/dev/null; do sleep 0.01; i=$((i + 1)); done",
      "  fi",
      "  if live_pid >/dev/null; then log \"stop: $pid survives\"; return 1; fi",
      "  rm -f \"$pidfile\"",
      "  log \"stop: stopped ($pid)\"",
      "  return 0",
      "}",
      "",
      "case \"$1\" in",
      "  start) do_start; exit $? ;;",
      "  stop) do_stop; exit $? ;;",
      "  restart|force-reload) do_stop || exit 1; do_start; exit $? ;;",
      "  status)",
      "    if pid=$(live_pid); then echo 'httpd is running'; exit 0; fi",
      "    echo 'httpd is stopped'",
      "    [ -f \"$pidfile\" ] && exit 1",
      "    exit 3 ;;",
      "  *) echo \"usage: $0 {start|stop|status|restart}\" >&2; exit 2 ;;",
      "esac",
      "");
}
