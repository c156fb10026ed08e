#!/usr/bin/env python3
"""A stand-in for the feynet launcher in client_check.py: `fake_serve.py serve --port 0` announces itself as feynet
serve does, answers GET /health and stops on POST /shutdown; with FAKE_FAIL set it exits with code 2 at once."""

import http.server
import json
import os
import sys
import threading

if os.environ.get("FAKE_FAIL"):
    sys.exit(2)
assert sys.argv[1:] == ["serve", "--port", "0"], sys.argv


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, body):
        data = json.dumps(body).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self.answer({"fake": True})

    def do_POST(self):
        self.answer({"stopping": True})
        threading.Thread(target=server.shutdown).start()

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
print("feynet: building ...", flush=True)
print("feynet serve: listening on http://127.0.0.1:%d" % server.server_address[1], flush=True)
server.serve_forever()
