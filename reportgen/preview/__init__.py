"""`reportgen preview`: the committee's review loop. A local web server (127.0.0.1 only)
shows the screen version of the report; every change under the data folder or the
templates rebuilds it (rebuild.py: as little as the change needs) and the open page reloads
itself at the same scroll position (server.py, pagina.html). A text with an error shows the
error in the page; the server keeps running and recovers when the text is fixed.

    run_preview(PreviewOptions(data_dir=Path("data"), jaar=2028))

Watching uses `watchfiles`; serving Starlette on uvicorn in a background thread. The main
thread watches and rebuilds (the text sandbox's time limit needs the main thread).
Ctrl-C (or SIGTERM) stops it cleanly.
"""

from __future__ import annotations

import datetime as dt
import signal
import sys
from pathlib import Path
from typing import Any, TextIO

from ..errors import ConfigError
from .page import compose, waiting_page
from .rebuild import DATA, TEMPLATES, TEXTS, Outcome, PreviewOptions, Rebuilder
from .server import DEFAULT_PORT, PortInUse, Published, Server, bind

__all__ = ["PreviewOptions", "run_preview", "Rebuilder", "DEFAULT_PORT"]

MAX_PRINTED = 10  # problems printed in the terminal per rebuild (the page has them all)
_KIND_TEXT = {DATA: "de gegevens", TEXTS: "de teksten", TEMPLATES: "de sjablonen"}


def _seconds(value: float) -> str:
    return f"{value:.2f}".replace(".", ",") + " s"


class _Terminal:
    def __init__(self, stream: TextIO | None):
        self.stream = stream if stream is not None else sys.stdout

    def say(self, text: str) -> None:
        self.stream.write(text + "\n")
        self.stream.flush()

    def outcome(self, o: Outcome, first: bool) -> None:
        stamp = dt.datetime.now().strftime("%H:%M:%S")
        what = "opgebouwd" if first else f"bijgewerkt na een wijziging in {_KIND_TEXT[o.kind]}"
        if o.internal:
            self.say(f"[{stamp}] interne fout bij het bijwerken ({o.internal}); het voorbeeld "
                     "draait door")
            return
        if o.failed:
            self.say(f"[{stamp}] {'opbouwen' if first else 'bijwerken'} mislukt: "
                     f"{len(o.errors)} fout(en), zie de pagina ({_seconds(o.seconds)})")
            for p in o.errors[:MAX_PRINTED]:
                self.say(f"  {p}")
            if len(o.errors) > MAX_PRINTED:
                self.say(f"  … en nog {len(o.errors) - MAX_PRINTED}")
            return
        extra = f", {len(o.warnings)} waarschuwing(en)" if o.warnings else ""
        self.say(f"[{stamp}] {what} ({_seconds(o.seconds)}{extra})")


def check_options(options: PreviewOptions) -> None:
    from ..build import check_paths

    check_paths(Path(options.data_dir), options.jaar)


def _on_sigterm(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def run_preview(options: PreviewOptions, stream: TextIO | None = None) -> None:
    """Serve the preview until Ctrl-C. Raises ConfigError for a bad year, data folder or a
    taken --port."""
    from watchfiles import watch

    check_options(options)
    term = _Terminal(stream)
    try:
        sock, taken = bind(options.port)
    except PortInUse:
        raise ConfigError(f"Poort {options.port} is al in gebruik; kies een andere poort met "
                          "--port, of laat --port weg (dan kiest reportgen een vrije).")
    published = Published(waiting_page(options.jaar))
    server = Server(published, sock)
    rebuilder = Rebuilder(options)
    previous_term = signal.signal(signal.SIGTERM, _on_sigterm)
    last_good: str | None = None
    try:
        server.start()
        if taken:
            term.say(f"Poort {DEFAULT_PORT} is bezet; het voorbeeld gebruikt poort {server.port}.")
        term.say(f"Voorbeeld van het rapport {options.jaar}: {server.url}  (stoppen: Ctrl-C)")

        def show(outcome: Outcome, first: bool = False) -> None:
            nonlocal last_good
            if outcome.html is not None:
                last_good = outcome.html
            page = compose(last_good, published.version + 1, errors=outcome.errors,
                           warnings=outcome.warnings, internal=outcome.internal,
                           jaar=options.jaar)
            published.publish(page)
            term.outcome(outcome, first)

        show(rebuilder.rebuild(DATA), first=True)
        for changes in watch(*rebuilder.watched(), step=25, debounce=1600,
                             raise_interrupt=True):
            show(rebuilder.changed(changes))
    except KeyboardInterrupt:
        pass
    finally:
        # A second Ctrl-C while the server winds down does not interrupt the clean stop.
        previous_int = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            server.stop()
        finally:
            signal.signal(signal.SIGINT, previous_int)
            signal.signal(signal.SIGTERM, previous_term)
    term.say("Voorbeeld gestopt.")
