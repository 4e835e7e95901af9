#!/bin/bash
# Asks the real Heartbeat 3.0.6 whether it accepts a configuration: starts it, as node "alpha",
# on a copy of DIR/ha.cf and DIR/authkeys inside a private network namespace (NS, which must
# start with jhb-) and private mounts, reads whether it logged "Configuration validated", then
# kills everything it started and deletes the namespace.
# Prints "accepted" or "refused" and the daemon's error lines. Exit 0 when it answered.
set -u
dir=$1; ns=$2; work=$(mktemp -d)
case "$ns" in jhb-*) ;; *) echo "namespace must start with jhb-" >&2; exit 2 ;; esac
cleanup() {
  for _ in 1 2 3 4; do
    pids=$(ip netns pids "$ns" 2>/dev/null)
    [ -n "$pids" ] && kill -9 $pids 2>/dev/null
    sleep 0.2
  done
  ip netns del "$ns" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$ns" && ip -n "$ns" link set lo up || exit 2
mkdir -p "$work/etc" "$work/lib" "$work/run/heartbeat" "$work/log"
cp -r /etc/ha.d/. "$work/etc/"
cp -a /var/lib/heartbeat/. "$work/lib/"
cp "$dir/ha.cf" "$dir/authkeys" "$work/etc/"
chmod 600 "$work/etc/authkeys"
: > "$work/etc/haresources"
echo "logfile /var/log/ha-log" >> "$work/etc/ha.cf"
timeout 10 ip netns exec "$ns" unshare --uts --mount --propagation private sh -c "
  hostname alpha
  mount --bind '$work/etc' /etc/ha.d && mount --bind '$work/lib' /var/lib/heartbeat &&
  mount --bind '$work/run' /run && mount --bind '$work/log' /var/log &&
  /usr/libexec/heartbeat/heartbeat >'$work/stdout' 2>&1
  sleep 1" >/dev/null 2>&1
if grep -q "Configuration validated" "$work/log/ha-log" 2>/dev/null; then
  echo accepted
else
  echo refused
fi
grep -h "ERROR" "$work/log/ha-log" "$work/stdout" 2>/dev/null | grep -v "chdir\|lock ourselves" | sort -u
exit 0
