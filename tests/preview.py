"""Serve a built site the way the example host does: nginx with deploy/nginx.conf, on 127.0.0.1.

Used by the tests of that configuration and by the benchmark (Lighthouse, bytes per search), which
also share the Chromium they view it with.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
# Debian's Chromium, never a browser downloaded by a test tool; flags that work on these machines.
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextlib.contextmanager
def nginx_serving(site: Path, config: Path, folder: Path) -> Iterator[str]:
    """nginx serving `site` with the server block in `config`; yields the base URL. `folder` holds its files."""
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = config.read_text(encoding="utf-8")
    server = server.replace("listen 127.0.0.1:8080;", f"listen 127.0.0.1:{port};")
    server = server.replace("root /srv/aqb-zielvereinbarungen/site;", f"root {site};")
    # As root, nginx would read the site as an unprivileged user, who cannot enter temporary folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(
        f"{user}daemon off;\npid {folder}/nginx.pid;\nerror_log {folder}/error.log;\nevents {{}}\n"
        f"http {{\n access_log off;\n client_body_temp_path {folder};\n proxy_temp_path {folder};\n"
        f" fastcgi_temp_path {folder};\n uwsgi_temp_path {folder};\n scgi_temp_path {folder};\n{server}\n}}\n",
        encoding="utf-8",
    )
    process = subprocess.Popen(
        [NGINX, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(50):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)
