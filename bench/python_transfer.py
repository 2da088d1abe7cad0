#!/usr/bin/env python3
"""The benchmark's Python contenders: paramiko and asyncssh, the libraries the original dojo
compared, and Fabric and spur, the wrappers around paramiko that many users call instead (timed
as they are called, so their cost over bare paramiko shows). Moves file-0000.bin ... over SFTP
like libssh2_transfer and prints one JSON line with the same fields. The host key must match
known_hosts; nothing unknown is accepted.
With --check (and --library, --cipher and, for a cipher that needs one, --mac) it moves nothing:
it exits 0 when the library can be imported and speaks them, else 3 with the reason on standard
error."""

import argparse
import asyncio
import importlib
import json
import os
import sys
import time

LIBRARIES = ["paramiko", "asyncssh", "fabric", "spur"]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--library", choices=LIBRARIES, required=True)
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
    parser.add_argument("--library", choices=LIBRARIES, required=True)
    parser.add_argument("--cipher", required=True)
    parser.add_argument("--mac")
    return parser.parse_args()


def unsupported(arguments):
    """The reason the library cannot take part with this cipher and MAC, or None."""
    try:
        if arguments.library in ("paramiko", "fabric", "spur"):
            # Fabric and spur speak what the paramiko under them speaks.
            importlib.import_module(arguments.library)
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


def paramiko_disabled_algorithms(arguments):
    """Every cipher and MAC paramiko knows but the pinned ones, so it offers only those."""
    import paramiko

    return {
        "ciphers": [name for name in paramiko.Transport._preferred_ciphers
                    if name != arguments.cipher],
        "macs": [name for name in paramiko.Transport._preferred_macs if name != arguments.mac]}


def run_paramiko(arguments):
    import paramiko

    client = paramiko.SSHClient()
    client.load_host_keys(arguments.known_hosts)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    started = time.perf_counter()
    client.connect(arguments.host, port=arguments.port, username=arguments.user,
                   key_filename=arguments.private_key, allow_agent=False, look_for_keys=False,
                   disabled_algorithms=paramiko_disabled_algorithms(arguments))
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


def run_fabric(arguments):
    import fabric
    import paramiko

    started = time.perf_counter()
    # An explicit, empty SSHConfig: Fabric then reads neither ~/.ssh/config nor
    # /etc/ssh/ssh_config, whose IdentityFile lines it would add to the keys it tries.
    connection = fabric.Connection(
        arguments.host, user=arguments.user, port=arguments.port,
        config=fabric.Config(ssh_config=paramiko.SSHConfig()),
        connect_kwargs={"key_filename": arguments.private_key, "look_for_keys": False,
                        "allow_agent": False,
                        "disabled_algorithms": paramiko_disabled_algorithms(arguments)})
    # Fabric 2 accepts any host key (AutoAddPolicy) and reads no known_hosts: its users make the
    # paramiko client it wraps strict, as the paramiko contender is.
    connection.client.load_host_keys(arguments.known_hosts)
    connection.client.set_missing_host_key_policy(paramiko.RejectPolicy())
    # What the first put or get would do on its own; done here so that setup and transfer are
    # split as for paramiko (connection and SFTP session in the setup).
    connection.open()
    connection.sftp()
    setup_seconds = time.perf_counter() - started
    cipher = connection.transport.local_cipher
    mac = connection.transport.local_mac
    started = time.perf_counter()
    moved = 0
    for local, remote in file_pairs(arguments):
        # Per file, Fabric adds round trips of its own: the remote folder's path, a stat and
        # the copy of the file's mode (preserve_mode), as its users get them.
        if arguments.direction == "put":
            connection.put(local, remote)
        else:
            connection.get(remote, local)
        moved += os.path.getsize(local)
    transfer_seconds = time.perf_counter() - started
    connection.close()
    return moved, setup_seconds, transfer_seconds, cipher, mac


def known_hosts_policy(known_hosts):
    """A paramiko policy for spur, which can read only ~/.ssh/known_hosts itself: the server's
    key is accepted when the given known_hosts holds it under the name paramiko looks up
    ([host]:port off port 22), and refused otherwise."""
    import paramiko

    class KnownHostsOnly(paramiko.MissingHostKeyPolicy):
        def __init__(self):
            self.host_keys = paramiko.HostKeys(known_hosts)

        def missing_host_key(self, client, hostname, key):
            if self.host_keys.lookup(hostname) is None:
                raise paramiko.SSHException("host key check: %s holds no key for %s" % (
                    known_hosts, hostname))
            if not self.host_keys.check(hostname, key):
                raise paramiko.SSHException("host key check: the %s key of %s is not the one %s "
                                            "holds for it" % (key.get_name(), hostname,
                                                              known_hosts))

    return KnownHostsOnly()


def run_spur(arguments):
    import shutil

    import paramiko
    import spur

    # spur hands paramiko no algorithms: narrow paramiko's own preference lists, which every
    # Transport reads, to the pinned cipher and MAC (what the others offer the server too).
    paramiko.Transport._preferred_ciphers = (arguments.cipher,)
    paramiko.Transport._preferred_macs = (arguments.mac,)
    started = time.perf_counter()
    shell = spur.SshShell(hostname=arguments.host, port=arguments.port, username=arguments.user,
                          private_key_file=arguments.private_key, look_for_private_keys=False,
                          load_system_host_keys=False,
                          missing_host_key=known_hosts_policy(arguments.known_hosts))
    with shell:
        # spur connects on first use and has no public call for it; this is the call its open()
        # makes first, so the setup holds the SSH connection as the paramiko contender's does.
        transport = shell._get_ssh_transport()
        setup_seconds = time.perf_counter() - started
        cipher = transport.local_cipher
        mac = transport.local_mac
        started = time.perf_counter()
        moved = 0
        # As spur's users copy files: shell.open and shutil.copyfileobj. Each shell.open starts
        # an SFTP session of its own, which is part of spur's cost per file.
        for local, remote in file_pairs(arguments):
            if arguments.direction == "put":
                with open(local, "rb") as source, shell.open(remote, "wb") as target:
                    shutil.copyfileobj(source, target)
            else:
                with shell.open(remote, "rb") as source, open(local, "wb") as target:
                    shutil.copyfileobj(source, target)
            moved += os.path.getsize(local)
        transfer_seconds = time.perf_counter() - started
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
    elif arguments.library == "fabric":
        moved, setup_seconds, transfer_seconds, cipher, mac = run_fabric(arguments)
    elif arguments.library == "spur":
        moved, setup_seconds, transfer_seconds, cipher, mac = run_spur(arguments)
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
