"""A Python door to feynet: derive, eval, sample and compare from a warm ``feynet serve``.

Pure standard library (urllib and json); numeric arrays come back as numpy arrays when numpy is importable and as
nested lists otherwise.  Quick start, from the repository's ``python/`` directory::

    import feynet
    with feynet.Server() as fy:                    # starts ../feynet serve on a free port
        stats = fy.eval("../examples/mlp_tanh.fnet")
        print(stats["layers"][-1]["K0"])           # the kernel of the last layer

or ``feynet.connect(8765)`` for a server already running (``./feynet serve --port 8765``), or the module-level
``feynet.eval(...)`` and friends, which start one server on first use and stop it at exit.
"""

from .client import (BadInput, Client, FeynetError, NumericalTrouble, Server, compare, connect, derive, eval,
                     sample)

__all__ = ["BadInput", "Client", "FeynetError", "NumericalTrouble", "Server", "compare", "connect", "derive", "eval",
           "sample"]
