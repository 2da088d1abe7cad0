#!/usr/bin/env python3
"""The benchmark's Python contenders: paramiko and asyncssh, the libraries the original dojo
compared. Moves file-0000.bin ... over SFTP like libssh2_transfer and prints one JSON line with
the same fields. The host key must match known_hosts; nothing unknown is accepted."""

import argparse
import asyncio
import json
import os
import sys
import time


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", choices=["paramiko", "asyncssh"], required=True)
    parser.add_argument("--host", required=True)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--user", required=True)
    parser.add_argument("--private-key", required=True)
    parser.add_argument("--known-hosts", required=True)
    parser.add_argument("--direction", choices=["put", "get"], required=True)
    parser.add_argument("--local-dir", required=True)
    parser.add_argument("--remote-dir", required=True)
    parser.add_argument("--files", type=int, default=1)
    parser.add_argument("--cipher", required=True)
    return parser.parse_args()


def file_pairs(arguments):
    pairs = []
    for index in range(arguments.files):
        name = "file-%04d.bin" % index
        pairs.append((os.path.join(arguments.local_dir, name), arguments.remote_dir + "/" + name))
    return pairs


def run_paramiko(arguments):
    import paramiko

    client = paramiko.SSHClient()
    client.load_host_keys(arguments.known_hosts)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    started = time.perf_counter()
    transport_ciphers = paramiko.Transport._preferred_ciphers
    disabled = [name for name in transport_ciphers if name != arguments.cipher]
    client.connect(arguments.host, port=arguments.port, username=arguments.user,
                   key_filename=arguments.private_key, allow_agent=False, look_for_keys=False,
                   disabled_algorithms={"ciphers": disabled})
    sftp = client.open_sftp()
    setup_seconds = time.perf_counter() - started
    cipher = client.get_transport().local_cipher
    started = time.perf_counter()
    moved = 0
    for local, remote in file_pairs(arguments):
        if arguments.direction == "put":
            sftp.put(local, remote)
        else:
            sftp.get(remote, local)
        moved += os.path.getsize(local)
    transfer_seconds = time.perf_counter() - started
    sftp.close()
    client.close()
    return moved, setup_seconds, transfer_seconds, cipher


async def asyncssh_transfer(arguments):
    import asyncssh

    started = time.perf_counter()
    async with asyncssh.connect(arguments.host, port=arguments.port, username=arguments.user,
                                client_keys=[arguments.private_key],
                                known_hosts=arguments.known_hosts,
                                encryption_algs=[arguments.cipher]) as connection:
        async with connection.start_sftp_client() as sftp:
            setup_seconds = time.perf_counter() - started
            cipher = connection.get_extra_info("send_cipher")
            started = time.perf_counter()
            moved = 0
            for local, remote in file_pairs(arguments):
                if arguments.direction == "put":
                    await sftp.put(local, remote)
                else:
                    await sftp.get(remote, local)
                moved += os.path.getsize(local)
            transfer_seconds = time.perf_counter() - started
    return moved, setup_seconds, transfer_seconds, cipher


def main():
    arguments = parse_arguments()
    cpu_before = time.process_time()
    if arguments.library == "paramiko":
        moved, setup_seconds, transfer_seconds, cipher = run_paramiko(arguments)
    else:
        moved, setup_seconds, transfer_seconds, cipher = asyncio.run(asyncssh_transfer(arguments))
    print(json.dumps({
        "client": arguments.library, "direction": arguments.direction, "files": arguments.files,
        "bytes": moved, "streams": 1, "cipher": cipher or arguments.cipher,
        "setup_seconds": round(setup_seconds, 6), "transfer_seconds": round(transfer_seconds, 6),
        "cpu_seconds": round(time.process_time() - cpu_before, 6)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
