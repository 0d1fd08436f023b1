#!/usr/bin/env python3
"""Counts the Table storage requests an app sends, by kind and table, every 10 seconds.

A TCP proxy: point the app's table endpoint at LISTEN_PORT and it forwards to Azurite's table port, reading the
request lines as they pass. Entity group transactions are counted once as "POST $batch" and each of their
operations as "sub <method> <table>". Kinds: "point <table>" (a GET naming PartitionKey and RowKey), "query <table>"
(any other GET: on Azurite it evaluates its filter against every row of the table), otherwise the method.

    bench/scripts/table-request-mix.py 10712 10702 /tmp/mix.log &
    AZURITE_EXTERNAL=1 AZURITE_TABLE_PORT=10712 ... ./run.sh      # Azurite itself listens on 10702

Each line of the log: the time, then "kind table=count" pairs, most frequent first.
"""
import asyncio
import collections
import re
import sys
import time

LISTEN, TARGET = int(sys.argv[1]), int(sys.argv[2])
LOG = open(sys.argv[3], "a", buffering=1)
REQUEST_LINE = re.compile(rb"(GET|POST|PUT|PATCH|MERGE|DELETE) (\S+) HTTP/1\.1\r\n")
counts = collections.Counter()


def classify(method, url):
    path = url.decode("latin1").split("?")[0]
    prefix = ""
    if path.startswith("http"):  # an operation inside a $batch body names its absolute URL
        path, prefix = "/" + path.split("/", 3)[3], "sub "
    segment = path.rsplit("/", 1)[-1]
    if segment == "$batch":
        return "POST $batch"
    table = segment.split("(")[0]
    if method == b"GET":
        kind = "point" if "PartitionKey=" in segment and "RowKey=" in segment else "query"
    else:
        kind = method.decode()
    return f"{prefix}{kind} {table}"


async def pipe(reader, writer, count):
    tail = b""
    try:
        while data := await reader.read(65536):
            if count:
                seen = tail + data
                for match in REQUEST_LINE.finditer(seen):
                    if match.end() > len(tail):  # not counted with the previous chunk
                        counts[classify(match.group(1), match.group(2))] += 1
                tail = seen[-300:]
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def handle(client_reader, client_writer):
    server_reader, server_writer = await asyncio.open_connection("127.0.0.1", TARGET)
    await asyncio.gather(pipe(client_reader, server_writer, True), pipe(server_reader, client_writer, False))


async def report():
    while True:
        await asyncio.sleep(10)
        snapshot = sorted(counts.items(), key=lambda item: -item[1])
        counts.clear()
        LOG.write(time.strftime("%H:%M:%S ") + " | ".join(f"{kind}={n}" for kind, n in snapshot) + "\n")


async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", LISTEN)
    asyncio.get_running_loop().create_task(report())
    async with server:
        await server.serve_forever()


asyncio.run(main())
