#!/usr/bin/env python3
"""The original plan's market-data ingestion, written as that plan describes it, so ingest-aws can run it on the
same file against the same redis-server and DynamoDB Local: pandas read_csv, iterrows, one HSET per row for the
latest state, boto3's batch_writer with one item per row for the history.

Debian: apt-get install -y python3-pandas python3-redis python3-boto3
Prints one JSON line: rows, seconds (read_csv to the last batch flushed), and the read_csv share.
"""
import argparse
import json
import time
from decimal import Decimal

import boto3
import pandas as pd
import redis


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--redis-port", type=int, required=True)
    parser.add_argument("--dynamodb-url", required=True)
    parser.add_argument("--table", required=True)
    args = parser.parse_args()

    latest = redis.Redis(host="127.0.0.1", port=args.redis_port)
    # DynamoDB Local accepts any credentials; these are placeholders, not secrets.
    dynamodb = boto3.resource(
        "dynamodb",
        endpoint_url=args.dynamodb_url,
        region_name="us-east-1",
        aws_access_key_id="frgmlocal",
        aws_secret_access_key="frgmlocal",
    )
    table = dynamodb.create_table(
        TableName=args.table,
        KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
        AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}, {"AttributeName": "sk", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    table.wait_until_exists()
    latest.ping()

    started = time.perf_counter()
    frame = pd.read_csv(args.file, dtype={"instrument": str, "timestamp": str})
    parsed = time.perf_counter()
    with table.batch_writer() as batch:
        for _, row in frame.iterrows():
            latest.hset(
                "price:" + row["instrument"],
                mapping={
                    "price": str(row["price"]),
                    "bid": str(row["bid"]),
                    "ask": str(row["ask"]),
                    "volume": str(row["volume"]),
                    "timestamp": row["timestamp"],
                },
            )
            batch.put_item(
                Item={
                    "pk": "PRICE#" + row["instrument"],
                    "sk": row["timestamp"],
                    "price": Decimal(str(row["price"])),
                    "bid": Decimal(str(row["bid"])),
                    "ask": Decimal(str(row["ask"])),
                    "volume": Decimal(str(row["volume"])),
                }
            )
    finished = time.perf_counter()
    print(json.dumps({"rows": len(frame), "seconds": finished - started, "read_csv_seconds": parsed - started}))


if __name__ == "__main__":
    main()
