"""`generator.site.serve`: the site served on the loopback address and built again
when a record changes; invalid data leaves the served site as it was."""

from __future__ import annotations

import io
import re
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

from generator.models.kinds import KINDS
from generator.site import serve
from tests.support.paths import ROOT, TODAY

WAIT = 60.0
NEED = "needs/digitalt-nattilsyn-sykehjem.yaml"
OLD_TITLE = "Digitalt nattilsyn i sykehjem uten kamera"
NEW_TITLE = "Nattilsyn med sensorer, endret mens siden ble servert"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        exc.close()
        return exc.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def wait_for(what: Callable[[], bool], alive: Callable[[], bool], why: str) -> None:
    deadline = time.monotonic() + WAIT
    while time.monotonic() < deadline:
        if what():
            return
        assert alive(), f"serve stoppet før {why}"
        time.sleep(0.2)
    raise AssertionError(f"ventet {WAIT:.0f} s på {why}")


def set_title(path: Path, title: str) -> None:
    text = path.read_text("utf-8")
    path.write_text(re.sub(r"(?m)^title: .*$", f"title: {title}", text, count=1), "utf-8")


def test_serve_builds_serves_and_rebuilds_on_change(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for kind in KINDS:
        shutil.copytree(ROOT / kind.folder, root / kind.folder)
    out, port, stop, log = tmp_path / "site", free_port(), threading.Event(), io.StringIO()
    failures: list[BaseException] = []

    def run() -> None:
        try:
            serve.serve(root, out, port=port, interval=0.2, today=TODAY, stop=stop, stream=log)
        except BaseException as exc:  # shown by the assertions below
            failures.append(exc)

    thread = threading.Thread(target=run)
    thread.start()

    def alive() -> bool:
        return thread.is_alive() and not failures

    base = f"http://127.0.0.1:{port}/"
    need_page = base + "need/digitalt-nattilsyn-sykehjem/"
    try:
        wait_for(lambda: get(base)[0] == 200, alive, "forsiden")
        status, home = get(base)
        assert status == 200 and "Markedsplassen i tall" in home
        assert OLD_TITLE in get(need_page)[1]

        # invalid data: the check's diagnostics are printed, the served site stays
        set_title(root / NEED, "")
        wait_for(lambda: "feil i dataene" in log.getvalue(), alive, "feilmeldingen")
        assert f"{NEED}:" in log.getvalue()  # path:line:col: severity[code] message
        assert OLD_TITLE in get(need_page)[1]

        set_title(root / NEED, NEW_TITLE)
        wait_for(lambda: NEW_TITLE in get(need_page)[1], alive, "den nye tittelen")
        assert get(base)[0] == 200
    finally:
        stop.set()
        thread.join(WAIT)
    assert not thread.is_alive() and failures == [], (failures, log.getvalue())
    assert get(base)[0] == 0  # the port is closed


def test_snapshot_sees_records_and_settings(tmp_path: Path) -> None:
    (tmp_path / "needs").mkdir()
    (tmp_path / "needs" / "a.yaml").write_text("id: a\n", "utf-8")
    (tmp_path / "README.md").write_text("ikke data\n", "utf-8")
    first = serve.snapshot(tmp_path)
    assert sorted(Path(p).name for p in first) == ["a.yaml"]
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", "utf-8")
    (tmp_path / "markedsplassen.yaml").write_text("{}\n", "utf-8")
    second = serve.snapshot(tmp_path)
    assert sorted(Path(p).name for p in second) == ["a.yaml", "markedsplassen.yaml", "mkdocs.yml"]
    (tmp_path / "needs" / "a.yaml").write_text("id: ab\n", "utf-8")
    assert serve.snapshot(tmp_path) != second
