#!/usr/bin/python3
"""Starts a throw-away single-node Ceph cluster with a RADOS Gateway on loopback: a real S3 server for tests.

Recipe and pitfalls: shared/docs/s3-test-server.md. One monitor, one memstore OSD (data in RAM), one
radosgw; no cephx. Prints one JSON line: endpoint, access key, secret key, base directory and the PIDs
of the three daemons, which the caller stops by PID (see stop below) before removing the base directory.

Run with /usr/bin/python3: the `rados` binding (Debian's python3-rados) belongs to the system interpreter.

    radosgw_cluster.py start --base DIR [--owner-pid PID]
                                             start, print JSON, leave the daemons running; with an
                                             owner, a watcher stops them if that process dies first
                                             (a test run killed before its cleanup leaks nothing)
    radosgw_cluster.py stop --base DIR PID…  stop those PIDs if they are still Ceph daemons, remove DIR
"""
import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

DAEMONS = ("ceph-mon", "ceph-osd", "radosgw")
RGW_POOLS = (".rgw.root", "default.rgw.log", "default.rgw.control", "default.rgw.meta",
             "default.rgw.buckets.index", "default.rgw.buckets.data", "default.rgw.buckets.non-ec")


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def write_config(base, fsid, mon_v2, mon_v1, rgw_port, memstore_bytes):
    path = os.path.join(base, "ceph.conf")
    with open(path, "w") as f:
        f.write(f"""[global]
fsid = {fsid}
mon host = [v2:127.0.0.1:{mon_v2},v1:127.0.0.1:{mon_v1}]
public addr = 127.0.0.1
cluster addr = 127.0.0.1
auth cluster required = none
auth service required = none
auth client required = none
run dir = {base}/run
admin socket = {base}/run/$name.asok
pid file = {base}/run/$name.pid
log file = {base}/log/$name.log
mon cluster log file = {base}/log/cluster.log
ms bind ipv6 = false
osd pool default size = 1
osd pool default min size = 1
osd pool default pg num = 8
osd pool default pgp num = 8
osd pool default pg autoscale mode = off
osd crush chooseleaf type = 0
mon allow pool size one = true
mon data avail warn = 2
mon data avail crit = 1
keyring = {base}/keyring

[mon]
mon data = {base}/mon/$cluster-$id
mon initial members = a
paxos propose interval = 0.05
paxos min wait = 0.01

[osd]
osd data = {base}/osd/$cluster-$id
osd objectstore = memstore
memstore device bytes = {memstore_bytes}
osd op num shards = 1
osd op num threads per shard = 2

[client.rgw.a]
rgw frontends = beast endpoint=127.0.0.1:{rgw_port}
rgw data = {base}/rgw
# Server-side encryption over plain HTTP on loopback: SSE-C, and SSE-KMS with the "testing" key
# backend and one key, testkey-1 (32 bytes, base64), so the tests can check what the client sends.
rgw crypt require ssl = false
rgw crypt s3 kms backend = testing
rgw crypt s3 kms encryption keys = testkey-1=YmluCmJvb3N0CmJvb3N0LWJ1aWxkCmNlcGguY29uZgo=
# radosgw's own defaults demand a secure, cephx-authenticated monitor connection and otherwise
# loop forever on "get_initial_auth_request returned -13".
ms mon client mode = crc
auth client required = none
""")
    return path


def run(args, log):
    subprocess.run(args, check=True, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, timeout=60)


def spawn(args, log):
    return subprocess.Popen(args, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, start_new_session=True).pid


def wait_for(what, check, timeout, pids):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for pid in pids:
            if not alive(pid):
                raise RuntimeError(f"a Ceph daemon (PID {pid}) exited while waiting for {what}")
        try:
            if check():
                return
        except Exception:
            pass
        time.sleep(0.05)
    raise RuntimeError(f"timed out after {timeout} s waiting for {what}")


def alive(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(") ")[-1][0] != "Z"
    except OSError:
        return False


def mon_command(cluster, cmd):
    ret, out, err = cluster.mon_command(json.dumps(cmd), b"", timeout=20)
    if ret != 0:
        raise RuntimeError(f"{cmd['prefix']}: {err}")
    return out


def start(base, memstore_bytes, owner_pid):
    import rados  # Debian's python3-rados, only for /usr/bin/python3

    os.makedirs(base, exist_ok=True)
    for sub in ("run", "log", "mon", "osd/ceph-0", "rgw"):
        os.makedirs(os.path.join(base, sub), exist_ok=True)
    fsid = str(uuid.uuid4())
    mon_v2, mon_v1, rgw_port = free_port(), free_port(), free_port()
    conf = write_config(base, fsid, mon_v2, mon_v1, rgw_port, memstore_bytes)
    log = open(os.path.join(base, "log", "setup.log"), "ab")
    pids = []
    try:
        run(["monmaptool", "--create", "--fsid", fsid, "--addv", "a",
             f"[v2:127.0.0.1:{mon_v2},v1:127.0.0.1:{mon_v1}]", os.path.join(base, "monmap")], log)
        run(["ceph-mon", "-c", conf, "--mkfs", "-i", "a", "--monmap", os.path.join(base, "monmap")], log)
        pids.append(spawn(["ceph-mon", "-c", conf, "-i", "a", "-f"], log))

        cluster = rados.Rados(conffile=conf)
        wait_for("the monitor", lambda: cluster.connect(timeout=2) is None, 30, pids)
        osd_uuid = str(uuid.uuid4())
        osd_id = json.loads(mon_command(cluster, {"prefix": "osd new", "uuid": osd_uuid, "format": "json"}))["osdid"]
        run(["ceph-osd", "-c", conf, "-i", str(osd_id), "--mkfs", "--osd-uuid", osd_uuid], log)
        pids.append(spawn(["ceph-osd", "-c", conf, "-i", str(osd_id), "-f"], log))

        def osd_up():
            dump = json.loads(mon_command(cluster, {"prefix": "osd dump", "format": "json"}))
            return any(o["osd"] == osd_id and o["up"] == 1 for o in dump["osds"])
        wait_for("osd.0 up", osd_up, 30, pids)
        for pool in RGW_POOLS:
            mon_command(cluster, {"prefix": "osd pool create", "pool": pool, "pg_num": 8, "pgp_num": 8})
            mon_command(cluster, {"prefix": "osd pool application enable", "pool": pool, "app": "rgw"})
        cluster.shutdown()

        pids.append(spawn(["radosgw", "-c", conf, "-n", "client.rgw.a", "-f"], log))

        def rgw_answers():
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{rgw_port}/", timeout=1)
            except urllib.error.HTTPError:
                pass
            return True
        wait_for("radosgw", rgw_answers, 30, pids)

        access_key = "TEST" + secrets.token_hex(8).upper()
        secret_key = secrets.token_urlsafe(30)
        run(["radosgw-admin", "-c", conf, "-n", "client.rgw.a", "user", "create", "--uid=test", "--display-name=test",
             f"--access-key={access_key}", f"--secret-key={secret_key}"], subprocess.DEVNULL)
        # A second user, owning nothing: what it may do in a test's bucket is up to that bucket's policy.
        reader_access_key = "READER" + secrets.token_hex(7).upper()
        reader_secret_key = secrets.token_urlsafe(30)
        run(["radosgw-admin", "-c", conf, "-n", "client.rgw.a", "user", "create", "--uid=reader", "--display-name=reader",
             f"--access-key={reader_access_key}", f"--secret-key={reader_secret_key}"], subprocess.DEVNULL)
        if owner_pid:
            watch(base, pids, owner_pid)
        print(json.dumps({
            "endpoint": f"127.0.0.1:{rgw_port}",
            "accessKey": access_key,
            "secretKey": secret_key,
            "readerAccessKey": reader_access_key,
            "readerSecretKey": reader_secret_key,
            "base": base,
            "pids": pids,
        }))
    except BaseException as e:
        stop(base, pids, remove=False)
        tail = ""
        for name in ("setup.log", "mon.a.log", "osd.0.log", "client.rgw.a.log"):
            p = os.path.join(base, "log", name)
            if os.path.exists(p):
                with open(p, "rb") as f:
                    tail += f"--- {name} ---\n" + f.read()[-1500:].decode(errors="replace") + "\n"
        print(f"radosgw test cluster failed to start: {e}\n{tail}", file=sys.stderr)
        shutil.rmtree(base, ignore_errors=True)
        sys.exit(1)


def watch(base, pids, owner_pid):
    """Forks a detached watcher that stops the cluster when the owner exits without stopping it."""
    if os.fork() != 0:
        return
    os.setsid()
    if os.fork() != 0:
        os._exit(0)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    while alive(owner_pid) and any(alive(p) for p in pids):
        time.sleep(1)
    if any(alive(p) for p in pids):
        stop(base, pids)
    os._exit(0)


def stop(base, pids, remove=True):
    for pid in pids:
        # Only signal a PID that is still one of our daemons: it may have been reused since.
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() not in DAEMONS:
                    continue
            os.kill(pid, signal.SIGTERM)
        except (OSError, ProcessLookupError):
            continue
    # The data lives in RAM and is thrown away, so a daemon slow to shut down (ceph-osd takes ~5 s)
    # is killed after a short grace period rather than waited for.
    deadline = time.monotonic() + 1
    for pid in pids:
        while alive(pid) and time.monotonic() < deadline:
            time.sleep(0.05)
        if alive(pid):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
    if remove:
        shutil.rmtree(base, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="command", required=True)
    s = sub.add_parser("start")
    s.add_argument("--base", required=True)
    s.add_argument("--memstore-bytes", type=int, default=1 << 30)
    s.add_argument("--owner-pid", type=int, default=0)
    t = sub.add_parser("stop")
    t.add_argument("--base", required=True)
    t.add_argument("pids", type=int, nargs="*")
    a = parser.parse_args()
    if a.command == "start":
        start(os.path.abspath(a.base), a.memstore_bytes, a.owner_pid)
    else:
        stop(os.path.abspath(a.base), a.pids)


if __name__ == "__main__":
    main()
