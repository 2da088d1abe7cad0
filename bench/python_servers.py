#!/usr/bin/env python3
"""The benchmark's other servers, each on 127.0.0.1 and a free port, serving the whole file
system as the user who runs it, until SIGTERM:

  asyncssh   AsyncSSH's SFTP server
  paramiko   a paramiko SFTPServer, the way the original dojo's "sftpserver" serves
  pyftpdlib  pyftpdlib's FTP server, the unencrypted baseline (one user, a password)

The SSH servers use the host key given (a private key file; clients pin its public half), accept
only the public keys of --authorized-keys, and speak only the pinned cipher and MAC. Once the
server listens, its port is written to --port-file (written whole, then renamed into place).
With --check it serves nothing: exit 0 when the module can be imported, else 3 with the reason
on standard error."""

import argparse
import os
import signal
import socket
import sys
import threading


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kind", choices=["asyncssh", "paramiko", "pyftpdlib"], required=True)
    parser.add_argument("--check", action="store_true")
    parser.add_argument("--port-file")
    parser.add_argument("--host-key")
    parser.add_argument("--authorized-keys")
    parser.add_argument("--cipher")
    parser.add_argument("--mac")
    parser.add_argument("--user")
    parser.add_argument("--password")
    parser.add_argument("--root", default="/")
    arguments = parser.parse_args()
    if not arguments.check:
        needed = ["port_file"]
        if arguments.kind == "pyftpdlib":
            needed += ["user", "password"]
        else:
            needed += ["host_key", "authorized_keys", "cipher"]
        for name in needed:
            if getattr(arguments, name) is None:
                parser.error("--%s is required" % name.replace("_", "-"))
    return arguments


def unsupported(kind):
    module = {"asyncssh": "asyncssh", "paramiko": "paramiko", "pyftpdlib": "pyftpdlib"}[kind]
    try:
        __import__(module)
    except ImportError as error:
        return "%s cannot be imported (%s): apt-get install python3-%s" % (module, error, module)
    return ""


def announce(port_file, port):
    partial = port_file + ".partial"
    with open(partial, "w") as handle:
        handle.write("%d\n" % port)
    os.replace(partial, port_file)


def end_on_sigterm():
    def stop(signal_number, frame):
        os._exit(0)
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)


def authorized_blobs(path):
    blobs = set()
    with open(path) as handle:
        for line in handle:
            fields = line.split()
            if len(fields) >= 2 and not line.startswith("#"):
                blobs.add(fields[1])
    return blobs


def serve_asyncssh(arguments):
    import asyncio
    import asyncssh

    async def start():
        mac_algs = [arguments.mac] if arguments.mac and arguments.mac != "implicit" else ()
        options = {}
        if mac_algs:
            options["mac_algs"] = mac_algs
        server = await asyncssh.listen(
            "127.0.0.1", 0, server_host_keys=[arguments.host_key],
            authorized_client_keys=arguments.authorized_keys, sftp_factory=True,
            allow_scp=False, encryption_algs=[arguments.cipher], **options)
        announce(arguments.port_file, server.sockets[0].getsockname()[1])
        await server.wait_closed()

    loop = asyncio.new_event_loop()
    loop.run_until_complete(start())
    loop.run_forever()


def serve_paramiko(arguments):
    import paramiko

    host_key = paramiko.Ed25519Key.from_private_key_file(arguments.host_key) \
        if "OPENSSH PRIVATE KEY" in open(arguments.host_key).read() \
        else paramiko.RSAKey.from_private_key_file(arguments.host_key)
    allowed = authorized_blobs(arguments.authorized_keys)

    class Server(paramiko.ServerInterface):
        def check_auth_publickey(self, username, key):
            if key.get_base64() in allowed:
                return paramiko.AUTH_SUCCESSFUL
            return paramiko.AUTH_FAILED

        def get_allowed_auths(self, username):
            return "publickey"

        def check_channel_request(self, kind, chanid):
            if kind == "session":
                return paramiko.OPEN_SUCCEEDED
            return paramiko.OPEN_FAILED_ADMINISTRATIVELY_PROHIBITED

    class Handle(paramiko.SFTPHandle):
        def stat(self):
            try:
                return paramiko.SFTPAttributes.from_stat(os.fstat(self.readfile.fileno()))
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)

    class Files(paramiko.SFTPServerInterface):
        """The file system as it is: paths are the client's, absolute or relative to the root."""

        def _path(self, path):
            return os.path.join(arguments.root, path.lstrip("/")) if not path.startswith("/") \
                else path

        def list_folder(self, path):
            path = self._path(path)
            try:
                entries = []
                for name in os.listdir(path):
                    attributes = paramiko.SFTPAttributes.from_stat(os.stat(os.path.join(path, name)))
                    attributes.filename = name
                    entries.append(attributes)
                return entries
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)

        def stat(self, path):
            try:
                return paramiko.SFTPAttributes.from_stat(os.stat(self._path(path)))
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)

        def lstat(self, path):
            try:
                return paramiko.SFTPAttributes.from_stat(os.lstat(self._path(path)))
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)

        def open(self, path, flags, attr):
            path = self._path(path)
            try:
                descriptor = os.open(path, flags | getattr(os, "O_BINARY", 0), 0o600)
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)
            if flags & os.O_WRONLY:
                mode = "ab" if flags & os.O_APPEND else "wb"
            elif flags & os.O_RDWR:
                mode = "a+b" if flags & os.O_APPEND else "r+b"
            else:
                mode = "rb"
            handle = Handle(flags)
            stream = os.fdopen(descriptor, mode)
            handle.readfile = stream
            handle.writefile = stream
            return handle

        def remove(self, path):
            try:
                os.remove(self._path(path))
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)
            return paramiko.SFTP_OK

        def rename(self, old, new):
            try:
                os.rename(self._path(old), self._path(new))
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)
            return paramiko.SFTP_OK

        def mkdir(self, path, attr):
            try:
                os.mkdir(self._path(path))
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)
            return paramiko.SFTP_OK

        def rmdir(self, path):
            try:
                os.rmdir(self._path(path))
            except OSError as error:
                return paramiko.SFTPServer.convert_errno(error.errno)
            return paramiko.SFTP_OK

        def chattr(self, path, attr):
            return paramiko.SFTP_OK

        def canonicalize(self, path):
            return os.path.normpath(self._path(path))

    def connection(client):
        transport = paramiko.Transport(client)
        options = transport.get_security_options()
        options.ciphers = (arguments.cipher,)
        if arguments.mac and arguments.mac != "implicit":
            options.digests = (arguments.mac,)
        transport.add_server_key(host_key)
        transport.set_subsystem_handler("sftp", paramiko.SFTPServer, Files)
        try:
            transport.start_server(server=Server())
        except (paramiko.SSHException, EOFError, OSError):
            return
        transport.join()

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    announce(arguments.port_file, listener.getsockname()[1])
    while True:
        client, _ = listener.accept()
        client.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        threading.Thread(target=connection, args=(client,), daemon=True).start()


def serve_pyftpdlib(arguments):
    import logging
    from pyftpdlib.authorizers import DummyAuthorizer
    from pyftpdlib.handlers import FTPHandler
    from pyftpdlib.servers import FTPServer

    logging.getLogger("pyftpdlib").setLevel(logging.WARNING)
    authorizer = DummyAuthorizer()
    authorizer.add_user(arguments.user, arguments.password, arguments.root, perm="elradfmwMT")
    handler = FTPHandler
    handler.authorizer = authorizer
    handler.banner = "stackprobe benchmark"
    server = FTPServer(("127.0.0.1", 0), handler)
    announce(arguments.port_file, server.socket.getsockname()[1])
    server.serve_forever(handle_exit=False)


def main():
    arguments = parse_arguments()
    if arguments.check:
        reason = unsupported(arguments.kind)
        if reason:
            print(reason, file=sys.stderr)
            return 3
        return 0
    end_on_sigterm()
    {"asyncssh": serve_asyncssh, "paramiko": serve_paramiko,
     "pyftpdlib": serve_pyftpdlib}[arguments.kind](arguments)
    return 0


if __name__ == "__main__":
    sys.exit(main())
