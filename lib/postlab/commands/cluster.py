"""Make the TLS certificates of a force Dask cluster (postlab cluster certs).

`postlab cluster certs` makes a certificate authority (CA) for the force's
cluster and, signed by it, a certificate and key for the scheduler, the
workers and the clients (the teams' workspaces), in certs/ of the current
workspace unless --out says otherwise. The scheduler and the workers accept
only clients with a certificate from this CA, so nobody else on the network
can run work on them or read what crosses it. Keep ca-key.pem with whoever
runs the cluster; copy ca.pem with each machine's own pair (see docs/analyst/rerun.md,
"A force-wide deployment"). Nothing is overwritten.

examples:
  postlab cluster certs --host force-scheduler.met.internal --host 10.0.0.5
  postlab cluster certs --out /secure/force-certs --days 365
"""

from __future__ import annotations

import argparse
import os

ORDER = 75
WORKSPACE = True  # --team NAME: the files go in that workspace's certs/


def configure(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    certs = actions.add_parser(
        "certs",
        help="make a CA and the scheduler's, workers' and clients' certificates",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    certs.add_argument(
        "--out", default=None, help="folder for the files (default: certs/ of this workspace)"
    )
    certs.add_argument(
        "--host",
        action="append",
        default=[],
        help="a name or address of the scheduler or a worker (repeat; localhost is always in)",
    )
    certs.add_argument(
        "--days", type=int, default=None, help="days the certificates stay valid (default 825)"
    )


def run(args: argparse.Namespace) -> int:
    from postlab.project import find_root
    from postlab.run.cluster import CERTS_FOLDER, DEFAULT_DAYS, make_certificates

    out = args.out or os.path.relpath(find_root() / CERTS_FOLDER)
    written = make_certificates(out, tuple(args.host), args.days or DEFAULT_DAYS)
    folder = os.path.relpath(written[0].parent)
    print(f"made {len(written)} files in {folder}/ (keys readable by you only):")
    print("  ca.pem                            every machine (the force's CA certificate)")
    print("  ca-key.pem                        nowhere: keep it offline, it signs certificates")
    print("  scheduler.pem, scheduler-key.pem  the scheduler host")
    print("  worker.pem, worker-key.pem        each worker host")
    print("  client.pem, client-key.pem        each team workspace's certs/ (never committed)")
    tls = f"--tls-ca-file {folder}/ca.pem"
    print("start the cluster with:")
    print(
        f"  dask scheduler --protocol tls {tls} "
        f"--tls-cert {folder}/scheduler.pem --tls-key {folder}/scheduler-key.pem"
    )
    print(
        f"  dask worker tls://SCHEDULER:8786 {tls} "
        f"--tls-cert {folder}/worker.pem --tls-key {folder}/worker-key.pem --nthreads 1"
    )
    print("and in each workspace's postlab.yml: dask: {scheduler: tls://SCHEDULER:8786}")
    return 0
