"""Helpers shared by the journal tests: a fresh journal table built from the key schema in
infrastructure/session-journal.yaml, the session's entries read with the documented Query, and a
stand-in for the AgentCore InvokeAgentRuntime API (the service cannot be reached offline)."""
import json
import os
import secrets
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import unquote, urlparse

from conftest import REPO_ROOT, plain
from table_template import load_template

JOURNAL_TEMPLATE = os.path.join(REPO_ROOT, "infrastructure", "session-journal.yaml")


def journal_table_definition(name):
    props = load_template(JOURNAL_TEMPLATE)["Resources"]["JournalTable"]["Properties"]
    return {"TableName": name, "AttributeDefinitions": props["AttributeDefinitions"], "KeySchema": props["KeySchema"],
            "BillingMode": props["BillingMode"]}


def create_journal_table(ddb):
    name = "agentify-journal-test-" + secrets.token_hex(4)
    ddb.create_table(**journal_table_definition(name))
    ddb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.2, "MaxAttempts": 50})
    return name


def session_entries(ddb, table, session_id):
    """All entries of a session, chronological: PK = :pk AND begins_with(SK, "EVENT#")."""
    items, kwargs = [], {}
    while True:
        page = ddb.query(TableName=table, KeyConditionExpression="PK = :pk AND begins_with(SK, :prefix)",
                         ExpressionAttributeValues={":pk": {"S": "SESSION#" + session_id}, ":prefix": {"S": "EVENT#"}},
                         ConsistentRead=True, **kwargs)
        items.extend(page["Items"])
        if "LastEvaluatedKey" not in page:
            return [plain(i) for i in items]
        kwargs["ExclusiveStartKey"] = page["LastEvaluatedKey"]


def new_session_id():
    return "session-" + secrets.token_hex(16)  # AgentCore wants runtime session ids of 33+ characters


class AgentRuntimeStandIn:
    """STAND-IN for InvokeAgentRuntime (POST /runtimes/{arn}/invocations): records each request and
    answers for the runtime ARNs it hosts; any other ARN gets the service's 404
    ResourceNotFoundException, and `fail_with` makes it answer an error."""

    def __init__(self, runtimes):
        self.runtimes = dict(runtimes)  # arn → callable(payload dict, session id) → dict answer
        self.requests = []
        self.fail_with = None  # (status, error type, message)
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                parts = urlparse(self.path).path.split("/")
                arn = unquote(parts[2]) if len(parts) > 3 and parts[1] == "runtimes" else ""
                session = self.headers.get("X-Amzn-Bedrock-AgentCore-Runtime-Session-Id")
                outer.requests.append({"arn": arn, "session": session, "payload": json.loads(body or b"{}")})
                if outer.fail_with is not None:
                    return self._error(*outer.fail_with)
                runtime = outer.runtimes.get(arn)
                if runtime is None:
                    return self._error(404, "ResourceNotFoundException", "No agent runtime %s" % arn)
                answer = json.dumps(runtime(json.loads(body or b"{}"), session)).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Amzn-Bedrock-AgentCore-Runtime-Session-Id", session or "")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def _error(self, status, error_type, message):
                data = json.dumps({"message": message}).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("X-Amzn-ErrorType", error_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.endpoint = "http://127.0.0.1:%d" % self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()
