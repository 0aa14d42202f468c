#!/usr/bin/env python3
"""A tiny nc for machines without one: connect to 127.0.0.1:PORT, send each line typed,
print what arrives, and say how each direction ended. End of stream from the server does not
end it (a half-closed connection still carries our lines); Ctrl-D sends our FIN; it exits
when both directions are done or the connection is reset."""
import selectors, socket, sys

port = int(sys.argv[1])
s = socket.create_connection(("127.0.0.1", port), timeout=600)
print(f"[connected from port {s.getsockname()[1]}]", flush=True)
sel = selectors.DefaultSelector()
sel.register(s, selectors.EVENT_READ)
sel.register(sys.stdin, selectors.EVENT_READ)
while True:
    for key, _ in sel.select():
        if key.fileobj is s:
            try:
                data = s.recv(4096)
            except ConnectionResetError:
                print("[connection reset by the server side]", flush=True)
                sys.exit(0)
            if not data:
                print("[end of stream: the server side sent FIN; we can still send]", flush=True)
                sel.unregister(s)
                if not sel.get_map():
                    sys.exit(0)
                continue
            print(f"[received] {data.decode(errors='replace')!r}", flush=True)
        else:
            line = sys.stdin.readline()
            if not line:
                s.shutdown(socket.SHUT_WR)
                sel.unregister(sys.stdin)
                print("[stdin ended: sent FIN with shutdown(SHUT_WR)]", flush=True)
                if not sel.get_map():
                    sys.exit(0)
                continue
            try:
                s.sendall(line.encode())
                print(f"[sent] {line!r}", flush=True)
            except OSError as e:
                print(f"[send failed: {e.strerror}]", flush=True)
