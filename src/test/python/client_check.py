"""Drives python/feynet against a running feynet serve (port in argv[1]); prints what it got as one JSON object.

Run by org.feynet.cli.PythonClientTest, which compares every number with the command line's own output.
"""

import json
import os
import sys

import feynet
from feynet import client


def plain(x):
    """numpy arrays (and anything nested) back to lists, for printing."""
    if hasattr(x, "tolist"):
        return x.tolist()
    if isinstance(x, dict):
        return {k: plain(v) for k, v in x.items()}
    if isinstance(x, list):
        return [plain(v) for v in x]
    return x


fy = feynet.connect(int(sys.argv[1]))
out = {"health": fy.health(), "numpy": client.use_numpy}
tanh = "examples/mlp_tanh.fnet"
evaluated = fy.eval(tanh)
out["array_type"] = type(evaluated["layers"][-1]["K0"]).__name__
out["eval"] = plain(evaluated)
out["eval_order2"] = plain(fy.eval(tanh, order=2))
with open(tanh) as f:
    out["eval_text"] = plain(fy.eval(text=f.read()))
out["sample"] = plain(fy.sample(tanh, width=8, networks=128, batches=8, seed=3))
out["compare"] = plain(fy.compare(tanh, widths=[8, 12, 16], networks=64, seed=5))
out["derive"] = plain(fy.derive(tanh))
try:
    fy.eval(text="network broken {\n  width n\n")
    out["bad"] = None
except feynet.BadInput as e:
    out["bad"] = {"message": e.message, "exit_code": e.exit_code, "status": e.status}
try:
    fy.sample(tanh, width=0)
    out["bad_option"] = None
except feynet.BadInput as e:
    out["bad_option"] = {"message": e.message, "exit_code": e.exit_code}
try:
    fy.eval("examples/phi4.fnet", model="nope")
    out["bad_block"] = None
except feynet.BadInput as e:
    out["bad_block"] = e.message
fake = os.path.join(os.path.dirname(os.path.abspath(__file__)), "fake_serve.py")
with feynet.Server(launcher=fake) as started:
    out["started_health"] = started.health()
out["started_exit"] = started.process.returncode
os.environ["FAKE_FAIL"] = "1"
try:
    feynet.Server(launcher=fake)
    out["failed_start"] = None
except feynet.FeynetError as e:
    out["failed_start"] = e.message
client.use_numpy = False
out["plain_type"] = type(fy.eval(tanh)["layers"][-1]["K0"]).__name__
print(json.dumps(out))
