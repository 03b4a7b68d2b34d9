import json, sys
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
LOG = open('requests.log', 'a')
ANSWER = {"tasks": [{"description": "look at the login page returning 500 on Safari", "project": "spare",
          "backend": None, "priority": "urgent", "draft": False, "after": [], "schedule": None, "worker": None, "tags": []}],
          "question": None}
class H(BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    def log_message(self, *a): pass
    def do_HEAD(self):
        self.send_response(200); self.send_header('Content-Length','0'); self.end_headers()
    def do_GET(self):
        LOG.write('GET ' + self.path + '\n'); LOG.flush()
        body = b'{}'
        self.send_response(200); self.send_header('Content-Type','application/json'); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body)
    def do_POST(self):
        n = int(self.headers.get('Content-Length', 0)); raw = self.rfile.read(n)
        LOG.write('POST ' + self.path + ' ' + raw.decode() + '\n'); LOG.flush()
        if 'count_tokens' in self.path:
            body = b'{"input_tokens": 12}'
            self.send_response(200); self.send_header('Content-Type','application/json'); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body); return
        req = json.loads(raw or b'{}')
        tools = [t.get('name') for t in req.get('tools', [])]
        so = next((t for t in tools if 'tructured' in (t or '')), None)
        model = req.get('model', 'x')
        if so:
            content = {"type": "tool_use", "id": "toolu_01", "name": so, "input": {}}
            delta = {"type": "input_json_delta", "partial_json": json.dumps(ANSWER)}
        else:
            content = {"type": "text", "text": ""}
            delta = {"type": "text_delta", "text": "ok"}
        events = [
          ("message_start", {"type": "message_start", "message": {"id": "msg_01", "type": "message", "role": "assistant", "model": model, "content": [], "stop_reason": None, "stop_sequence": None, "usage": {"input_tokens": 812, "output_tokens": 1, "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0}}}),
          ("content_block_start", {"type": "content_block_start", "index": 0, "content_block": content}),
          ("content_block_delta", {"type": "content_block_delta", "index": 0, "delta": delta}),
          ("content_block_stop", {"type": "content_block_stop", "index": 0}),
          ("message_delta", {"type": "message_delta", "delta": {"stop_reason": "tool_use" if so else "end_turn", "stop_sequence": None}, "usage": {"output_tokens": 64}}),
          ("message_stop", {"type": "message_stop"})]
        if not req.get('stream'):
            if so:
                c = {"type": "tool_use", "id": "toolu_01", "name": so, "input": ANSWER}
            else:
                c = {"type": "text", "text": "ok"}
            body = json.dumps({"id": "msg_01", "type": "message", "role": "assistant", "model": model, "content": [c], "stop_reason": "tool_use" if so else "end_turn", "stop_sequence": None, "usage": {"input_tokens": 812, "output_tokens": 64}}).encode()
            self.send_response(200); self.send_header('Content-Type','application/json'); self.send_header('Content-Length', str(len(body))); self.end_headers(); self.wfile.write(body); return
        out = ''.join('event: %s\ndata: %s\n\n' % (e, json.dumps(d)) for e, d in events).encode()
        self.send_response(200); self.send_header('Content-Type', 'text/event-stream'); self.send_header('Content-Length', str(len(out))); self.end_headers(); self.wfile.write(out)
ThreadingHTTPServer(('127.0.0.1', 18555), H).serve_forever()
