"""`markedsplass serve`: build the site, serve it on the loopback address, and build
it again whenever a record or a settings file changes.

The build replaces the output folder by renaming a finished one into place, so the
folder's path never changes and the request handler serves whatever is there at
the time of the request. When the changed data does not pass the check, the
diagnostics are printed and the site that was there stays. Changes are found by
polling: a snapshot of every file's modification time and size, no new dependency."""

from __future__ import annotations

import sys
import threading
from datetime import date
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TextIO

from generator.catalogue.config import FILE as SETTINGS
from generator.catalogue.gather import NotACatalogue
from generator.diagnostics import FORMATTERS, Severity
from generator.models.kinds import KINDS
from generator.site.build import BuildError, BuildReport, build
from generator.site.mkdocs_build import CONFIG

Snapshot = dict[str, tuple[int, int]]


def watched(root: Path) -> list[Path]:
    """The record folders and the two settings files, whether they exist yet or not."""
    return [*(root / kind.folder for kind in KINDS), root / CONFIG, root / SETTINGS]


def snapshot(root: Path) -> Snapshot:
    """Modification time and size of every watched file, by path."""
    found: Snapshot = {}
    for place in watched(root):
        files = sorted(place.rglob("*")) if place.is_dir() else [place]
        for path in files:
            try:
                stat = path.stat()
            except OSError:  # not there (yet), or removed while we looked
                continue
            if path.is_file():
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


class _Quiet(SimpleHTTPRequestHandler):
    """Serves files without a line per request (the build's messages are the news)."""

    def log_message(self, format: str, *args: object) -> None:
        pass


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A reader who left before the answer (a closed tab, a timeout during the
        first build) is no error; anything else is reported as the standard server does."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _report(report: BuildReport, stream: TextIO) -> None:
    if report.built:
        stream.write(
            f"markedsplass serve: {report.records} poster og {report.pages} sider bygget på "
            f"{report.seconds:.1f} s.\n"
        )
        return
    errors = sum(d.severity is Severity.ERROR for d in report.diagnostics)
    stream.write(FORMATTERS["text"](report.diagnostics))
    stream.write(
        f"markedsplass serve: {errors} feil i dataene; nettstedet er ikke endret. Rett "
        "filene, så bygges det på nytt.\n"
    )


def rebuild(root: Path, out: Path, today: date | None, stream: TextIO) -> bool:
    """Build once more; True when the site was replaced. Invalid data and a failed
    build are reported on `stream` and leave the old site where it is."""
    try:
        report = build(root, out, today or date.today())
    except (BuildError, NotACatalogue) as exc:
        stream.write(f"markedsplass serve: bygget feilet, nettstedet er ikke endret: {exc}\n")
        return False
    _report(report, stream)
    return report.built


def serve(
    root: Path,
    out: Path,
    host: str = "127.0.0.1",
    port: int = 8000,
    interval: float = 1.0,
    *,
    today: date | None = None,
    stop: threading.Event | None = None,
    stream: TextIO | None = None,
) -> None:
    """Build `root` into `out`, serve `out` on http://host:port/, and build again when
    a watched file changes, looking every `interval` seconds, until `stop` is set or
    Ctrl+C is pressed. `today` fixes the date the site is built for; by default each
    build uses the day it runs. Raises `OSError` when the port cannot be bound, and
    `NotACatalogue` or `BuildError` when the first build fails as a tool."""
    stream = stream or sys.stderr
    stop = stop or threading.Event()
    handler = partial(_Quiet, directory=str(out.resolve()))
    # Bind before building: a port in use fails at once, and a browser opened during
    # the first build waits for it instead of being refused.
    server = _Server((host, port), handler)
    try:
        seen = snapshot(root)
        _report(build(root, out, today or date.today()), stream)
        thread = threading.Thread(target=server.serve_forever, name="markedsplass-serve")
        thread.start()
        try:
            stream.write(
                f"markedsplass serve: http://{host}:{server.server_port}/ (Ctrl+C stopper)\n"
            )
            stream.flush()
            while not stop.wait(interval):
                now = snapshot(root)
                if now != seen:
                    seen = now
                    stream.write("markedsplass serve: endring funnet, bygger på nytt …\n")
                    rebuild(root, out, today, stream)
                    stream.flush()
        except KeyboardInterrupt:
            stream.write("markedsplass serve: stoppet.\n")
        finally:
            server.shutdown()
            thread.join()
    finally:
        server.server_close()
