"""A local HTTP server on 127.0.0.1 that records every request as the gateway receives it.

Usage: server.py PORT RECORDS.jsonl. Each request is appended as one JSON line (method,
path, headers, body) before the answer is sent, so a client whose call returned finds its
request recorded. The answer is a minimal successful ImportImage response.
"""
import http.server
import json
import sys


class Recorder(http.server.BaseHTTPRequestHandler):
    def handle_any(self):
        length = int(self.headers.get("content-length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        record = {
            "method": self.command,
            "path": self.path,
            "headers": {k.lower(): v for k, v in self.headers.items()},
            "body": body,
        }
        with open(sys.argv[2], "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        answer = b'{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","ImageId":"m-1","ImportTaskId":"t-1","RegionId":"cn-hangzhou"}'
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    do_GET = do_POST = do_PUT = handle_any

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Recorder).serve_forever()
