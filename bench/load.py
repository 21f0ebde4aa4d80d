"""Load test: N students at once, each a headless session that speaks Streamlit's websocket
protocol as the browser does (it draws nothing), plus a bystander who only opens the home page.

    .venv/bin/python -m bench.load --students 30 --mode same|distinct [--url URL] [--timeout 900]

The bystander opens the home page ``--bystander-after`` seconds after the first student asked for
a training (a Train click, or opening the classifier, which trains on a session's first visit).

Without ``--url`` it starts its own ``streamlit run`` on 127.0.0.1 with a warm run cache in a
temporary folder (every lab's shared runs computed first, as ``make run`` does), and stops it at
the end. With ``--url`` (loopback only) it drives a running server or nginx in front of replicas;
give ``--server-pid`` (repeatable) for the memory figure and ``--cache`` for the cache figure.

Each student opens the LSTM gates page, then the sound classifier, in one session (one websocket,
as a browser tab that follows the sidebar):
- ``same``: everyone at the instructor's (default) settings;
- ``distinct``: student k at seed k + 1 on both pages (``?gates_seed=``, ``?classifier_seed=``,
  what "try another seed" puts in the URL), pressing Train where the page waits for a click.
``--extra "gates_steps=50&classifier_steps=20"`` adds URL settings (each page gets those with its
prefix), e.g. small trainings for a test.

The protocol, as streamlit 1.67's server reads it (web/server/starlette/starlette_websocket.py,
runtime/app_session.py): an HTTP GET of the page first (a reverse proxy's sticky cookie, if any,
is sent back on the websocket); then ``ws://host/_stcore/stream`` with the subprotocol
``streamlit`` (the second and third entries, an XSRF token and a session id to resume, are only
needed for auth cookies and reconnects). The client sends ``BackMsg.rerun_script``
(``ClientState``: ``page_name`` = the URL path for the first visit, or ``page_script_hash`` from
the pages listed in ``new_session``; ``query_string``; ``widget_states``) and reads ``ForwardMsg``s
(``new_session``, ``delta``s, ...) until ``script_finished``. A run that ends early for a rerun
(``st.rerun``, a widget change) is followed by the next run. Pressing a button is a rerun with the
button's widget id as a trigger (the id comes from the button element in the page's deltas).

Time to idle of a page: from the first request to the ``script_finished`` of the run that shows
the result (the gates page's metrics, the classifier's accuracy table), including queueing,
progress redraws and the Train click. Errors: an exception element, an error box
(``st.error``), a dropped connection, a page that never showed its result, or a page still
unfinished at ``--timeout`` (it enters the percentiles as an infinite time). Output:

    bench load students=<N> mode=<same|distinct> errors=<n> p50_s=<x> p95_s=<x> bystander_s=<x>
        peak_rss_mb=<x> cache_mb=<x> load=<1-min load avg>
    bench load-detail ... (per page p50/p95, error kinds, cache before/after, load before)
"""

from __future__ import annotations

import argparse
import asyncio
import importlib
import math
import os
import pkgutil
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

TRAIN_LABEL = "Train"  # common.train in English (the client opens pages without ?lang=ko)
# The element that shows a page's result: gates draws metrics (accuracy, chance, loss) only for a
# finished run; the classifier draws its accuracy table (st.table) only for finished runs.
PAGES = {
    "gates": ("LSTM_gates", "gates_seed", "metric"),
    "classifier": ("Sound_classifier", "classifier_seed", "table"),
}
STUDENT_PAGES = ("gates", "classifier")
TRAINS_ON_LOAD = {"classifier"}  # a session's first visit trains what the cache lacks
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


def load() -> float:
    return os.getloadavg()[0]


# ------------------------------------------------------------------ the client


@dataclass
class RunOutcome:
    """What one script run (up to ``script_finished``) showed."""

    status: int = -1
    element_types: set[str] = field(default_factory=set)
    buttons: dict[str, str] = field(default_factory=dict)  # label -> widget id
    errors: list[str] = field(default_factory=list)  # exceptions and error boxes shown


class SessionClient:
    """One browser tab's websocket session, driven one run at a time."""

    def __init__(self, base_url: str, timeout_s: float) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout_s = timeout_s
        self.ws = None
        self.pages: dict[str, str] = {}  # url path name -> page_script_hash
        self.page_hash = ""
        self.query = ""

    async def connect(self, path: str = "/") -> None:
        import websockets

        cookies = await asyncio.to_thread(_get_cookies, self.base_url + path)
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())} if cookies else {}
        ws_url = "ws" + self.base_url.removeprefix("http") + "/_stcore/stream"
        self.ws = await websockets.connect(
            ws_url,
            subprotocols=["streamlit"],
            additional_headers=headers,
            max_size=None,  # a chart's message can exceed the default 1 MiB
            open_timeout=self.timeout_s,
            ping_interval=None,  # the server pings; the client answers while it reads
        )

    async def close(self) -> None:
        if self.ws is not None:
            await self.ws.close()

    async def open(self, page: str, query: str = "") -> RunOutcome:
        """Open a page as the browser does on navigation: by URL path (first visit) or by the
        page's script hash (a later page in the same tab)."""
        from streamlit.proto.ClientState_pb2 import ClientState

        self.query = query
        state = ClientState(query_string=query)
        if page in self.pages:
            state.page_script_hash = self.pages[page]
        else:
            state.page_name = page
        return await self._rerun(state)

    async def click(self, widget_id: str) -> RunOutcome:
        """Press a button: a rerun of the current page with the button's trigger set."""
        from streamlit.proto.ClientState_pb2 import ClientState

        state = ClientState(query_string=self.query, page_script_hash=self.page_hash)
        state.widget_states.widgets.add(id=widget_id, trigger_value=True)
        return await self._rerun(state)

    async def _rerun(self, state) -> RunOutcome:
        from streamlit.proto.BackMsg_pb2 import BackMsg
        from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

        back = BackMsg()
        back.rerun_script.CopyFrom(state)
        await self.ws.send(back.SerializeToString())
        outcome = RunOutcome()
        while True:
            data = await self.ws.recv()
            msg = ForwardMsg()
            msg.ParseFromString(data)
            kind = msg.WhichOneof("type")
            if kind == "new_session":
                self._new_session(msg.new_session)
                outcome = RunOutcome()  # a new run (also after st.rerun)
            elif kind == "navigation":  # pages/ runs as st.navigation: the real page hashes
                self._navigation(msg.navigation)
            elif kind == "delta":
                _read_delta(msg.delta, outcome)
            elif kind == "page_not_found":
                outcome.errors.append(f"page not found: {msg.page_not_found.page_name}")
            elif kind == "script_finished":
                outcome.status = msg.script_finished
                if msg.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                    return outcome

    def _new_session(self, new_session) -> None:
        self.pages.update({p.url_pathname: p.page_script_hash for p in new_session.app_pages})
        self.page_hash = new_session.page_script_hash

    def _navigation(self, navigation) -> None:
        self.pages.update({p.url_pathname: p.page_script_hash for p in navigation.app_pages})
        self.page_hash = navigation.page_script_hash


def _read_delta(delta, outcome: RunOutcome) -> None:
    if delta.WhichOneof("type") != "new_element":
        return
    element = delta.new_element
    kind = element.WhichOneof("type")
    if kind is None:
        return
    outcome.element_types.add(kind)
    if kind == "exception":
        outcome.errors.append(f"exception: {element.exception.type} {element.exception.message}")
    elif kind == "alert" and element.alert.format == element.alert.ERROR:
        outcome.errors.append(f"error box: {element.alert.body[:200]}")
    elif kind == "button":
        outcome.buttons[element.button.label] = element.button.id


def _get_cookies(url: str) -> dict[str, str]:
    """GET the page as a browser would; returns the cookies it sets (a proxy's sticky route)."""
    with urllib.request.urlopen(url, timeout=30) as reply:
        reply.read()
        found = {}
        for header in reply.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            found[name.strip()] = rest.split(";", 1)[0].strip()
        return found


# ------------------------------------------------------------------ students


@dataclass
class Visit:
    page: str
    seconds: float = math.nan
    clicked: bool = False
    finished: bool = False  # the run that shows the result reached script_finished
    errors: list[str] = field(default_factory=list)


def page_query(page: str, mode: str, student: int, extra: str) -> str:
    _, seed_key, _ = PAGES[page]
    params = [
        (k, v)
        for k, v in urllib.parse.parse_qsl(extra)
        if k.startswith(seed_key.split("_")[0] + "_")
    ]
    if mode == "distinct":
        params.append((seed_key, str(student + 1)))
    return urllib.parse.urlencode(params)


async def visit_page(
    client: SessionClient, page: str, query: str, training: asyncio.Event | None = None
) -> Visit:
    """Open ``page`` and, if it waits for a click, press Train once; time it to the result.
    ``training`` is set when a training is requested (a click, or a page that trains on load)."""
    path, _, marker = PAGES[page]
    visit = Visit(page)
    start = time.monotonic()
    if training is not None and page in TRAINS_ON_LOAD:
        training.set()
    outcome = await client.open(path, query)
    visit.errors += outcome.errors
    if marker not in outcome.element_types and TRAIN_LABEL in outcome.buttons:
        visit.clicked = True
        if training is not None:
            training.set()
        outcome = await client.click(outcome.buttons[TRAIN_LABEL])
        visit.errors += outcome.errors
    visit.seconds = time.monotonic() - start
    visit.finished = marker in outcome.element_types
    if not visit.finished:
        visit.errors.append(f"no result shown on {path}")
    return visit


async def student(
    base_url: str,
    k: int,
    mode: str,
    extra: str,
    timeout_s: float,
    training: asyncio.Event,
    visits: list[Visit],
) -> list[Visit]:
    """Student k's visits, appended to ``visits`` as each ends (kept if the task is cancelled)."""
    client = SessionClient(base_url, timeout_s)
    try:
        await client.connect("/" + PAGES[STUDENT_PAGES[0]][0])
        for page in STUDENT_PAGES:
            query = page_query(page, mode, k, extra)
            visits.append(await visit_page(client, page, query, training))
    except Exception as error:  # a dropped connection, a refused handshake
        visits.append(Visit("connection", errors=[f"connection: {type(error).__name__}: {error}"]))
    finally:
        await client.close()
    return visits


async def bystander(
    base_url: str, delay_s: float, timeout_s: float, training: asyncio.Event
) -> Visit:
    """Opens only the home page, ``delay_s`` after the first student asked for a training."""
    await training.wait()
    await asyncio.sleep(delay_s)
    client = SessionClient(base_url, timeout_s)
    visit = Visit("home")
    try:
        start = time.monotonic()
        await client.connect("/")
        outcome = await client.open("")
        visit.seconds = time.monotonic() - start
        visit.errors += outcome.errors
        visit.finished = "graphviz_chart" in outcome.element_types
    except Exception as error:
        visit.errors.append(f"connection: {type(error).__name__}: {error}")
    finally:
        await client.close()
    return visit


async def run_class(
    base_url: str, students: int, mode: str, extra: str, timeout_s: float, bystander_after: float
) -> tuple[list[list[Visit]], Visit | None]:
    """Every student and the bystander at once. A page still unfinished at ``timeout_s`` counts
    as an error with an infinite time to idle; an unfinished bystander is None."""
    training = asyncio.Event()
    results: list[list[Visit]] = [[] for _ in range(students)]
    tasks = [
        asyncio.create_task(student(base_url, k, mode, extra, timeout_s, training, results[k]))
        for k in range(students)
    ]
    watcher = asyncio.create_task(bystander(base_url, bystander_after, timeout_s, training))
    done, pending = await asyncio.wait([*tasks, watcher], timeout=timeout_s)
    for task in pending:
        task.cancel()
    await asyncio.gather(*pending, return_exceptions=True)
    for task, visits in zip(tasks, results, strict=True):
        if task not in done:
            visits += [
                Visit(page, seconds=math.inf, errors=["unfinished at timeout"])
                for page in STUDENT_PAGES[len(visits) :]
            ]
    return results, watcher.result() if watcher in done else None


# ------------------------------------------------------------------ measuring


def peak_rss_mb(pids: list[int]) -> float:
    """The sum of the processes' peak resident memory (VmHWM), in MiB."""
    total = 0.0
    for pid in pids:
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            return math.nan
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1]) / 1024
    return total if pids else math.nan


def folder_mb(folder: Path | None) -> float:
    if folder is None or not folder.is_dir():
        return math.nan
    total = 0
    for path in folder.rglob("*"):
        try:
            if path.is_file():
                total += path.stat().st_size
        except OSError:
            pass
    return total / 2**20


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100); nan for no values."""
    values = sorted(v for v in values if not math.isnan(v))
    if not values:
        return math.nan
    rank = max(1, math.ceil(q / 100 * len(values)))
    return values[rank - 1]


def warm(cache: Path) -> None:
    """Compute every lab's shared runs into ``cache``, as ``python -m lstm_viz.warm`` does; a lab
    whose compute module does not import is skipped with a line (the page will fail too)."""
    import lstm_viz.labs as labs
    from lstm_viz.runs import RunCache

    store = RunCache(cache)
    for info in sorted(pkgutil.iter_modules(labs.__path__), key=lambda m: m.name):
        try:
            module = importlib.import_module(f"{labs.__name__}.{info.name}.compute")
        except Exception as error:
            print(f"bench load-warm lab={info.name} skipped={type(error).__name__}", flush=True)
            continue
        start = time.perf_counter()
        specs = list(module.shared_runs()) if hasattr(module, "shared_runs") else []
        for spec in specs:
            if store.get(spec) is None:
                store.put(spec, spec.compute(lambda step, loss, accuracy=None: None))
        seconds = time.perf_counter() - start
        print(f"bench load-warm lab={info.name} runs={len(specs)} s={seconds:.1f}", flush=True)


def report(args, results, watcher, rss: float, cache_before: float, cache_after: float, load0):
    errors: list[str] = []
    times: dict[str, list[float]] = {page: [] for page in STUDENT_PAGES}
    clicks = 0
    for visits in results:
        for visit in visits:
            errors += visit.errors
            clicks += visit.clicked
            if (visit.finished or math.isinf(visit.seconds)) and visit.page in times:
                times[visit.page].append(visit.seconds)
    if watcher is None:
        errors.append("bystander unfinished at timeout")
    else:
        errors += watcher.errors
    every = [s for page in STUDENT_PAGES for s in times[page]]
    by_s = watcher.seconds if watcher is not None else math.nan
    print(
        f"bench load students={args.students} mode={args.mode} errors={len(errors)} "
        f"p50_s={percentile(every, 50):.2f} p95_s={percentile(every, 95):.2f} "
        f"bystander_s={by_s:.2f} peak_rss_mb={rss:.0f} cache_mb={cache_after:.1f} "
        f"load={load():.2f}",
        flush=True,
    )
    pages = " ".join(
        f"{page}_p50_s={percentile(ts, 50):.2f} {page}_p95_s={percentile(ts, 95):.2f} "
        f"{page}_done={len(ts)}"
        for page, ts in times.items()
    )
    print(
        f"bench load-detail {pages} clicks={clicks} cache_before_mb={cache_before:.1f} "
        f"load_before={load0:.2f}",
        flush=True,
    )
    for kind in sorted(set(errors)):
        print(f"bench load-error count={errors.count(kind)} {kind}", flush=True)
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=5)
    parser.add_argument("--mode", choices=("same", "distinct"), default="same")
    parser.add_argument("--url", help="a running server (loopback only); default: start one")
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds for the whole test")
    parser.add_argument(
        "--bystander-after", type=float, default=2.0, help="seconds after the first training"
    )
    parser.add_argument("--extra", default="", help="URL settings added to every page's link")
    parser.add_argument("--server-pid", type=int, action="append", default=[])
    parser.add_argument("--cache", type=Path, help="the run cache folder to measure (with --url)")
    parser.add_argument("--no-warm", action="store_true", help="start with an empty cache")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 200:
        parser.error("--students must be within 1-200")
    if not 0 < args.timeout <= 3600:
        parser.error("--timeout must be within 0-3600 s")
    load0 = load()
    if args.url:
        host = urllib.parse.urlsplit(args.url).hostname
        if host not in LOOPBACK:
            parser.error("--url must be a loopback address (127.0.0.1, localhost)")
        return _measure(args, args.url, args.server_pid, args.cache, load0)

    sys.path.insert(0, str(ROOT / "tests"))
    from browser_util import start_server, stop_server

    with tempfile.TemporaryDirectory(prefix="lstm-lab-load-") as folder:
        cache = Path(folder) / "cache"
        cache.mkdir()
        previous = os.environ.get("LSTM_LAB_CACHE")
        os.environ["LSTM_LAB_CACHE"] = str(cache)  # the server (and warm) inherit it
        try:
            if not args.no_warm:
                warm(cache)
            server = start_server(ROOT, Path(folder) / "server.log")
            try:
                return _measure(args, server.base_url, [server.process.pid], cache, load0)
            finally:
                stop_server(server)
        finally:
            if previous is None:
                os.environ.pop("LSTM_LAB_CACHE", None)
            else:
                os.environ["LSTM_LAB_CACHE"] = previous


def _measure(args, base_url: str, pids: list[int], cache: Path | None, load0: float) -> int:
    cache_before = folder_mb(cache)
    results, watcher = asyncio.run(
        run_class(
            base_url, args.students, args.mode, args.extra, args.timeout, args.bystander_after
        )
    )
    errors = report(
        args, results, watcher, peak_rss_mb(pids), cache_before, folder_mb(cache), load0
    )
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
