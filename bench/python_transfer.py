#!/usr/bin/env python3
"""The benchmark's Python contenders: paramiko and asyncssh, the libraries the original dojo
compared. Moves file-0000.bin ... over SFTP like libssh2_transfer and prints one JSON line with
the same fields. The host key must match known_hosts; nothing unknown is accepted.
With --check (and --library, --cipher and, for a cipher that needs one, --mac) it moves nothing:
it exits 0 when the library can be imported and speaks them, else 3 with the reason on standard
error."""

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
    parser.add_argument("--mac", required=True)
    return parser.parse_args()


def parse_check_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", required=True)
    parser.add_argument("--library", choices=["paramiko", "asyncssh"], required=True)
    parser.add_argument("--cipher", required=True)
    parser.add_argument("--mac")
    return parser.parse_args()


def unsupported(arguments):
    """The reason the library cannot take part with this cipher and MAC, or None."""
    try:
        if arguments.library == "paramiko":
            import paramiko
            ciphers = paramiko.Transport._preferred_ciphers
            macs = paramiko.Transport._preferred_macs
        else:
            import asyncssh.encryption
            import asyncssh.mac
            ciphers = [name.decode() for name in asyncssh.encryption.get_encryption_algs()]
            macs = [name.decode() for name in asyncssh.mac.get_mac_algs()]
    except ImportError as error:
        # No ';' in a reason: bench/run_bench.cmake keeps the reasons in a CMake list.
        return "python3 cannot import it (%s), fix: apt-get install python3-%s" % (
            error, arguments.library)
    if arguments.cipher not in ciphers:
        return "it has no cipher %s (it has: %s)" % (arguments.cipher, " ".join(ciphers))
    if arguments.mac and arguments.mac not in macs:
        return "it has no MAC %s (it has: %s)" % (arguments.mac, " ".join(macs))
    return None


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
    disabled_macs = [name for name in paramiko.Transport._preferred_macs if name != arguments.mac]
    client.connect(arguments.host, port=arguments.port, username=arguments.user,
                   key_filename=arguments.private_key, allow_agent=False, look_for_keys=False,
                   disabled_algorithms={"ciphers": disabled, "macs": disabled_macs})
    sftp = client.open_sftp()
    setup_seconds = time.perf_counter() - started
    cipher = client.get_transport().local_cipher
    mac = client.get_transport().local_mac
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
    return moved, setup_seconds, transfer_seconds, cipher, mac


async def asyncssh_transfer(arguments):
    import asyncssh

    started = time.perf_counter()
    async with asyncssh.connect(arguments.host, port=arguments.port, username=arguments.user,
                                client_keys=[arguments.private_key],
                                known_hosts=arguments.known_hosts,
                                encryption_algs=[arguments.cipher],
                                mac_algs=[arguments.mac]) as connection:
        async with connection.start_sftp_client() as sftp:
            setup_seconds = time.perf_counter() - started
            cipher = connection.get_extra_info("send_cipher")
            mac = connection.get_extra_info("send_mac")
            started = time.perf_counter()
            moved = 0
            for local, remote in file_pairs(arguments):
                if arguments.direction == "put":
                    await sftp.put(local, remote)
                else:
                    await sftp.get(remote, local)
                moved += os.path.getsize(local)
            transfer_seconds = time.perf_counter() - started
    return moved, setup_seconds, transfer_seconds, cipher, mac


def main():
    if "--check" in sys.argv:
        reason = unsupported(parse_check_arguments())
        if reason:
            print(reason, file=sys.stderr)
            return 3
        return 0
    arguments = parse_arguments()
    cpu_before = time.process_time()
    if arguments.library == "paramiko":
        moved, setup_seconds, transfer_seconds, cipher, mac = run_paramiko(arguments)
    else:
        moved, setup_seconds, transfer_seconds, cipher, mac = asyncio.run(
            asyncssh_transfer(arguments))
    print(json.dumps({
        "client": arguments.library, "direction": arguments.direction, "files": arguments.files,
        "bytes": moved, "streams": 1, "cipher": cipher or arguments.cipher,
        "mac": mac or "",
        "setup_seconds": round(setup_seconds, 6), "transfer_seconds": round(transfer_seconds, 6),
        "cpu_seconds": round(time.process_time() - cpu_before, 6)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
