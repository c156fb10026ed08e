"""The client of ``feynet serve`` (see docs/PYTHON.md); standard library only, numpy optional."""

import atexit
import json
import os
import queue
import subprocess
import threading
import urllib.error
import urllib.request

try:
    import numpy as _numpy
except ImportError:  # plain lists then
    _numpy = None

#: Whether numeric arrays are returned as numpy arrays (True when numpy is importable; set False for plain lists).
use_numpy = _numpy is not None


class FeynetError(Exception):
    """A request feynet refused or failed: ``message`` is its one-line message, ``exit_code`` the command line's."""

    def __init__(self, message, exit_code, status):
        super().__init__(message)
        self.message = message
        self.exit_code = exit_code
        self.status = status


class BadInput(FeynetError):
    """Bad input: a model or option that cannot be used (exit code 2, HTTP 400)."""


class NumericalTrouble(FeynetError):
    """Numerical trouble: a singular kernel, a divergence, a NaN (exit code 3, HTTP 422)."""


#: Options given as paths, made absolute so that they mean the same to a server started elsewhere.
_PATH_OPTIONS = ("plot", "diagrams")


class Client:
    """A connection to a running ``feynet serve`` at ``url`` (``http://127.0.0.1:PORT``).

    Every command takes the model file as ``source`` (a path, or the file's text when it holds a newline or a brace),
    or explicitly as ``path=`` or ``text=``, and the command line's options named without dashes: ``order=2``,
    ``model="block"``, ``widths=[32, 64, 128]``, ``no_theory=True``.
    """

    def __init__(self, url, timeout=3600):
        self.url = url.rstrip("/")
        self.timeout = timeout

    def health(self):
        """The server's version and commands."""
        with urllib.request.urlopen(self.url + "/health", timeout=10) as response:
            return json.loads(response.read().decode("utf-8"))

    def derive(self, source=None, **options):
        """The recursions as ``derive --json`` gives them (text, LaTeX and diagrams of every statistic)."""
        return self._call("derive", source, options)

    def eval(self, source=None, **options):
        """The statistics of every layer, as ``eval --json`` (K0, K1, V4, ... as arrays; e.g. ``order=2``)."""
        return self._call("eval", source, options)

    def sample(self, source=None, **options):
        """Monte Carlo at one width, as ``sample --json``, with the predictions (``width=64, networks=2000``)."""
        return self._call("sample", source, options)

    def compare(self, source=None, **options):
        """Theory against sampling across widths, as ``compare --json`` (``widths=[32, 64, 128]``, ``plot=...``)."""
        return self._call("compare", source, options)

    def _call(self, command, source, options):
        body = dict(options)
        text = body.pop("text", None)
        path = body.pop("path", None)
        if source is not None:
            if "\n" in source or "{" in source:
                text = source
            else:
                path = source
        if text is not None and path is not None:
            raise ValueError("give the model as text or as a path, not both")
        if text is not None:
            body["text"] = text
        elif path is not None:
            body["path"] = os.path.abspath(os.fspath(path))
        for key in _PATH_OPTIONS:
            if body.get(key) is not None:
                body[key] = os.path.abspath(os.fspath(body[key]))
        request = urllib.request.Request(self.url + "/" + command, data=json.dumps(body).encode("utf-8"),
                                         headers={"Content-Type": "application/json"}, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return _arrays(json.loads(response.read().decode("utf-8")))
        except urllib.error.HTTPError as failure:
            raise _error(failure) from None

    def close(self):
        """Nothing to release for a plain connection."""


def _error(failure):
    try:
        answer = json.loads(failure.read().decode("utf-8"))
        message, code = answer["error"], answer["exit_code"]
    except (ValueError, KeyError):
        message, code = "HTTP %d from feynet serve" % failure.code, 1
    kind = BadInput if failure.code in (400, 404, 405) else NumericalTrouble if failure.code == 422 else FeynetError
    return kind(message, code, failure.code)


def _leaves(value):
    """The numbers of a nested list, or None when it holds anything else (or nothing)."""
    if not isinstance(value, list) or not value:
        return None
    out = []
    for v in value:
        if isinstance(v, list):
            inner = _leaves(v)
            if inner is None:
                return None
            out.extend(inner)
        elif v is None or (isinstance(v, (int, float)) and not isinstance(v, bool)):
            out.append(v)
        else:
            return None
    return out


def _arrays(value):
    """Nested lists of numbers become numpy arrays when numpy is in use (float, null as NaN, where any is)."""
    if isinstance(value, dict):
        return {k: _arrays(v) for k, v in value.items()}
    if isinstance(value, list):
        leaves = _leaves(value) if use_numpy else None
        if leaves is not None:
            floating = any(v is None or isinstance(v, float) for v in leaves)
            try:
                return _numpy.array(value, dtype=float if floating else None)
            except ValueError:  # ragged: keep the lists
                pass
        return [_arrays(v) for v in value]
    return value


def connect(port=8765, host="127.0.0.1"):
    """A client of the server already listening at host:port."""
    return Client("http://%s:%d" % (host, port))


def _launcher():
    explicit = os.environ.get("FEYNET")
    if explicit:
        return explicit
    here = os.path.dirname(os.path.abspath(__file__))
    return os.path.join(os.path.dirname(os.path.dirname(here)), "feynet")


def _forward(stream, lines):
    """Puts every line of the server's stdout into the queue, then None at its end."""
    for line in stream:
        lines.put(line)
    lines.put(None)


class Server(Client):
    """``feynet serve`` started as a subprocess on a free port: ready when constructed, stopped by ``close()``.

    ``launcher`` is the ``feynet`` script (default: $FEYNET, else the repository's, found beside this package);
    ``startup_timeout`` covers a first build by Maven.
    """

    def __init__(self, launcher=None, port=0, startup_timeout=900):
        self.process = subprocess.Popen([launcher or _launcher(), "serve", "--port", str(port)],
                                        stdout=subprocess.PIPE, stdin=subprocess.DEVNULL, text=True)
        lines = queue.Queue()
        threading.Thread(target=_forward, args=(self.process.stdout, lines), daemon=True).start()
        prefix = "feynet serve: listening on "
        while True:
            try:
                line = lines.get(timeout=startup_timeout)
            except queue.Empty:
                self.process.kill()
                raise FeynetError("feynet serve did not start within %d s" % startup_timeout, 1, None) from None
            if line is None:
                code = self.process.wait()
                raise FeynetError("feynet serve exited with code %d before it was ready" % code, 1, None)
            if line.startswith(prefix):
                super().__init__(line[len(prefix):].strip())
                return

    def close(self):
        """Stops the server (``POST /shutdown``, then a signal if it does not go)."""
        if self.process.poll() is None:
            try:
                urllib.request.urlopen(urllib.request.Request(self.url + "/shutdown", data=b"", method="POST"),
                                       timeout=10).close()
                self.process.wait(timeout=10)
            except Exception:  # any failure: make sure it goes
                self.process.terminate()
                self.process.wait(timeout=10)
        if self.process.stdout:
            self.process.stdout.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


_default = None


def _server():
    global _default
    if _default is None:
        _default = Server()
        atexit.register(_default.close)
    return _default


def derive(source=None, **options):
    """``Client.derive`` on a server started on first use (stopped at exit)."""
    return _server().derive(source, **options)


def eval(source=None, **options):  # noqa: A001 - the command's name
    """``Client.eval`` on a server started on first use (stopped at exit)."""
    return _server().eval(source, **options)


def sample(source=None, **options):
    """``Client.sample`` on a server started on first use (stopped at exit)."""
    return _server().sample(source, **options)


def compare(source=None, **options):
    """``Client.compare`` on a server started on first use (stopped at exit)."""
    return _server().compare(source, **options)
