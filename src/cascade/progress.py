"""Progress of long operations: a callback type, and a bar on the terminal for the CLI.

Reading a large workbook, checking it and propagating it can take a while. The functions that
do (:func:`cascade.read`, :func:`cascade.write`, :func:`cascade.check`,
:func:`cascade.propagate`) take a keyword-only ``progress`` callback and report to it as they
go. The default, ``None``, reports nothing and costs nothing: a library call never prints.
``cascade`` on the command line passes a :class:`TerminalProgress`, which draws a bar on
stderr when stderr is a terminal and the work takes longer than a couple of seconds.

Vocabulary
----------
progress callback
    Any callable ``progress(stage, done, total)`` returning nothing: the type
    :data:`Progress`. A plain function, a bound method or an object with ``__call__`` will do.
stage
    What is under way, a short lowercase word. The library reports four:

    =============  ============================================================
    stage          steps (``total``)
    =============  ============================================================
    ``read``       1: the whole workbook, read and checked cell by cell
    ``write``      1: the whole workbook
    ``check``      one per rule selected, in catalogue order
    ``propagate``  5: indicators (realisation and achievement), goals and
                   owners, budget, the result tables, the findings
    =============  ============================================================
done, total
    How many of the stage's steps are complete, and how many there are. ``total`` is fixed for
    a stage; ``total`` may be 0 (a check with every rule ignored).

The contract a callback can rely on:

- a stage's first report has ``done == 0`` and, when the stage completes, its last has
  ``done == total``; an exception ends a stage early, without a last report;
- ``0 <= done <= total``, and ``done`` never decreases within a stage;
- reports come in the calling thread, one stage after another, never interleaved; the same
  callback may be passed to several calls in a row (``read``, then ``check``);
- an exception raised by the callback propagates and aborts the operation, so a callback
  should be quick and should not raise.

A stage whose one step takes long reports nothing while it runs; a display that wants to show
time passing redraws on its own clock, as :class:`TerminalProgress` does.

Plugging in your own display, a notebook widget for example::

    from ipywidgets import IntProgress

    bar = IntProgress(description="")
    display(bar)


    def show(stage: str, done: int, total: int) -> None:
        bar.description, bar.max, bar.value = stage, max(total, 1), done


    city = cascade.read("kota.xlsx", progress=show)
    report = cascade.check(city, progress=show)

Or record the reports:

>>> import cascade
>>> seen = []
>>> report = cascade.check(cascade.load_example(), progress=lambda *r: seen.append(r))
>>> {stage for stage, _, _ in seen}
{'check'}
>>> min(done for _, done, _ in seen), max(done for _, done, _ in seen), len(seen)
(0, 30, 31)
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from types import TracebackType
from typing import TextIO

__all__ = ["DEFAULT_DELAY", "DEFAULT_INTERVAL", "Progress", "TerminalProgress", "silent"]

#: A progress callback: ``progress(stage, done, total)``, ``done`` of ``total`` steps of
#: ``stage`` complete (see the module docstring for the contract).
Progress = Callable[[str, int, int], None]

#: How long, in seconds, :class:`TerminalProgress` stays silent by default.
DEFAULT_DELAY = 2.0
#: The least time, in seconds, between two redraws of the bar by default (10 a second).
DEFAULT_INTERVAL = 0.1
_STAGE_WIDTH = 10
_STAGE_MAX = 24


def silent(stage: str, done: int, total: int) -> None:
    """A progress callback that reports nothing: what ``progress=None`` stands for.

    Examples
    --------
    >>> silent("check", 3, 40)
    """


class TerminalProgress:
    r"""A progress bar on one line of a terminal, redrawn in place; what the CLI shows.

    The bar goes to ``stream`` (stderr by default, never stdout, which carries the output of a
    command) and only when the stream is a terminal, unless ``enabled`` says otherwise. It
    stays silent for the first ``delay`` seconds of a run, so a quick command prints nothing,
    then draws ``stage [#####-----]  50%  0:03`` (the stage, a bar, the percentage of the
    stage's steps done and the time since the run's first report), redrawing it with ``\r``
    at most once per ``interval``. :meth:`close` (or leaving a ``with`` block) blanks the line
    again, so what is printed next starts on a clean line, and ends the run: the next report
    starts a new one, with its own delay.

    Inside a ``with`` block a background thread also redraws the bar every ``interval``, so
    the elapsed time moves, and the bar appears, during a long step that reports nothing
    (reading a large workbook is one step). Outside one, or with ``background=False``, the bar
    is drawn only when a report arrives, which makes the output a function of the reports and
    the clock alone.

    Parameters
    ----------
    stream
        Where to draw; :data:`sys.stderr` when ``None``.
    enabled
        ``True`` to draw whatever the stream is, ``False`` never to draw; ``None`` (the
        default) to draw only when the stream is a terminal (``stream.isatty()``).
    delay
        Seconds of silence at the start of a run (default 2).
    interval
        The least number of seconds between two redraws (default 0.1: 10 a second).
    width
        The number of characters of the bar itself.
    clock
        Seconds as a float, for the delay, the rate and the elapsed time; the default is
        :func:`time.monotonic`. Tests pass a fake one.
    background
        Whether a ``with`` block starts the thread that redraws on its own.

    Raises
    ------
    ValueError
        For a negative ``delay`` or ``interval``, or a ``width`` below 1.

    Examples
    --------
    >>> import io
    >>> now = [0.0]
    >>> out = io.StringIO()
    >>> bar = TerminalProgress(out, enabled=True, delay=2, width=10, clock=lambda: now[0])
    >>> bar("check", 0, 4)  # t = 0: within the delay, nothing is drawn
    >>> now[0] = 3.0
    >>> bar("check", 2, 4)
    >>> out.getvalue()
    '\rcheck      [#####-----]  50%  0:03'
    >>> bar.close()
    >>> out.getvalue().endswith("\r" + " " * 34 + "\r")
    True
    """

    def __init__(
        self,
        stream: TextIO | None = None,
        *,
        enabled: bool | None = None,
        delay: float = DEFAULT_DELAY,
        interval: float = DEFAULT_INTERVAL,
        width: int = 24,
        clock: Callable[[], float] = time.monotonic,
        background: bool = True,
    ) -> None:
        if not delay >= 0 or not interval >= 0:  # also refuses NaN
            msg = f"delay and interval must be >= 0 seconds (got {delay!r} and {interval!r})"
            raise ValueError(msg)
        if width < 1:
            msg = f"width must be at least 1 (got {width!r})"
            raise ValueError(msg)
        self.stream: TextIO = sys.stderr if stream is None else stream
        self.enabled: bool = _is_terminal(self.stream) if enabled is None else enabled
        self.delay = delay
        self.interval = interval
        self.width = width
        self.background = background
        self._clock = clock
        self._lock = threading.Lock()
        self._state: tuple[str, int, int] | None = None
        self._started: float | None = None
        self._drawn_at: float | None = None
        self._shown = 0  # characters on the line now; 0 when nothing is drawn
        self._text = ""  # the text on the line now
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __call__(self, stage: str, done: int, total: int) -> None:
        """Report that ``done`` of ``total`` steps of ``stage`` are complete."""
        if not self.enabled:
            return
        with self._lock:
            now = self._clock()
            if self._started is None:
                self._started = now
            self._state = (stage, done, total)
            self._draw(now)

    def close(self) -> None:
        """Stop the background thread, blank the bar's line and end the run."""
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stop.set()
            thread.join()
        with self._lock:
            if self._shown:
                self._write("\r" + " " * self._shown + "\r")
            self._state = self._started = self._drawn_at = None
            self._shown, self._text = 0, ""

    def __enter__(self) -> TerminalProgress:
        if self.enabled and self.background and self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(
                target=self._redraw_until_stopped, name="cascade-progress", daemon=True
            )
            self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def line(self, stage: str, done: int, total: int, elapsed: float) -> str:
        """The text of the bar for a report, ``elapsed`` seconds into the run.

        Examples
        --------
        >>> TerminalProgress(enabled=False, width=10).line("propagate", 2, 5, 75.2)
        'propagate  [####------]  40%  1:15'
        >>> TerminalProgress(enabled=False, width=10).line("check", 0, 0, 0)
        'check      [##########] 100%  0:00'
        """
        fraction = min(max(done / total, 0.0), 1.0) if total > 0 else 1.0
        filled = int(fraction * self.width)
        bar = "#" * filled + "-" * (self.width - filled)
        label = stage[:_STAGE_MAX].ljust(_STAGE_WIDTH)
        minutes, seconds = divmod(int(elapsed), 60)
        return f"{label} [{bar}] {int(fraction * 100):3d}%  {minutes}:{seconds:02d}"

    # -------------------------------------------------------------------------- internals

    def _redraw_until_stopped(self) -> None:
        while not self._stop.wait(max(self.interval, 0.01)):
            with self._lock:
                if self._state is not None:
                    self._draw(self._clock())

    def _draw(self, now: float) -> None:
        """Redraw if the delay is over, the last redraw old enough and the text new (locked)."""
        if self._state is None or self._started is None or now - self._started < self.delay:
            return
        if self._drawn_at is not None and now - self._drawn_at < self.interval:
            return
        text = self.line(*self._state, elapsed=now - self._started)
        if text == self._text:
            return
        self._write("\r" + text.ljust(self._shown))  # spaces over a longer previous line
        self._shown, self._text = max(self._shown, len(text)), text
        self._drawn_at = now

    def _write(self, text: str) -> None:
        """Write and flush; a stream that fails (closed, a broken pipe) ends the drawing."""
        try:
            self.stream.write(text)
            self.stream.flush()
        except (OSError, ValueError):
            self.enabled = False


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, OSError, ValueError):  # a closed or a file-like stream
        return False
