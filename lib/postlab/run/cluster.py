"""A force cluster that runs only the force's work: TLS between scheduler, workers and clients.

A Dask scheduler reached over plain TCP takes work (pickled code) from anyone who
can reach its port, and the posts and results cross the network in clear. So a
rerun talks to a scheduler on another machine only over ``tls://``, with a
certificate signed by the force's own certificate authority (``make_certificates``,
behind ``postlab cluster certs``); the scheduler and the workers demand the same
of every client. A plain ``tcp://`` address is accepted for this machine only,
or when ``postlab.yml`` says ``dask: insecure: true``.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from postlab.config import SETTINGS_FILE, TLS_FILES, Settings
from postlab.exceptions import PostlabError

CERTS_FOLDER = "certs"  # in a workspace: kept out of git by the .gitignore `postlab init` writes
ROLES = ("scheduler", "worker", "client")
DEFAULT_DAYS = 825  # certificates' validity: about two years and three months
CA_NAME = "postlab force cluster CA"
SCHEMES = ("tls", "tcp")

CONNECT_TIMEOUT = "10s"  # how long a rerun waits for the scheduler before saying so


class ClusterError(PostlabError):
    """The Dask cluster's address or its TLS files are unusable or unsafe."""


@dataclass(frozen=True)
class Connection:
    """Where the scheduler is, and the ``distributed.Security`` to reach it with (None: plain)."""

    address: str
    security: object | None = None

    def client(self, timeout: str | None = None):
        from distributed import Client

        return Client(self.address, security=self.security, timeout=timeout or CONNECT_TIMEOUT)


def certificate_files(folder: str | Path, role: str) -> tuple[Path, Path, Path]:
    """The CA certificate, ``role``'s certificate and its key, as ``make_certificates`` names them."""
    folder = Path(folder)
    return folder / "ca.pem", folder / f"{role}.pem", folder / f"{role}-key.pem"


def connection(address: str, settings: Settings, root: str | Path) -> Connection:
    """The checked connection to ``address``; TLS files from ``settings`` or ``root/certs``.

    Refuses, with one line saying why, a plain ``tcp://`` scheduler on another host
    (unless ``insecure: true``) and a ``tls://`` one whose files are missing.
    """
    scheme, host = _parts(address)
    if scheme == "tcp":
        if not (settings.dask_insecure or is_this_machine(host)):
            raise ClusterError(
                f"refusing the plain tcp:// scheduler {address}: anyone who can reach it can run "
                "code on every worker and read every borough's posts in transit; use tls:// with "
                "the force's certificates (postlab cluster certs), or set dask: insecure: true "
                f"in {SETTINGS_FILE} on a network only the force's machines can reach"
            )
        return Connection(address)
    files = settings.dask_tls or certificate_files(Path(root) / CERTS_FOLDER, "client")
    for name, file in zip(TLS_FILES, files, strict=True):
        if not file.is_file():
            shown = os.path.relpath(file)
            raise ClusterError(
                f"the TLS {name} file {shown} is missing: copy this workspace's client "
                f"certificate there, or name the files under dask: tls: in {SETTINGS_FILE}"
            )
    return Connection(address, _security(*files))


def _parts(address: str) -> tuple[str, str]:
    scheme, _, rest = address.rpartition("://")
    scheme = scheme or "tcp"  # Dask's own default for a bare host:port
    if scheme not in SCHEMES:
        raise ClusterError(
            f"the scheduler address {address} must start with tls:// (or tcp:// on this machine)"
        )
    host = urlsplit(f"//{rest}").hostname
    if not host:
        raise ClusterError(f"the scheduler address {address} names no host (tls://HOST:PORT)")
    return scheme, host


def is_this_machine(host: str) -> bool:
    """Loopback addresses and this machine's own name: nothing crosses a network."""
    if host.lower() in {"localhost", socket.gethostname().lower()}:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _security(ca: Path, cert: Path, key: Path):
    try:
        from distributed import Security
    except ImportError:
        raise PostlabError(
            "--scheduler needs Dask: install the extra with pip install 'postlab[dask]'"
        ) from None
    return Security(
        tls_ca_file=str(ca),
        tls_client_cert=str(cert),
        tls_client_key=str(key),
        require_encryption=True,
    )


def node_security(folder: str | Path):
    """The ``Security`` of a scheduler and its workers from ``make_certificates``' folder."""
    from distributed import Security

    ca, scheduler, scheduler_key = certificate_files(folder, "scheduler")
    _, worker, worker_key = certificate_files(folder, "worker")
    _, client, client_key = certificate_files(folder, "client")
    return Security(
        tls_ca_file=str(ca),
        tls_scheduler_cert=str(scheduler),
        tls_scheduler_key=str(scheduler_key),
        tls_worker_cert=str(worker),
        tls_worker_key=str(worker_key),
        tls_client_cert=str(client),
        tls_client_key=str(client_key),
        require_encryption=True,
    )


def make_certificates(
    folder: str | Path, hosts: tuple[str, ...] = (), days: int = DEFAULT_DAYS
) -> list[Path]:
    """A new CA and a certificate with its key for the scheduler, the workers and the clients.

    ``hosts`` are the scheduler's and workers' names or addresses (the certificates
    name them, with localhost). Keys are readable by their owner only; nothing is
    overwritten. Returns the files written.
    """
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder = Path(folder)
    names = ["ca.pem", "ca-key.pem"] + [f"{r}{s}.pem" for r in ROLES for s in ("", "-key")]
    present = [n for n in names if (folder / n).exists()]
    if present:
        raise ClusterError(
            f"{os.path.relpath(folder / present[0])} already exists: certificates are never "
            "overwritten (choose another --out, or remove the old ones on purpose)"
        )
    if days < 1:
        raise ClusterError(f"--days must be at least 1, not {days}")
    now = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=5)  # clocks of the force's machines
    until = now + dt.timedelta(days=days)

    def name(common: str):
        return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common)])

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca = (
        x509.CertificateBuilder()
        .subject_name(name(CA_NAME))
        .issuer_name(name(CA_NAME))
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now)
        .not_valid_after(until)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .sign(ca_key, hashes.SHA256())
    )
    alternative = _alternative_names(("localhost", "127.0.0.1", "::1", *hosts))
    usage = x509.ExtendedKeyUsage(
        [ExtendedKeyUsageOID.SERVER_AUTH, ExtendedKeyUsageOID.CLIENT_AUTH]
    )
    written = [_write(folder / "ca.pem", ca.public_bytes(serialization.Encoding.PEM))]
    written.append(_write_key(folder / "ca-key.pem", ca_key))
    for role in ROLES:
        key = ec.generate_private_key(ec.SECP256R1())
        cert = (
            x509.CertificateBuilder()
            .subject_name(name(f"postlab {role}"))
            .issuer_name(ca.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now)
            .not_valid_after(until)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(usage, critical=False)
            .add_extension(alternative, critical=False)
            .sign(ca_key, hashes.SHA256())
        )
        written.append(
            _write(folder / f"{role}.pem", cert.public_bytes(serialization.Encoding.PEM))
        )
        written.append(_write_key(folder / f"{role}-key.pem", key))
    return written


def _alternative_names(hosts):
    from cryptography import x509

    entries = []
    for host in dict.fromkeys(hosts):
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(host)))
        except ValueError:
            entries.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(entries)


def _write(path: Path, data: bytes, mode: int = 0o644) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(descriptor, "wb") as out:
        out.write(data)
    return path


def _write_key(path: Path, key) -> Path:
    from cryptography.hazmat.primitives import serialization

    data = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return _write(path, data, mode=0o600)
