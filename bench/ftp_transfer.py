#!/usr/bin/env python3
"""The benchmark's FTP client: Python's ftplib, the unencrypted baseline the original dojo timed
beside SFTP. Moves file-0000.bin ... to (put) or from (get) an FTP server in one session, in
binary mode with 1 MiB blocks, and prints one JSON line with the same fields as the SSH clients
(cipher and mac "none": nothing is encrypted)."""

import argparse
import ftplib
import json
import os
import sys
import time

BLOCK_BYTES = 1024 * 1024


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--direction", choices=["put", "get"], required=True)
    parser.add_argument("--local-dir", required=True)
    parser.add_argument("--remote-dir", required=True)
    parser.add_argument("--files", type=int, default=1)
    return parser.parse_args()


def main():
    arguments = parse_arguments()
    cpu_before = time.process_time()
    started = time.perf_counter()
    session = ftplib.FTP()
    session.connect(arguments.host, arguments.port)
    session.login(arguments.user, arguments.password)
    session.voidcmd("TYPE I")
    setup_seconds = time.perf_counter() - started
    started = time.perf_counter()
    moved = 0
    for index in range(arguments.files):
        name = "file-%04d.bin" % index
        local = os.path.join(arguments.local_dir, name)
        remote = arguments.remote_dir.rstrip("/") + "/" + name
        if arguments.direction == "put":
            with open(local, "rb") as source:
                session.storbinary("STOR " + remote, source, blocksize=BLOCK_BYTES)
        else:
            with open(local, "wb") as target:
                session.retrbinary("RETR " + remote, target.write, blocksize=BLOCK_BYTES)
        moved += os.path.getsize(local)
    transfer_seconds = time.perf_counter() - started
    session.quit()
    print(json.dumps({
        "client": "ftplib", "direction": arguments.direction, "files": arguments.files,
        "bytes": moved, "streams": 1, "cipher": "none", "mac": "none",
        "setup_seconds": round(setup_seconds, 6), "transfer_seconds": round(transfer_seconds, 6),
        "cpu_seconds": round(time.process_time() - cpu_before, 6)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
