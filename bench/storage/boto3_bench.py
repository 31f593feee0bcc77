"""The storage benchmark's boto3 half: the writes and reads the decorators' DynamoDB sink makes,
with a boto3 client built as the sink builds it, against the endpoint given. Prints one JSON object
of raw latency samples (ms) for the TypeScript side to summarise beside the SDK's figures.

    python3 bench/storage/boto3_bench.py ENDPOINT TABLE
"""
import json
import sys
import threading
import time

import boto3
from botocore.config import Config

SAMPLES = 200
WRITERS = 50
PER_WRITER = 20


def main():
    endpoint, table = sys.argv[1], sys.argv[2]
    client = boto3.client(
        "dynamodb", endpoint_url=endpoint, region_name="us-east-1",
        aws_access_key_id="agentifylocal", aws_secret_access_key="agentifylocal",
        config=Config(retries={"max_attempts": 3, "mode": "standard"}, max_pool_connections=WRITERS),
    )

    def item(workflow_id, ts):
        return {"workflow_id": {"S": workflow_id}, "timestamp": {"N": str(ts)}, "event_type": {"S": "log"},
                "payload": {"M": {"message": {"S": "benchmark event"}}}, "ttl": {"N": str(int(time.time()) + 86400)}}

    def timed(fn):
        start = time.perf_counter()
        fn()
        return (time.perf_counter() - start) * 1000

    client.put_item(TableName=table, Item=item("wf-boto3-warm", 1))
    put = [timed(lambda i=i: client.put_item(TableName=table, Item=item("wf-boto3-seq", i + 1),
                                             ConditionExpression="attribute_not_exists(#ts)",
                                             ExpressionAttributeNames={"#ts": "timestamp"}))
           for i in range(SAMPLES)]

    concurrent, errors, lock = [], [0], threading.Lock()

    def writer(w):
        for i in range(PER_WRITER):
            try:
                ms = timed(lambda: client.put_item(TableName=table, Item=item("wf-boto3-conc-%d" % w, i + 1)))
                with lock:
                    concurrent.append(ms)
            except Exception:  # counted: a benchmark reports errors, it does not stop on them
                with lock:
                    errors[0] += 1

    threads = [threading.Thread(target=writer, args=(w,)) for w in range(WRITERS)]
    wall = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    wall_ms = (time.perf_counter() - wall) * 1000

    get = [timed(lambda i=i: client.get_item(TableName=table, Key={"workflow_id": {"S": "wf-boto3-seq"},
                                                                   "timestamp": {"N": str(i + 1)}}))
           for i in range(SAMPLES)]
    query = [timed(lambda: client.query(TableName=table, KeyConditionExpression="workflow_id = :w",
                                        ExpressionAttributeValues={":w": {"S": "wf-boto3-seq"}}, ConsistentRead=True))
             for _ in range(50)]
    print(json.dumps({"put": put, "concurrent": concurrent, "concurrentErrors": errors[0], "concurrentWallMs": wall_ms,
                      "get": get, "query": query}))


if __name__ == "__main__":
    main()
